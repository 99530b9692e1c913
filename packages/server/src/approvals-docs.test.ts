import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../test-support/require-service';
import { buildCliIfStale, cli } from './testing/build-cli';
import { startTestServer, type TestServer } from './testing/start-test-server';

const guide = readFileSync(new URL('../../../docs/approvals.md', import.meta.url), 'utf8');
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** The page every question points at, and the one an approver's edited arguments point at instead. */
const pages: Record<string, string> = {
  '/': '<html><head><title>Notes</title></head><body><p>The launch moved to May.</p></body></html>',
  '/launch': '<html><head><title>Launch</title></head><body><p>Launch day is May 12.</p></body></html>',
};

/**
 * Runs every `sh` block of docs/approvals.md, in order, in one bash process against a real server, a
 * scripted model, a web page on loopback and the built `agentry` CLI: each decision the page shows must do
 * what it says.
 */
const toolsPresent = ['jq', 'curl'].every((tool) => spawnSync(tool, ['--version']).status === 0);
const runnable = requireService(
  toolsPresent,
  'docs/approvals.md examples',
  'Install jq and curl: apt-get install -y jq curl',
);

describe.skipIf(!runnable)('docs/approvals.md examples', () => {
  let ollama: ScriptedOllama;
  let page: Server;
  let pageUrl: string;
  let server: TestServer;
  /** A folder holding an `agentry` command that runs the built CLI, put first on the examples' PATH. */
  let binDir: string;

  beforeAll(async () => {
    buildCliIfStale();
    binDir = mkdtempSync(join(tmpdir(), 'agentry-approvals-docs-'));
    writeFileSync(join(binDir, 'agentry'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(join(binDir, 'agentry'), 0o755);
    page = createServer((request, response) => {
      const body = pages[request.url ?? '/'];
      response.writeHead(body ? 200 : 404, { 'content-type': 'text/html' });
      response.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
    ollama = await startScriptedOllama();
    ollama.respondWith((request) => {
      const messages = request.body.messages ?? [];
      const last = messages[messages.length - 1];
      if (last?.role === 'tool') {
        if (last.content.startsWith('rejected by'))
          return reply.text(`I did not read the page: ${last.content}`);
        return reply.text(`The page says: ${(JSON.parse(last.content) as { body: string }).body}`);
      }
      return reply.toolCalls([{ name: 'http_get', arguments: { url: pageUrl } }], {
        content: 'I will read the page first.',
      });
    });
    server = await startTestServer({
      security: { apiKey: 'docs-admin-key-0123456789' },
      ollama: { url: ollama.url, model: 'llama3.2:1b' },
    });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    page?.close();
    if (binDir) rmSync(binDir, { recursive: true, force: true });
  });

  it('runs every example: approve, approve with edited arguments, reject, each on its own call', async () => {
    expect(shellBlocks.length).toBeGreaterThanOrEqual(7);
    const script = shellBlocks.map((block, index) => `echo "::block ${index + 1}::"\n${block}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: {
        ...process.env,
        PATH: `${binDir}:${process.env.PATH}`,
        AGENTRY_URL: server.url,
        AGENTRY_API_KEY: 'docs-admin-key-0123456789',
        PAGE_URL: pageUrl,
      },
      timeout: 90_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `An example in docs/approvals.md failed.\n--- stdout\n${error.stdout}\n--- stderr\n${error.stderr}`,
      );
    });
    const block = (index: number) => stdout.split(`::block ${index}::\n`)[1]?.split('::block ')[0] ?? '';
    // The agent's own policy makes its http_get calls wait
    expect(block(2)).toContain('{"default":"never","tools":{"http_get":"always"}}');
    // The workflow's tool step waits, is approved, runs, and the workflow's overrides are removed
    const workflow = block(3);
    expect(workflow).toMatch(/"status": "waiting_approval"/);
    expect(workflow).toMatch(
      /"agent": "fetch-notes",\s*"tool": "http_get",\s*"arguments": \{\s*"url": "http/,
    );
    expect(workflow).toMatch(/"reasoning": "[^"]*\bfetch\b/);
    expect(workflow).toMatch(/"status": "approved",\s*"decidedBy": "admin"/);
    expect(workflow).toContain('event: run.finished');
    expect(workflow).toMatch(
      /"status": "succeeded",\s*"output": \{[^}]*\},\s*"format": "html",\s*"body": "The launch moved to May\."/,
    );
    expect(workflow).toContain('{"approval":null,"steps":[{"default":"always"}]}');
    // List → inspect → approve: the call ran and the model read the page; a second decision is refused
    const approve = block(4);
    expect(approve).toMatch(/"status": "waiting_approval"/);
    expect(approve).toContain('[{"agent":"reader","tool":"http_get","arguments":{"url":"http');
    expect(approve).toMatch(/"status": "pending",\s*"tool": "http_get"/);
    expect(approve).toMatch(/"status": "approved",\s*"decidedBy": "admin"/);
    expect(approve).toMatch(/"status": "succeeded",\s*"output": "The page says: The launch moved to May\."/);
    expect(approve).toMatch(/"status": 409,\s*"code": "ALREADY_DECIDED"/);
    // Edited arguments: a bad one is refused naming the field, then the call fetched the approver's page
    const edited = block(5);
    expect(edited).toContain('["/arguments/url"]');
    expect(edited).toContain(`{"status":"approved","editedArguments":{"url":"${pageUrl}launch"}}`);
    expect(edited).toMatch(/"status": "succeeded",\s*"output": "The page says: Launch day is May 12\."/);
    expect(edited).not.toContain('The launch moved to May.');
    // Reject: the call did not run, the model got the rejection as the tool's answer
    const rejected = block(6);
    expect(rejected).toMatch(
      /"status": "rejected",\s*"decidedBy": "admin",\s*"reason": "that page is internal"/,
    );
    expect(rejected).toMatch(
      /"status": "succeeded",\s*"output": "I did not read the page: rejected by admin: that page is internal",\s*"approvals": \[\s*"rejected"/,
    );
    // The CLI lists both pending calls, approves one and rejects the other
    const fromCli = block(7);
    expect(fromCli).toContain('reader → http_get');
    expect(fromCli).toMatch(/Approved http_get call [0-9a-f-]+ of run/);
    expect(fromCli).toMatch(/Rejected http_get call [0-9a-f-]+ of run/);
    // Replaying the rejected run's events shows its approval where the live stream had it
    expect(block(8)).toMatch(
      /event: approval.requested[\s\S]*event: approval.decided[\s\S]*event: run.finished/,
    );
  }, 180_000);
});
