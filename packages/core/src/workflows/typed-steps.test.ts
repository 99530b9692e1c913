import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { reply } from '../testing/index';
import { startWorkflowTestKit, toolCalls, type WorkflowTestKit } from './workflow-test-kit.test-support';

let kit: WorkflowTestKit;

const ticket = {
  type: 'object',
  properties: {
    priority: { type: 'string', enum: ['low', 'high'] },
    owner: { type: 'object', properties: { team: { type: 'string' } } },
    summary: { type: 'string' },
  },
  required: ['priority'],
};

beforeAll(async () => {
  kit = await startWorkflowTestKit();
  const base = { role: 'Triager', goals: ['Classify'], backstory: '', tools: [], memoryTurns: 0 };
  await kit.agentry.agents.create({ ...base, name: 'triager' });
  await kit.agentry.agents.create({ ...base, name: 'typed-triager', outputSchema: ticket });
});
afterAll(async () => {
  await kit.close();
});

async function issuesOf(work: Promise<unknown>) {
  const error = await work.catch((caught: unknown) => caught);
  expect(ValidationError.isInstance(error)).toBe(true);
  return (error as ValidationError).issues;
}

describe('typed workflow steps', () => {
  it('checks field paths against the step schema (or its agent’s) when the workflow is saved', async () => {
    const issues = await issuesOf(
      kit.agentry.workflows.create({
        name: 'typo',
        description: 'Fields that do not exist.',
        steps: [
          { id: 'classify', agent: 'triager', task: 'Classify', outputSchema: ticket },
          { id: 'route', tool: 'echo', parameters: { value: '{steps.classify.output.priorty}' } },
          { id: 'deep', tool: 'echo', parameters: { value: 'to {steps.classify.output.priority.level}' } },
          { id: 'agent-schema', agent: 'typed-triager', task: 'Again' },
          {
            id: 'team',
            tool: 'echo',
            parameters: { value: '{previous}, {steps.agent-schema.output.owner.name}' },
          },
          { id: 'bad', agent: 'triager', task: 'x', outputSchema: { type: 'object', required: 'no' } },
        ],
      }),
    );
    expect(issues).toEqual([
      {
        pointer: '/steps/1/parameters/value',
        message: expect.stringMatching(
          /step 'classify' 'output' has no field 'priorty'.*priority, owner, summary/,
        ),
      },
      {
        pointer: '/steps/2/parameters/value',
        message: expect.stringContaining("'output.priority' is a string"),
      },
      {
        pointer: '/steps/4/parameters/value',
        message: expect.stringContaining("'output.owner' has no field 'name'"),
      },
      { pointer: '/steps/5/outputSchema', message: expect.stringContaining('invalid JSON Schema') },
    ]);
  });

  it('runs a typed step and fills {steps.<id>.output.<field>} with the field, its type kept', async () => {
    await kit.agentry.workflows.create({
      name: 'triage',
      description: 'Classify, then route.',
      steps: [
        { id: 'classify', agent: 'triager', task: 'Classify: disk full', outputSchema: ticket },
        {
          id: 'route',
          tool: 'echo',
          parameters: { value: '{steps.classify.output.priority}', team: '{steps.classify.output.owner}' },
        },
      ],
    });
    kit.ollama.enqueue(reply.text('```json\n{"priority": "high", "owner": {"team": "ops"}}\n```'));
    toolCalls.length = 0;
    const run = await kit.agentry.workflows.run('triage', { inputs: {} });
    expect(run.status).toBe('succeeded');
    expect(toolCalls).toEqual([{ tool: 'echo', params: { value: 'high', team: { team: 'ops' } } }]);
    expect(kit.ollama.chatRequests()[0]?.format).toEqual(ticket);
  });

  it('drafts typed steps: the drafter is told about outputSchema and typed agents, and keeps the schema', async () => {
    const draft = {
      steps: [
        {
          id: 'rate',
          agent: 'triager',
          task: 'Rate: {inputs.text}',
          outputSchema: { type: 'object', properties: { score: { type: 'integer' } } },
        },
        { id: 'show', tool: 'echo', parameters: { value: '{steps.rate.output.score}' } },
      ],
    };
    kit.ollama.enqueue(reply.json(draft));
    const workflow = await kit.agentry.workflows.create({
      name: 'drafted-typed',
      description: 'Rate a text, then echo the score.',
      inputs: { text: {} },
    });
    expect(workflow.steps[0]).toMatchObject({ outputSchema: draft.steps[0]?.outputSchema });
    const request = kit.ollama.chatRequests().at(-1);
    const system = request?.messages?.[0]?.content ?? '';
    expect(system).toContain('"outputSchema"');
    expect(system).toContain(`answers JSON following: ${JSON.stringify(ticket)}`);
    expect(JSON.stringify(request?.format)).toContain('"outputSchema"');
  });
});
