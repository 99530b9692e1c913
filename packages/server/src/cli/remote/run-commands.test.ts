import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../testing/build-cli';
import { runCli, startCli } from '../../testing/run-cli';
import { startTestServer, type TestServer } from '../../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

/** Waits until `condition` holds, checking every 50 ms (no time limit of its own: the test timeout is one). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('agentry agents/workflows/runs against a running server', { timeout: 120_000 }, () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' } });
    env = { AGENTRY_URL: server.url };
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'fetcher', role: 'Helper', goals: [], backstory: '', tools: ['http_get'] },
    });
    await server.request('/api/v1/workflows', {
      method: 'POST',
      json: {
        name: 'report',
        description: 'Report on a city',
        inputs: { city: { schema: { type: 'string' } }, limit: { schema: { type: 'integer' } } },
        steps: [{ id: 'write', agent: 'fetcher', task: 'Report on {inputs.city}, {inputs.limit} items' }],
      },
    });
  }, 600_000);
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
  });

  const scriptToolRun = () =>
    ollama.enqueue(
      reply.toolCalls([{ name: 'http_get', arguments: { url: 'http://127.0.0.1:9/status' } }]),
      reply.text('The status page is blocked.'),
    );

  it('agents run --follow prints the tool call with its arguments, the result, the answer and a summary', async () => {
    scriptToolRun();
    const result = await runCli(['agents', 'run', 'fetcher', 'Check the status', '--follow'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run [0-9a-f-]{36} started \(agent fetcher, model llama3\)$/);
    expect(lines).toContain('tool call http_get {"url":"http://127.0.0.1:9/status"}');
    const toolResult = lines.find((line) => line.startsWith('tool result http_get failed: '));
    expect(toolResult).toContain('non-public address');
    expect(toolResult?.length).toBeLessThanOrEqual('tool result http_get failed: '.length + 200);
    expect(lines).toContain('answer: The status page is blocked.');
    expect(lines.at(-1)).toMatch(
      /^succeeded in [\d.]+ m?s · \d+ prompt \+ \d+ completion tokens · 1 tool call, 1 failed$/,
    );
    expect(lines.filter((line) => line.startsWith('model llama3: '))).toHaveLength(2);
  });

  it('agents run --json prints the finished run record; with --follow, one JSON event per line', async () => {
    ollama.enqueue(reply.text('Plain answer.'));
    const waited = await runCli(['agents', 'run', 'fetcher', 'Say something', '--json'], env);
    expect(waited.code).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ status: 'succeeded', output: 'Plain answer.' });

    scriptToolRun();
    const followed = await runCli(['agents', 'run', 'fetcher', 'Check', '--follow', '--json'], env);
    expect(followed.code).toBe(0);
    const events = followed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(events[0]).toMatchObject({ event: 'run.started', id: 1 });
    // A live run also sends tool.call/tool.result; a run that ended before the CLI subscribed is replayed
    // from its steps. The tool step is in both.
    const toolStep = events.find(
      (event) => event.event === 'step.started' && event.data.step.kind === 'tool',
    );
    expect(toolStep?.data.step).toMatchObject({
      name: 'http_get',
      input: { url: 'http://127.0.0.1:9/status' },
    });
    expect(events.at(-1)).toMatchObject({ event: 'run.finished', data: { run: { toolCalls: 1 } } });
  });

  it('agents run --output-schema sends the schema and prints the typed answer as JSON', async () => {
    const schema = { type: 'object', properties: { level: { type: 'integer' } }, required: ['level'] };
    const file = join(server.dir, 'level.schema.json');
    writeFileSync(file, JSON.stringify(schema));
    ollama.enqueue(reply.json({ level: 3 }));
    const result = await runCli(
      ['agents', 'run', 'fetcher', 'Rate it', '--no-follow', '--output-schema', file],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^answer: \{\s*"level": 3\s*\}/m);
    // The agent has a tool, so the schema is in the instructions; `format` comes only on a retry.
    expect(ollama.chatRequests()[0]?.messages?.[0]?.content).toContain(JSON.stringify(schema));
  });

  it('exits 1 with the error and a failed summary when the run fails', async () => {
    ollama.respondWith(() => reply.error(500, 'model runner crashed'));
    const result = await runCli(['agents', 'run', 'fetcher', 'Crash', '--no-follow'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error [A-Z_]+: .*model runner crashed/m);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^failed in /);
  });

  it('workflows run --input passes text and JSON values to the workflow', async () => {
    ollama.enqueue(reply.text('Tokyo: three things.'));
    const result = await runCli(
      ['workflows', 'run', 'report', '--input', 'city=Tokyo', '--input', 'limit:=3', '--follow'],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^step write \((step|agent) /m);
    expect(result.stdout).toMatch(/^succeeded in /m);
    const prompt = JSON.stringify(ollama.chatRequests()[0]);
    expect(prompt).toContain('Report on Tokyo, 3 items');

    const wrong = await runCli(
      ['workflows', 'run', 'report', '--input', 'city=Oslo', '--input', 'limit=3'],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^agentry: VALIDATION_FAILED: .*\/inputs\/limit/);
    const usage = await runCli(['workflows', 'run', 'report', '--input', 'city'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("expected key=value or key:=json, got 'city'");
  });

  it('runs list, show and follow (a replay) show what happened; cancel stops a running run', async () => {
    scriptToolRun();
    const done = (await (
      await server.request('/api/v1/agents/fetcher/run', { method: 'POST', json: { task: 'Replay me' } })
    ).json()) as Json;
    const listed = await runCli(['runs', 'list', '--agent', 'fetcher', '--json'], env);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Json[])[0]).toMatchObject({ id: done.id, status: 'succeeded' });
    const table = await runCli(['runs', 'list', '--limit', '1'], env);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+TARGET\s+STATUS\s+CREATED\s+DURATION\s+TOKENS\s+TOOLS$/,
    );
    expect(table.stdout).toContain(done.id);

    const shown = await runCli(['runs', 'show', done.id], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/#1 tool http_get failed: TOOL_FAILED/);
    const replay = await runCli(['runs', 'follow', done.id], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('tool call http_get {"url":"http://127.0.0.1:9/status"}');
    expect(replay.stdout).toContain('tool result http_get failed: ');
    expect(replay.stdout).toContain('answer: The status page is blocked.');

    ollama.enqueue(reply.hang());
    const queued = (await (
      await server.request('/api/v1/agents/fetcher/run', {
        method: 'POST',
        json: { task: 'Hang', async: true },
      })
    ).json()) as Json;
    const cancelled = await runCli(['runs', 'cancel', queued.id], env);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain(`Cancelled run ${queued.id}`);
    const after = (await (await server.request(`/api/v1/runs/${queued.id}`)).json()) as Json;
    expect(after.status).toBe('cancelled');
    const again = await runCli(['runs', 'cancel', queued.id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^agentry: INVALID_STATE: /);
  });

  it('agents create with only --description has the model draft the agent', async () => {
    const proposal = {
      role: 'Web reader',
      goals: ['Read pages'],
      backstory: 'Curious.',
      tools: ['http_get'],
    };
    ollama.enqueue(reply.json(proposal));
    const result = await runCli(
      ['agents', 'create', 'reader', '--description', 'Reads web pages', '--json'],
      env,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: 'reader',
      description: 'Reads web pages',
      ...proposal,
    });
  });

  it('Ctrl-C while following detaches with exit code 130 and leaves the run running', async () => {
    ollama.enqueue(reply.hang());
    const following = startCli(['agents', 'run', 'fetcher', 'Wait forever', '--follow'], env);
    await until(() => following.stdout().includes(' started ('));
    const runId = /run ([0-9a-f-]{36}) started/.exec(following.stdout())?.[1];
    following.child.kill('SIGINT');
    const result = await following.exited;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`detached from run ${runId}; it keeps running`);
    const run = (await (await server.request(`/api/v1/runs/${runId}`)).json()) as Json;
    expect(run.status).toBe('running');
    await server.request(`/api/v1/runs/${runId}/cancel`, { method: 'POST' });
  });
});
