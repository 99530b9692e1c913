import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../test-support/require-service';
import { startTestServer, type TestServer } from './testing/start-test-server';

const guide = readFileSync(new URL('../../../docs/triggers.md', import.meta.url), 'utf8');
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/**
 * Runs every `sh` block of docs/triggers.md, in order, in one bash process against a real server (its
 * scheduler on, so webhook firings run) and a scripted model: the signed curl call must work as written.
 */
const toolsPresent = ['jq', 'curl', 'openssl'].every(
  (tool) => spawnSync(tool, ['version']).error === undefined,
);
const runnable = requireService(
  toolsPresent,
  'docs/triggers.md examples',
  'Install jq, curl and openssl: apt-get install -y jq curl openssl',
);

describe.skipIf(!runnable)('docs/triggers.md examples', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Ada asks whether we ship to Norway.'));
    server = await startTestServer({
      security: { apiKey: 'docs-admin-key-0123456789' },
      ollama: { url: ollama.url },
      scheduler: { enabled: true, intervalMs: 100 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
  });

  it('runs every example: the signed call runs once, its replay is a duplicate', async () => {
    expect(shellBlocks.length).toBeGreaterThanOrEqual(5);
    const script = shellBlocks.map((block, index) => `echo "::block ${index + 1}::"\n${block}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, AGENTRY_URL: server.url, AGENTRY_API_KEY: 'docs-admin-key-0123456789' },
      timeout: 60_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `An example in docs/triggers.md failed.\n--- stdout\n${error.stdout}\n--- stderr\n${error.stderr}`,
      );
    });
    expect(stdout).toContain('"secretSet": true');
    expect(stdout).toMatch(/"status": "received",\s*"duplicate": false/);
    expect(stdout).toContain('::block 5::\ntrue');
    expect(stdout).toContain(
      '[{"status":"skipped","duplicateOf":true},{"status":"executed","duplicateOf":false}]',
    );
    expect(stdout).toContain('Summarise this contact request from ada@example.com: Do you ship to Norway?');
  });
});
