import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropSchema, postgresAvailable, uniqueSchemaName } from '../../../../test-support/postgres';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { ConflictError, ValidationError } from '../errors/index';
import { silentLogger } from '../logging/logger';
import type { RunEvent } from '../runs/index';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { definePlugin } from '../tools/define-plugin';
import {
  DeleteFile,
  databaseFor,
  deleteCall,
  deleted,
  ListFiles,
  settle,
} from './approval-test-kit.test-support';

/** What a stored replay can rebuild: run starts and ends, step ends (with tool status), approvals. */
function replayable(events: readonly RunEvent[]): unknown[] {
  const kept = ['run.started', 'step.started', 'step.finished', 'run.finished', 'approval.requested'];
  return events
    .filter(
      (event) =>
        kept.includes(event.type) ||
        event.type === 'approval.decided' ||
        (event.type === 'tool.result' && (event.data as { seq?: number }).seq === undefined),
    )
    .map((event) => {
      const data = event.data as {
        step?: { seq: number; kind: string; status: string };
        approval?: { id: string; status: string };
        text?: string;
      };
      if (event.type === 'tool.result') return [event.type, data.text]; // a refused call (it has no step)
      if (data.approval) {
        const decided = event.type === 'approval.decided' ? [data.approval.status] : [];
        return [event.type, data.approval.id, ...decided];
      }
      if (data.step === undefined) return [event.type];
      const status = event.type === 'step.finished' && data.step.kind === 'tool' ? [data.step.status] : [];
      return [event.type, data.step.kind, data.step.seq, ...status];
    });
}

const postgresUp = await postgresAvailable('@agentry/core approvals on PostgreSQL');

