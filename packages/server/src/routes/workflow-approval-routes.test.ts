import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { type ApiAnswer, type ApprovalKit, startApprovalKit } from './approval.test-support';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const postgresUp = await postgresAvailable('@agentry/server workflow approvals on PostgreSQL');

const archiveStep = { id: 'archive', tool: 'archive_ticket', parameters: { id: 7 } };

for (const { dialect, available } of [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
]) {
  describe.skipIf(!available)(`workflow approvals over REST on ${dialect}`, () => {
    let kit: ApprovalKit;
    const schema = uniqueSchemaName('workflow_approvals');

    beforeAll(async () => {
      kit = await startApprovalKit(
        dialect === 'postgres' ? { database: { url: await postgresSchemaUrl(schema) } } : {},
      );
    }, 120_000);
    beforeEach(() => {
      kit.archived.length = 0;
    });
    afterAll(async () => {
      await kit?.close();
      if (dialect === 'postgres') await dropSchema(schema);
    });

    it('refuses bad approval values with 400 problem+json naming the field, and writes nothing', async () => {
      const badWorkflow = await kit.call('POST', '/api/v1/workflows', {
        name: 'bad-flow',
        description: 'Archive.',
        approval: { default: 'sometimes' },
        steps: [archiveStep],
      });
      expect(badWorkflow.status).toBe(400);
      expect(badWorkflow.type).toContain('application/problem+json');
      expect(badWorkflow.body.errors.map((error: Json) => error.pointer)).toEqual(['/approval/default']);
      const badStep = await kit.call('POST', '/api/v1/workflows', {
        name: 'bad-flow',
        description: 'Archive.',
        steps: [
          { ...archiveStep, id: 'one' },
          { ...archiveStep, id: 'two' },
          { ...archiveStep, id: 'three', approval: { tools: { archive_ticket: 'maybe' } } },
        ],
      });
      expect(badStep.status).toBe(400);
      expect(badStep.body.errors.map((error: Json) => error.pointer)).toContain(
        '/steps/2/approval/tools/archive_ticket',
      );
      expect((await kit.call('GET', '/api/v1/workflows/bad-flow')).status).toBe(404);

      await kit.call('POST', '/api/v1/workflows', {
        name: 'kept',
        description: 'Archive.',
        steps: [archiveStep],
      });
      const badPatch = await kit.call('PATCH', '/api/v1/workflows/kept', { approval: { always: true } });
      expect(badPatch.status).toBe(400);
      const patchPointers: string[] = badPatch.body.errors.map((error: Json) => error.pointer);
      expect(patchPointers).toContain('/approval/always');
      expect(patchPointers.every((pointer) => pointer.startsWith('/approval'))).toBe(true);
      expect((await kit.call('GET', '/api/v1/workflows/kept')).body.approval).toBeUndefined();
    });

    it('refuses approval policies for tools that are not registered (400 naming each), on create, PUT and PATCH, storing nothing', async () => {
      const typo = { tools: { archive_tiket: 'always' } };
      const unknown = 'No tool named "archive_tiket" is registered.';
      const issuesOf = (answer: ApiAnswer) => {
        expect(answer.status).toBe(400);
        expect(answer.type).toContain('application/problem+json');
        return answer.body.errors;
      };
      expect(
        issuesOf(
          await kit.call('POST', '/api/v1/workflows', {
            name: 'typo-flow',
            description: 'Archive.',
            approval: typo,
            steps: [archiveStep, { ...archiveStep, id: 'again', approval: typo }],
          }),
        ),
      ).toEqual([
        { pointer: '/approval/tools/archive_tiket', message: unknown },
        { pointer: '/steps/1/approval/tools/archive_tiket', message: unknown },
      ]);
      expect((await kit.call('GET', '/api/v1/workflows/typo-flow')).status).toBe(404);

      await kit.call('POST', '/api/v1/workflows', {
        name: 'typo-kept',
        description: 'Archive.',
        steps: [archiveStep],
      });
      const put = await kit.call('PUT', '/api/v1/workflows/typo-kept', {
        description: 'Archive.',
        approval: typo,
        steps: [archiveStep],
      });
      expect(issuesOf(put).map((issue: Json) => issue.pointer)).toEqual(['/approval/tools/archive_tiket']);
      const patch = await kit.call('PATCH', '/api/v1/workflows/typo-kept', {
        steps: [{ ...archiveStep, approval: typo }],
      });
      expect(issuesOf(patch).map((issue: Json) => issue.pointer)).toEqual([
        '/steps/0/approval/tools/archive_tiket',
      ]);
      const kept = (await kit.call('GET', '/api/v1/workflows/typo-kept')).body;
      expect(kept.approval).toBeUndefined();
      expect(kept.steps[0].approval).toBeUndefined();

      const agent = { role: 'Archivist', goals: ['Archive'], backstory: '', tools: ['archive_ticket'] };
      const createdAgent = await kit.call('POST', '/api/v1/agents', {
        name: 'typo-agent',
        ...agent,
        approval: typo,
      });
      expect(issuesOf(createdAgent)).toEqual([
        { pointer: '/approval/tools/archive_tiket', message: unknown },
      ]);
      expect((await kit.call('GET', '/api/v1/agents/typo-agent')).status).toBe(404);
      expect((await kit.call('POST', '/api/v1/agents', { name: 'typo-agent', ...agent })).status).toBe(201);
      const putAgent = await kit.call('PUT', '/api/v1/agents/typo-agent', { ...agent, approval: typo });
      expect(issuesOf(putAgent).map((issue: Json) => issue.pointer)).toEqual([
        '/approval/tools/archive_tiket',
      ]);
      const patchAgent = await kit.call('PATCH', '/api/v1/agents/typo-agent', { approval: typo });
      expect(issuesOf(patchAgent).map((issue: Json) => issue.pointer)).toEqual([
        '/approval/tools/archive_tiket',
      ]);
      expect((await kit.call('GET', '/api/v1/agents/typo-agent')).body.approval).toBeUndefined();
    });

    it('stores the workflow and step approvals, and PATCH approval null removes the workflow one', async () => {
      const created = await kit.call('POST', '/api/v1/workflows', {
        name: 'stored',
        description: 'Archive.',
        approval: { default: 'never', tools: { archive_ticket: 'always' } },
        steps: [{ ...archiveStep, approval: { default: 'destructive' } }],
      });
      expect(created.status).toBe(201);
      const read = (await kit.call('GET', '/api/v1/workflows/stored')).body;
      expect(read.approval).toEqual({ default: 'never', tools: { archive_ticket: 'always' } });
      expect(read.steps[0].approval).toEqual({ default: 'destructive' });
      const removed = await kit.call('PATCH', '/api/v1/workflows/stored', { approval: null });
      expect(removed.status).toBe(200);
      expect(removed.body.approval).toBeUndefined();
      expect((await kit.call('GET', '/api/v1/workflows/stored')).body.steps[0].approval).toEqual({
        default: 'destructive',
      });
    });

    it('a destructive tool step waits (waiting_approval); approved over REST, it runs once', async () => {
      await kit.call('POST', '/api/v1/workflows', {
        name: 'archiver',
        description: 'Archive.',
        steps: [archiveStep],
      });
      const run = await kit.call('POST', '/api/v1/workflows/archiver/run', {});
      expect(run.body.status).toBe('waiting_approval');
      expect(kit.archived).toEqual([]);
      const pending = await kit.call('GET', `/api/v1/approvals?runId=${run.body.id}`);
      expect(pending.body.items).toHaveLength(1);
      const [approval] = pending.body.items;
      expect(approval).toMatchObject({ tool: 'archive_ticket', agent: 'archiver', arguments: { id: 7 } });
      const decided = await kit.call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'approve' });
      expect(decided.status).toBe(200);
      const ended = await kit.runReaching(run.body.id, 'succeeded');
      expect(ended.output).toBe('archived 7');
      expect(kit.archived).toEqual([7]);
      const again = await kit.call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'reject' });
      expect(again.status).toBe(409);
      expect(kit.archived).toEqual([7]);
    });

    it("a workflow's approval never lets its tool step run without waiting; a step's always makes it wait", async () => {
      await kit.call('POST', '/api/v1/workflows', {
        name: 'trusted',
        description: 'Archive.',
        approval: { default: 'never' },
        steps: [archiveStep],
      });
      const trusted = await kit.call('POST', '/api/v1/workflows/trusted/run', {});
      expect(trusted.body.status).toBe('succeeded');
      expect(kit.archived).toEqual([7]);
      await kit.call('PATCH', '/api/v1/workflows/trusted', {
        steps: [{ ...archiveStep, approval: { default: 'always' } }],
      });
      const waiting = await kit.call('POST', '/api/v1/workflows/trusted/run', {});
      expect(waiting.body.status).toBe('waiting_approval');
      const [approval] = (await kit.call('GET', `/api/v1/approvals?runId=${waiting.body.id}`)).body.items;
      await kit.call('POST', `/api/v1/approvals/${approval.id}`, { decision: 'reject', reason: 'not now' });
      const failed = await kit.runReaching(waiting.body.id, 'failed');
      expect(failed.error).toMatchObject({ code: 'APPROVAL_REJECTED' });
      expect(failed.error.message).toContain('not now');
      expect(kit.archived).toEqual([7]);
    });
  });
}
