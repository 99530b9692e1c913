import { BaseTool, definePlugin } from '@agentry/core';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../testing/build-cli';
import { runCli } from '../../testing/run-cli';
import { startTestServer, type TestServer } from '../../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const adminKey = 'cli-approvals-admin-key-0123456789';

class DropTable extends BaseTool<{ table: string }> {
  readonly name = 'drop_table';
  readonly description = 'Drops a table.';
  readonly parameters = Type.Object({ table: Type.String() });
  override readonly annotations = { destructiveHint: true };
  async execute(params: { table: string }) {
    return `dropped ${params.table}`;
  }
}

describe('agentry approvals against a running server', { timeout: 120_000 }, () => {
  let server: TestServer;
  let ollama: ScriptedOllama;
  let env: Record<string, string>;

  const startWaitingRun = async (table: string): Promise<string> => {
    ollama.enqueue(reply.toolCalls([{ name: 'drop_table', arguments: { table } }]));
    const response = await server.request('/api/v1/agents/dba/run', {
      method: 'POST',
      json: { task: `Drop ${table}` },
    });
    const run = (await response.json()) as Json;
    expect(run.status).toBe('waiting_approval');
    const list = (await (await server.request(`/api/v1/approvals?runId=${run.id}`)).json()) as Json;
    return list.items[0].id;
  };

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    server = await startTestServer(
      { ollama: { url: ollama.url, model: 'llama3' }, security: { apiKey: adminKey } },
      {},
      { plugins: [definePlugin({ name: 'dba-tools', version: '1.0.0', tools: [DropTable] })] },
    );
    env = { AGENTRY_URL: server.url, AGENTRY_API_KEY: adminKey };
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: {
        name: 'dba',
        role: 'DBA',
        goals: ['Tidy'],
        backstory: '',
        tools: ['drop_table'],
        memoryTurns: 0,
      },
    });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
  });

  it('lists pending calls, approves one and rejects another with a reason', async () => {
    const first = await startWaitingRun('logs');
    const second = await startWaitingRun('users');
    const listed = await runCli(['approvals', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(first);
    expect(listed.stdout).toContain('dba → drop_table');
    ollama.enqueue(reply.text('Dropped logs.'));
    const approved = await runCli(['approvals', 'approve', first], env);
    expect(approved.stdout).toContain(`Approved drop_table call ${first}`);
    ollama.enqueue(reply.text('Kept users.'));
    const rejected = await runCli(['approvals', 'reject', second, '--reason', 'users matter'], env);
    expect(rejected.stdout).toContain(`Rejected drop_table call ${second}`);
    const decided = (await (await server.request(`/api/v1/approvals/${second}`)).json()) as Json;
    expect(decided).toMatchObject({ status: 'rejected', reason: 'users matter', decidedBy: 'admin' });
    const again = await runCli(['approvals', 'approve', second], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already decided');
    const json = await runCli(['approvals', 'list', '--status', 'approved', '--json'], env);
    expect((JSON.parse(json.stdout) as Json[]).map((item) => item.id)).toContain(first);
  });
});