for (const { dialect, available } of [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
]) {
  describe.skipIf(!available)(`approvals on ${dialect}`, () => {
    let agentry: Agentry;
    let ollama: ScriptedOllama;
    let dir = '';
    const schema = uniqueSchemaName('approvals');

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      dir = mkdtempSync(join(tmpdir(), 'agentry-approvals-'));
      agentry = await createAgentry({
        cwd: dir,
        env: {},
        logger: silentLogger,
        overrides: {
          database: { url: await databaseFor(dialect, schema, dir) },
          data: { dir },
          tools: { dir: join(dir, 'tools') },
          scheduler: { enabled: false },
          ollama: { url: ollama.url, model: 'llama3' },
        },
        plugins: [definePlugin({ name: 'files', version: '1.0.0', tools: [DeleteFile, ListFiles] })],
      });
      await agentry.start();
      const base = { role: 'Janitor', goals: ['Tidy up'], backstory: '', memoryTurns: 0 };
      await agentry.agents.create({ ...base, name: 'janitor', tools: ['delete_file', 'list_files'] });
      await agentry.agents.create({
        ...base,
        name: 'careful',
        tools: ['list_files'],
        approval: { default: 'never', tools: { list_files: 'always' } },
      });
    }, 120_000);
    beforeEach(() => {
      ollama.reset();
      deleted.length = 0;
    });
    afterAll(async () => {
      await agentry?.stop();
      await ollama?.close();
      rmSync(dir, { recursive: true, force: true });
      if (dialect === 'postgres') await dropSchema(schema);
    });

    async function waitingRun() {
      ollama.enqueue(deleteCall);
      const events: RunEvent[] = [];
      const run = await agentry.agents.run(
        'janitor',
        { task: 'Delete /tmp/a' },
        { onEvent: (e) => events.push(e) },
      );
      const [approval] = (await agentry.approvals.list({ runId: run.id })).items;
      if (approval === undefined) throw new Error('no approval');
      return { run, approval, events };
    }

    it('stops a run before a destructive call: waiting_approval, a pending approval with secrets masked', async () => {
      const { run, approval, events } = await waitingRun();
      expect(run.status).toBe('waiting_approval');
      expect((await agentry.runs.get(run.id)).status).toBe('waiting_approval');
      expect(deleted).toEqual([]);
      expect(approval).toMatchObject({
        tool: 'delete_file',
        agent: 'janitor',
        status: 'pending',
        arguments: { path: '/tmp/a', token: '***' },
      });
      expect(JSON.stringify(approval)).not.toContain('sekret-token');
      expect(events.map((event) => event.type)).toContain('approval.requested');
      expect((await agentry.approvals.list({ status: 'pending' })).items.map((a) => a.id)).toContain(
        approval.id,
      );
      await agentry.runs.cancel(run.id);
      await agentry.approvals.sweep();
      expect(await agentry.approvals.get(approval.id)).toMatchObject({
        status: 'expired',
        reason: 'the run ended before a decision',
      });
    });

    it('approve: the call runs exactly once and the run ends with the answer; a second decision is a conflict', async () => {
      const { run, approval, events } = await waitingRun();
      ollama.enqueue(reply.text('Deleted /tmp/a.'));
      const decided = await agentry.approvals.decide(approval.id, { decision: 'approve' }, 'ops-key');
      expect(decided).toMatchObject({ status: 'approved', decidedBy: 'ops-key' });
      const ended = await settle(agentry, run.id);
      expect(ended.status).toBe('succeeded');
      expect(ended.output).toBe('Deleted /tmp/a.');
      expect(deleted).toEqual(['/tmp/a']);
      // The follower of the run saw it wait, the decision, and the rest of the run after it.
      const types = events.map((event) => event.type);
      expect(types.indexOf('approval.requested')).toBeLessThan(types.indexOf('approval.decided'));
      expect(types.slice(types.indexOf('approval.decided'))).toEqual(
        expect.arrayContaining(['run.started', 'tool.result', 'run.finished']),
      );
      const again = agentry.approvals.decide(approval.id, { decision: 'reject' }, 'other');
      await expect(again).rejects.toSatisfy(
        (error) => ConflictError.isInstance(error) && error.code === 'ALREADY_DECIDED',
      );
      // Another process resuming the same decision finds the run no longer waiting, and the call claimed.
      expect(
        await agentry.approvals.resume(await agentry.repositories.approvals.get(approval.id)),
      ).toBeUndefined();
      expect(await agentry.repositories.approvals.claimExecution(approval.id, new Date().toISOString())).toBe(
        false,
      );
      expect(deleted).toEqual(['/tmp/a']);
      const step = (await agentry.runs.get(run.id)).steps.find((s) => s.kind === 'tool');
      expect(step).toMatchObject({ name: 'delete_file', status: 'succeeded' });
    });

    it('replay of a resumed run: the wait, the decision and the approved call to its end, as the live stream had them', async () => {
      const { run, approval, events } = await waitingRun();
      ollama.enqueue(reply.text('Deleted /tmp/a.'));
      await agentry.approvals.decide(approval.id, { decision: 'approve' }, 'ops-key');
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      const replayed: RunEvent[] = [];
      await agentry.runs.subscribe(run.id, (event) => replayed.push(event));
      expect(replayed.at(-1)?.type).toBe('run.finished');
      expect(replayable(replayed)).toEqual(replayable(events));
      expect(replayable(replayed)).toEqual([
        ['run.started'],
        ['step.started', 'llm', 0],
        ['step.finished', 'llm', 0],
        ['approval.requested', approval.id],
        ['approval.decided', approval.id, 'approved'],
        ['run.started'],
        ['step.started', 'tool', 1],
        ['step.finished', 'tool', 1, 'succeeded'],
        ['step.started', 'llm', 2],
        ['step.finished', 'llm', 2],
        ['run.finished'],
      ]);
    });

    it('a run that waits a second time is not resumed from its first, handled, approval by the sweep', async () => {
      const { run, approval } = await waitingRun();
      ollama.enqueue(reply.toolCalls([{ name: 'delete_file', arguments: { path: '/tmp/b' } }]));
      await agentry.approvals.decide(approval.id, { decision: 'approve' }, 'ops');
      const second = async () => (await agentry.approvals.list({ runId: run.id, status: 'pending' })).items;
      for (let i = 0; i < 400 && (await second()).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await second()).toMatchObject([{ tool: 'delete_file', arguments: { path: '/tmp/b' } }]);
      await agentry.approvals.sweep();
      await agentry.approvals.stop(); // waits for any resumption the sweep started
      await agentry.approvals.start();
      expect((await agentry.runs.get(run.id)).status).toBe('waiting_approval');
      expect(deleted).toEqual(['/tmp/a']);
      await agentry.runs.cancel(run.id);
    });

    it('replay of a rejected call: its failed step only, as the live stream had it (not also as a refused call)', async () => {
      const { run, approval, events } = await waitingRun();
      ollama.enqueue(reply.text('Left alone.'));
      await agentry.approvals.decide(approval.id, { decision: 'reject', reason: 'no' }, 'alice');
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      const replayed: RunEvent[] = [];
      await agentry.runs.subscribe(run.id, (event) => replayed.push(event));
      expect(replayable(replayed)).toEqual(replayable(events));
      expect(replayable(replayed)).toContainEqual(['step.finished', 'tool', 1, 'failed']);
    });

    it('reject: the model sees "rejected by <who>: <reason>" as the tool observation and adapts', async () => {
      const { run, approval } = await waitingRun();
      ollama.enqueue(reply.text('I left /tmp/a alone.'));
      await agentry.approvals.decide(approval.id, { decision: 'reject', reason: 'not today' }, 'alice');
      const ended = await settle(agentry, run.id);
      expect(ended.status).toBe('succeeded');
      expect(deleted).toEqual([]);
      const last = ollama.chatRequests().at(-1);
      expect(JSON.stringify(last?.messages)).toContain('rejected by alice: not today');
    });

    it('approve with edited arguments: checked against the schema, and the edited call is the one executed', async () => {
      const { run, approval } = await waitingRun();
      const bad = agentry.approvals.decide(
        approval.id,
        { decision: 'approve', arguments: { path: 'relative' } },
        'bob',
      );
      await expect(bad).rejects.toSatisfy(
        (error) =>
          ValidationError.isInstance(error) &&
          error.issues.some((issue) => issue.pointer === '/arguments/path'),
      );
      expect((await agentry.approvals.get(approval.id)).status).toBe('pending');
      ollama.enqueue(reply.text('Done.'));
      const decided = await agentry.approvals.decide(
        approval.id,
        { decision: 'approve', arguments: { path: '/tmp/b', token: 'other-secret' } },
        'bob',
      );
      expect(decided.editedArguments).toEqual({ path: '/tmp/b', token: '***' });
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/b']);
    });

    it('a decision recorded elsewhere (or before a restart) is picked up by the sweep and executed once', async () => {
      const { run, approval } = await waitingRun();
      const now = new Date().toISOString();
      await agentry.repositories.approvals.decide(approval.id, {
        status: 'approved',
        decidedBy: 'replica',
        decidedAt: now,
        reason: null,
      });
      ollama.enqueue(reply.text('Deleted.'));
      await Promise.all([agentry.approvals.sweep(), agentry.approvals.sweep()]);
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);
    });

    it('timeout: an expired approval is rejected with "approval timed out", or fails the run with APPROVAL_TIMEOUT', async () => {
      const past = new Date(Date.now() - 1000).toISOString();
      const first = await waitingRun();
      await agentry.database.knex('approvals').where({ id: first.approval.id }).update({ expires_at: past });
      ollama.enqueue(reply.text('Skipped.'));
      await agentry.approvals.sweep();
      expect((await settle(agentry, first.run.id)).status).toBe('succeeded');
      expect(await agentry.approvals.get(first.approval.id)).toMatchObject({
        status: 'expired',
        decidedBy: 'system',
        reason: 'approval timed out',
      });
      expect(JSON.stringify(ollama.chatRequests().at(-1)?.messages)).toContain(
        'rejected by system: approval timed out',
      );
      await agentry.config.patch({ approvals: { onTimeout: 'fail' } });
      const second = await waitingRun();
      await agentry.database.knex('approvals').where({ id: second.approval.id }).update({ expires_at: past });
      await agentry.approvals.sweep();
      const failed = await settle(agentry, second.run.id);
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('APPROVAL_TIMEOUT');
      expect(deleted).toEqual([]);
      // Expired by a process that died before failing the run: the sweep fails it, it does not go on.
      const third = await waitingRun();
      const expiry = { status: 'expired' as const, decidedBy: 'system', decidedAt: past };
      await agentry.repositories.approvals.decide(third.approval.id, {
        ...expiry,
        reason: 'approval timed out',
      });
      await agentry.approvals.sweep();
      expect(await settle(agentry, third.run.id)).toMatchObject({
        status: 'failed',
        error: { code: 'APPROVAL_TIMEOUT' },
      });
      expect(deleted).toEqual([]);
      await agentry.config.patch({ approvals: { onTimeout: 'reject' } });
    });

    it('a workflow agent step waits through the approval, then the workflow goes on', async () => {
      await agentry.workflows.create({
        name: `tidy-${dialect}`,
        description: 'Tidy up.',
        steps: [{ id: 'clean', agent: 'janitor', task: 'Delete /tmp/a' }],
      });
      ollama.enqueue(deleteCall);
      const workflowRun = await agentry.workflows.run(`tidy-${dialect}`, {}, { async: true });
      let approvalId: string | undefined;
      for (let i = 0; i < 200 && approvalId === undefined; i++) {
        const children = await agentry.runs.list({ status: 'waiting_approval' });
        const child = children.items.find((run) => run.parentRunId === workflowRun.id);
        if (child) approvalId = (await agentry.approvals.list({ runId: child.id })).items[0]?.id;
        if (approvalId === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(approvalId).toBeDefined();
      expect((await agentry.runs.get(workflowRun.id)).status).toBe('running');
      ollama.enqueue(reply.text('Tidied.'));
      await agentry.approvals.decide(String(approvalId), { decision: 'approve' }, 'ops');
      const ended = await settle(agentry, workflowRun.id);
      expect(ended.status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);
    });

    it('policies: a per-tool override makes a read-only tool wait; never lets a destructive one run', async () => {
      ollama.enqueue(reply.toolCalls([{ name: 'list_files', arguments: {} }]));
      const careful = await agentry.agents.run('careful', { task: 'List' });
      expect(careful.status).toBe('waiting_approval');
      await agentry.runs.cancel(careful.id);
      await agentry.agents.update('janitor', { approval: { tools: { delete_file: 'never' } } });
      ollama.enqueue(deleteCall, reply.text('Gone.'));
      const direct = await agentry.agents.run('janitor', { task: 'Delete' });
      expect(direct.status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);
      await agentry.agents.update('janitor', { approval: null });
    });
  });
}
