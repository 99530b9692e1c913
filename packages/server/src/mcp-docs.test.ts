import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../test-support/require-service';
import { startTestServer, type TestServer } from './testing/start-test-server';

const guide = readFileSync(new URL('../../../docs/mcp.md', import.meta.url), 'utf8');
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);
/** The guide's example settings file: the `json` block that lists `mcpServers`. */
const settingsExample = [...guide.matchAll(/```json\n([\s\S]*?)```/g)]
  .map((match) => match[1] as string)
  .find((block) => block.includes('"mcpServers"') && block.includes('${env:'));

const ADMIN_KEY = 'docs-admin-key-0123456789';
const toolsPresent = ['jq', 'curl'].every((tool) => spawnSync(tool, ['--version']).status === 0);
const runnable = requireService(
  toolsPresent,
  'docs/mcp.md examples',
  'Install jq and curl: apt-get install -y jq curl',
);

/**
 * Runs every `sh` block of docs/mcp.md, in order, in one bash process against a real server started with
 * the guide's example settings file (its `mcpServers`): the filesystem server (a devDependency, run by
 * `npx` without network) is registered over stdio and its tool called on a temp folder.
 */
describe.skipIf(!runnable)('docs/mcp.md examples', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'agentry-mcp-docs-'));
    dataDir = mkdtempSync(join(tmpdir(), 'agentry-mcp-docs-data-'));
    writeFileSync(join(dataDir, 'notes.txt'), 'The launch moved to May.\n');
    const settingsFile = join(folder, 'agentry.config.json');
    writeFileSync(settingsFile, settingsExample ?? '{}');
    server = await startTestServer(
      {
        security: { apiKey: ADMIN_KEY },
        // The remote example names a host that need not resolve here; allowing its URL skips the DNS check.
        mcp: { allowedUrls: ['https://mcp.example.com/'] },
      },
      { AGENTRY_CONFIG: settingsFile, NOTES_TOKEN: 'notes-token', ISSUES_TOKEN: 'issues-token' },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('has the settings example and the shell examples', () => {
    expect(settingsExample).toBeDefined();
    expect(server.agentry.config.fileMcpServers.map((entry) => entry.name)).toEqual([
      'issues',
      'later',
      'notes',
    ]);
    expect(shellBlocks.length).toBeGreaterThanOrEqual(6);
  });

  it('runs every example as written', { timeout: 120_000 }, async () => {
    const script = shellBlocks.map((block, index) => `echo "::block ${index + 1}::"\n${block}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, AGENTRY_URL: server.url, AGENTRY_API_KEY: ADMIN_KEY, DATA_DIR: dataDir },
      timeout: 90_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `An example in docs/mcp.md failed.\n--- stdout\n${error.stdout}\n--- stderr\n${error.stderr}`,
      );
    });
    expect(stdout).toContain('{"name":"fs","source":"api","enabled":true}');
    expect(stdout).toContain('{"state":"connected","lastError":null}');
    expect(stdout).toContain('notes.txt');
    expect(stdout).toContain('{"env":{"set":true}}');
    expect(stdout).not.toContain('reader-token-0123456789');
    expect(stdout).not.toContain('reader-list-token-0123456789');
    expect(stdout).toContain(
      '::block 3::\n{"server":"fs","config":{"env":{"set":true}}}\n{"env":{"set":true}}\n{"ok":true}\n',
    );
    expect(stdout).toContain('"headers":{"Authorization":{"set":true}}');
    expect(stdout).not.toContain('<token>');
    expect(stdout).toContain('["issues","later","notes","fs","tickets"]');
    expect(stdout).toContain('{"name":"fs","enabled":false}');
    expect(stdout).toContain('{"name":"fs","enabled":true}');
    expect(stdout).toContain('204');
    expect(stdout).toContain('"pointer":"/transport/url"');
    expect(stdout).toContain('{"name":"notes","source":"file","transport":');
    expect(stdout).toContain('"env":{"NOTES_TOKEN":{"set":true}}');
    expect(stdout).not.toContain('notes-token');
    expect(stdout).toContain('{"status":409,"code":"INVALID_STATE"}');
    await expect(server.agentry.repositories.mcpServers.get('inside')).rejects.toThrow();
  });
});
