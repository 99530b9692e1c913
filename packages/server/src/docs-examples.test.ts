import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../test-support/require-service';
import { startTestServer, type TestServer } from './testing/start-test-server';

const readDoc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
const blocksOf = (text: string) =>
  [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** The `sh` blocks of one section: from its heading to the next heading of the same or a higher level. */
function sectionBlocks(doc: string, heading: string): string[] {
  const lines = readDoc(doc).split('\n');
  const level = heading.indexOf(' ');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`${doc} has no section "${heading}"`);
  let inFence = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end] as string;
    if (line.startsWith('```')) inFence = !inFence;
    const depth = /^(#+) /.exec(line)?.[1]?.length;
    if (!inFence && depth !== undefined && depth <= level) break;
  }
  return blocksOf(lines.slice(start, end).join('\n'));
}

/** docs/api.md whole, then the typed-answer and teams sections of agents.md and workflows.md, which build on it. */
const shellBlocks = [
  ...blocksOf(readDoc('api.md')),
  ...sectionBlocks('agents.md', '## Typed answers'),
  ...sectionBlocks('workflows.md', '### Typed step outputs'),
  ...sectionBlocks('agents.md', '## Teams (delegation)'),
];

/**
 * Runs every `sh` block of docs/api.md (and of the typed-answer sections of agents.md and workflows.md), in order, in one bash process against a real server, a scripted
 * model and a web page on loopback: the guide's examples must work as written.
 */
const toolsPresent = ['jq', 'curl'].every((tool) => spawnSync(tool, ['--version']).status === 0);
const runnable = requireService(
  toolsPresent,
  'docs/api.md examples',
  'Install jq and curl: apt-get install -y jq curl',
);

describe.skipIf(!runnable)('docs/api.md examples', () => {
  let ollama: ScriptedOllama;
  let page: Server;
  let pageUrl: string;
  let server: TestServer;

  beforeAll(async () => {
    page = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        '<html><head><title>Notes</title></head><body><p>The launch moved to May.</p></body></html>',
      );
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
    ollama = await startScriptedOllama();
    ollama.respondWith((request) => {
      const messages = request.body.messages ?? [];
      const last = messages[messages.length - 1];
      const format = request.body.format as { properties?: Record<string, unknown> } | undefined;
      if (format?.properties?.count) return reply.json({ count: 4 });
      if (format) return reply.json({ priority: 'high', summary: 'Checkout answers 500 since 9:00.' });
      if (last?.content.startsWith('Write a one-line notice')) {
        return reply.text(`Notice: ${last.content.split(': ').slice(1).join(': ')}`);
      }
      const offered = (request.body.tools ?? []) as { function?: { name?: string } }[];
      if (offered.some((tool) => tool.function?.name === 'ask_researcher')) {
        if (last?.role === 'tool') return reply.text(`The researcher says: ${last.content}`);
        return reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'When is the launch?' } }]);
      }
      if (last?.role === 'tool') return reply.text('The page says the launch moved to May.');
      if (last?.content.includes('What does the page at')) {
        return reply.toolCalls([{ name: 'http_get', arguments: { url: pageUrl } }]);
      }
      return reply.text('A short page about a launch that moved to May.');
    });
    server = await startTestServer({
      security: { apiKey: 'docs-admin-key-0123456789' },
      ollama: { url: ollama.url, model: 'llama3.2:1b' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    page?.close();
  });

  it('has examples to run', () => {
    expect(shellBlocks.length).toBeGreaterThan(8);
  });

  it('runs every example successfully', async () => {
    const script = shellBlocks.map((block, index) => `echo "::block ${index + 1}::"\n${block}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: {
        ...process.env,
        AGENTRY_URL: server.url,
        AGENTRY_API_KEY: 'docs-admin-key-0123456789',
        PAGE_URL: pageUrl,
      },
      timeout: 60_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `An example in docs/api.md failed.\n--- stdout\n${error.stdout}\n--- stderr\n${error.stderr}`,
      );
    });
    expect(stdout).toContain('{"status":"ok"}');
    expect(stdout).toMatch(/"kind": "tool",\s*"name": "http_get",\s*"status": "succeeded"/);
    expect(stdout).toContain('The page says the launch moved to May.');
    expect(stdout).toContain('event: run.finished');
    expect(stdout).toMatch(/"nextRuns": \[\s*"/);
    expect(stdout).toContain('"applied": [\n    "agent.maxIterations"');
    // Typed answers: the parsed object, a request's own schema, the invalid schema and field refused
    expect(stdout).toMatch(/"output": \{\s*"priority": "high",\s*"summary": "Checkout answers 500/);
    expect(stdout).toMatch(/"output": \{\s*"count": 4\s*\}/);
    expect(stdout).toMatch(/"pointer": "\/outputSchema"/);
    expect(stdout).toContain('Notice: Checkout answers 500 since 9:00.');
    expect(stdout).toMatch(/"pointer": "\/steps\/1\/task",\s*"message": ".*has no field 'priorty'/);
    // Teams: the lead's answer holds the researcher's, the tree and children name it, a cycle is refused
    expect(stdout).toContain('The researcher says: A short page about a launch that moved to May.');
    expect(stdout).toMatch(/"children": \[\s*\{\s*"agent": "researcher",\s*"status": "succeeded"/);
    expect(stdout).toMatch(/"code": "DELEGATION_CYCLE"/);
  });
});
