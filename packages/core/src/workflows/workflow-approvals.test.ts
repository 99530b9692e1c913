import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropSchema, postgresAvailable, uniqueSchemaName } from '../../../../test-support/postgres';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import {
  DeleteFile,
  databaseFor,
  deleteCall,
  deleted,
  ListFiles,
  settle,
} from '../approvals/approval-test-kit.test-support';
import { ConflictError } from '../errors/index';
import { silentLogger } from '../logging/logger';
import type { WorkflowStep } from '../models/workflow-definition';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { definePlugin } from '../tools/define-plugin';

const postgresUp = await postgresAvailable('@agentry/core workflow approvals on PostgreSQL');

for (const { dialect, available } of [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
]) {
  describe.skipIf(!available)(`workflow approvals on ${dialect}`, () => {
    let agentry: Agentry;
    let ollama: ScriptedOllama;
    let dir = '';
    let serial = 0;
    const schema = uniqueSchemaName('wfapprovals');

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      dir = mkdtempSync(join(tmpdir(), 'agentry-workflow-approvals-'));
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
      await agentry.agents.create({
        name: 'janitor',
        role: 'Janitor',
        goals: ['Tidy up'],
        backstory: '',
        memoryTurns: 0,
        tools: ['delete_file', 'list_files'],
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

    const deleteStep: WorkflowStep = { id: 'remove', tool: 'delete_file', parameters: { path: '/tmp/a' } };
    const listStep: WorkflowStep = { id: 'after', tool: 'list_files', parameters: {} };

    async function workflow(steps: WorkflowStep[], approval?: { default?: 'never' | 'always' }) {
      serial += 1;
      const name = `wf-${dialect}-${serial}`;
      await agentry.workflows.create({
        name,
        description: 'Tidy up.',
        steps,
        ...(approval ? { approval } : {}),
      });
      return name;
    }

    async function waitingWorkflowRun(steps: WorkflowStep[] = [deleteStep, listStep]) {
      const run = await agentry.workflows.run(await workflow(steps));
      const [approval] = (await agentry.approvals.list({ runId: run.id })).items;
      if (approval === undefined) throw new Error('no approval');
      return { run, approval };
    }

    it('a destructive tool step stops the workflow run waiting_approval before the call', async () => {
      const { run, approval } = await waitingWorkflowRun();
      expect(run.status).toBe('waiting_approval');
      expect(deleted).toEqual([]);
      expect(approval).toMatchObject({
        tool: 'delete_file',
        status: 'pending',
        arguments: { path: '/tmp/a' },
        runId: run.id,
      });
      const stored = await agentry.runs.get(run.id);
      expect(stored.steps.find((step) => step.stepId === 'remove')?.status).toBe('waiting_approval');
      expect(stored.steps.some((step) => step.stepId === 'after')).toBe(false);
      await agentry.runs.cancel(run.id);
      const cancelled = await agentry.runs.get(run.id);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.steps.find((step) => step.stepId === 'remove')?.status).toBe('cancelled');
      await agentry.approvals.sweep();
      expect((await agentry.approvals.get(approval.id)).status).toBe('expired');
      expect(deleted).toEqual([]);
    });

    it('an approval timeout with onTimeout fail fails the run and its waiting step, the call never made', async () => {
      const { run, approval } = await waitingWorkflowRun();
      const past = new Date(Date.now() - 1000).toISOString();
      await agentry.database.knex('approvals').where({ id: approval.id }).update({ expires_at: past });
      await agentry.config.patch({ approvals: { onTimeout: 'fail' } });
      try {
        await agentry.approvals.sweep();
      } finally {
        await agentry.config.patch({ approvals: { onTimeout: 'reject' } });
      }
      const failed = await agentry.runs.get((await settle(agentry, run.id)).id);
      expect(failed.error?.code).toBe('APPROVAL_TIMEOUT');
      expect(failed.steps.find((step) => step.stepId === 'remove')?.status).toBe('failed');
      expect(deleted).toEqual([]);
    });

    it('an approval timeout with onTimeout reject fails the step with APPROVAL_REJECTED', async () => {
      const { run, approval } = await waitingWorkflowRun();
      const past = new Date(Date.now() - 1000).toISOString();
      await agentry.database.knex('approvals').where({ id: approval.id }).update({ expires_at: past });
      await agentry.approvals.sweep();
      const failed = await agentry.runs.get((await settle(agentry, run.id)).id);
      expect(failed.error).toMatchObject({ code: 'APPROVAL_REJECTED' });
      expect(failed.error?.message).toContain('rejected by system: approval timed out');
      expect(deleted).toEqual([]);
    });

    it('approved: the call runs exactly once, then the later steps; a second decision is a conflict', async () => {
      const { run, approval } = await waitingWorkflowRun();
      await agentry.approvals.decide(approval.id, { decision: 'approve' }, 'ops');
      const ended = await agentry.runs.get((await settle(agentry, run.id)).id);
      expect(ended.status).toBe('succeeded');
      expect(ended.output).toBe('/tmp/a /tmp/b');
      expect(deleted).toEqual(['/tmp/a']);
      expect(ended.steps.find((step) => step.stepId === 'remove')).toMatchObject({
        status: 'succeeded',
        output: 'deleted /tmp/a',
      });
      await expect(agentry.approvals.decide(approval.id, { decision: 'reject' }, 'x')).rejects.toSatisfy(
        (error) => ConflictError.isInstance(error) && error.code === 'ALREADY_DECIDED',
      );
      const stored = await agentry.repositories.approvals.get(approval.id);
      expect(await agentry.approvals.resume(stored)).toBeUndefined();
      expect(deleted).toEqual(['/tmp/a']);
    });

    it('approved with edited arguments: the edited call is the one executed', async () => {
      const { run, approval } = await waitingWorkflowRun();
      await agentry.approvals.decide(
        approval.id,
        { decision: 'approve', arguments: { path: '/tmp/b' } },
        'ops',
      );
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/b']);
    });

    it('rejected: the step fails with APPROVAL_REJECTED and the reason, and the run fails (onError stop)', async () => {
      const { run, approval } = await waitingWorkflowRun();
      await agentry.approvals.decide(approval.id, { decision: 'reject', reason: 'not today' }, 'alice');
      const ended = await agentry.runs.get((await settle(agentry, run.id)).id);
      expect(ended.status).toBe('failed');
      expect(ended.error?.code).toBe('APPROVAL_REJECTED');
      expect(ended.error?.message).toContain('rejected by alice: not today');
      expect(deleted).toEqual([]);
      expect(ended.steps.some((step) => step.stepId === 'after')).toBe(false);
    });

    it('rejected with onError continue: the step fails and the workflow goes on', async () => {
      const { run, approval } = await waitingWorkflowRun([{ ...deleteStep, onError: 'continue' }, listStep]);
      await agentry.approvals.decide(approval.id, { decision: 'reject' }, 'alice');
      const ended = await agentry.runs.get((await settle(agentry, run.id)).id);
      expect(ended.status).toBe('succeeded');
      expect(ended.steps.find((step) => step.stepId === 'remove')?.error?.code).toBe('APPROVAL_REJECTED');
      expect(ended.steps.find((step) => step.stepId === 'after')?.status).toBe('succeeded');
      expect(deleted).toEqual([]);
    });

    it('a decision recorded elsewhere is picked up by the sweep and the call executed once', async () => {
      const { run, approval } = await waitingWorkflowRun();
      await agentry.repositories.approvals.decide(approval.id, {
        status: 'approved',
        decidedBy: 'replica',
        decidedAt: new Date().toISOString(),
        reason: null,
      });
      await Promise.all([agentry.approvals.sweep(), agentry.approvals.sweep()]);
      expect((await settle(agentry, run.id)).status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);
    });

    it('the workflow approval is stored and read back; never lets its destructive tool step run at once', async () => {
      const name = await workflow([deleteStep], { default: 'never' });
      expect((await agentry.workflows.get(name)).approval).toEqual({ default: 'never' });
      const run = await agentry.workflows.run(name);
      expect(run.status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);
      expect((await agentry.approvals.list({ runId: run.id })).items).toEqual([]);
      await agentry.workflows.update(name, { approval: null });
      expect((await agentry.workflows.get(name)).approval).toBeUndefined();
    });

    it("a step's approval wins over the workflow's: a read-only tool step waits", async () => {
      const name = await workflow([{ ...listStep, approval: { default: 'always' } }], { default: 'never' });
      const run = await agentry.workflows.run(name);
      expect(run.status).toBe('waiting_approval');
      expect((await agentry.workflows.get(name)).steps[0]?.approval).toEqual({ default: 'always' });
      await agentry.runs.cancel(run.id);
    });

    it("an agent step follows the step's and the workflow's overrides over the agent's policy", async () => {
      const waits = await workflow([{ id: 'clean', agent: 'janitor', task: 'Delete /tmp/a' }], {
        default: 'never',
      });
      ollama.enqueue(deleteCall, reply.text('Tidied.'));
      const run = await agentry.workflows.run(waits);
      expect(run.status).toBe('succeeded');
      expect(deleted).toEqual(['/tmp/a']);

      const stepAlways = await workflow([
        {
          id: 'look',
          agent: 'janitor',
          task: 'List',
          approval: { tools: { list_files: 'always' } },
        },
      ]);
      ollama.enqueue(reply.toolCalls([{ name: 'list_files', arguments: {} }]));
      const waiting = await agentry.workflows.run(stepAlways, {}, { async: true });
      let childApproval: string | undefined;
      for (let i = 0; i < 200 && childApproval === undefined; i++) {
        const children = await agentry.runs.list({ status: 'waiting_approval' });
        const child = children.items.find((candidate) => candidate.parentRunId === waiting.id);
        if (child) childApproval = (await agentry.approvals.list({ runId: child.id })).items[0]?.id;
        if (childApproval === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(childApproval).toBeDefined();
      ollama.enqueue(reply.text('Listed.'));
      await agentry.approvals.decide(String(childApproval), { decision: 'approve' }, 'ops');
      expect((await settle(agentry, waiting.id)).status).toBe('succeeded');
    });
  });
}
