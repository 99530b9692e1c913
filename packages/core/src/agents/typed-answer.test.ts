import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index';
import { reply } from '../testing/index';
import { useAgentKit, weatherCall } from './agent-test-kit.test-support';
import { OUTPUT_INVALID } from './typed-answer/index';

const kit = useAgentKit();

const ticket = {
  type: 'object',
  properties: {
    priority: { type: 'string', enum: ['low', 'high'] },
    summary: { type: 'string' },
  },
  required: ['priority', 'summary'],
  additionalProperties: false,
};

function lastMessage(index: number) {
  return kit.ollama.chatRequests()[index]?.messages?.at(-1);
}

describe('typed answers', () => {
  it('sends the schema as Ollama format to a native model and returns the parsed object', async () => {
    await kit.agentry.agents.create({
      name: 'triage',
      role: 'Ticket triager',
      goals: ['Classify tickets'],
      backstory: '',
      tools: [],
      memoryTurns: 0,
      outputSchema: ticket,
    });
    kit.ollama.enqueue(reply.json({ priority: 'high', summary: 'Server down' }));
    const run = await kit.agentry.agents.run('triage', { task: 'The server is down!' });
    expect(run).toMatchObject({ status: 'succeeded', output: { priority: 'high', summary: 'Server down' } });
    const [request] = kit.ollama.chatRequests();
    expect(request?.format).toEqual(ticket);
    expect(request?.tools).toBeUndefined();
    expect(request?.messages?.[0]?.content).toContain('"enum":["low","high"]');
  });

  it('asks once more with the validation errors and succeeds with the corrected answer', async () => {
    kit.ollama.enqueue(
      reply.json({ priority: 'urgent', summary: 'Server down' }),
      reply.json({ priority: 'high', summary: 'Server down' }),
    );
    const run = await kit.agentry.agents.run('triage', { task: 'The server is down!' });
    expect(run).toMatchObject({ status: 'succeeded', output: { priority: 'high', summary: 'Server down' } });
    expect(kit.ollama.chatRequests()).toHaveLength(2);
    expect(kit.ollama.chatRequests()[1]?.format).toEqual(ticket);
    expect(lastMessage(1)?.content).toContain('/priority must be one of');
  });

  it('fails OUTPUT_INVALID after one retry and keeps the raw answer', async () => {
    kit.ollama.enqueue(reply.text('It is urgent.'), reply.text('Really, it is urgent!'));
    const run = await kit.agentry.agents.run('triage', { task: 'The server is down!' });
    expect(run).toMatchObject({ status: 'failed', output: 'Really, it is urgent!' });
    expect(run.error?.code).toBe(OUTPUT_INVALID);
    expect(kit.ollama.chatRequests()).toHaveLength(2);
  });

  it('lets a run request override the agent schema, and refuses an invalid one before any run', async () => {
    const override = { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] };
    kit.ollama.enqueue(reply.json({ count: 3 }));
    const run = await kit.agentry.agents.run('triage', { task: 'How many?', outputSchema: override });
    expect(run).toMatchObject({ status: 'succeeded', output: { count: 3 } });
    expect(run.input).toMatchObject({ outputSchema: override });
    expect(kit.ollama.chatRequests()[0]?.format).toEqual(override);
    const invalid = kit.agentry.agents.run('triage', { task: 'x', outputSchema: { type: 'nonsense' } });
    await expect(invalid).rejects.toBeInstanceOf(ValidationError);
    await expect(invalid).rejects.toMatchObject({ issues: [{ pointer: '/outputSchema' }] });
  });

  it('repairs a small model answer (fence, prose after the JSON) on the text protocol, without format', async () => {
    kit.ollama.enqueue(
      reply.text('```json\n{"priority": "low", "summary": "Typo"}\n```\nI hope this classification helps.'),
    );
    const run = await kit.agentry.agents.run('tiny-forecaster', {
      task: 'A typo on the home page.',
      outputSchema: ticket,
    });
    expect(run).toMatchObject({ status: 'succeeded', output: { priority: 'low', summary: 'Typo' } });
    const [request] = kit.ollama.chatRequests();
    expect(request?.format).toBeUndefined();
    expect(request?.messages?.[0]?.content).toContain('JSON Schema');
  });

  it('lets a native agent call tools first and requests a retry without tools, with format', async () => {
    kit.ollama.enqueue(
      weatherCall,
      reply.text('Sunny in Paris.'),
      reply.json({ priority: 'low', summary: 'Sunny' }),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Paris?', outputSchema: ticket });
    expect(run).toMatchObject({ status: 'succeeded', output: { priority: 'low', summary: 'Sunny' } });
    const requests = kit.ollama.chatRequests();
    expect(requests[0]?.tools).toHaveLength(1);
    expect(requests[0]?.format).toBeUndefined();
    expect(requests[2]?.tools).toBeUndefined();
    expect(requests[2]?.format).toEqual(ticket);
  });

  it('refuses to store an agent whose outputSchema is not JSON Schema, naming the field', async () => {
    const create = kit.agentry.agents.create({
      name: 'broken-schema',
      role: 'r',
      goals: [],
      backstory: '',
      tools: [],
      outputSchema: { type: 'object', properties: { a: { type: 12 } } },
    });
    await expect(create).rejects.toMatchObject({ issues: [{ pointer: '/outputSchema' }] });
    await expect(kit.agentry.agents.get('broken-schema')).rejects.toThrow();
  });

  it('accepts schemas that name a draft-07 $schema or share an $id, and validates them all', async () => {
    const base = { role: 'r', goals: [], backstory: '', tools: [], memoryTurns: 0 };
    const meta = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'urn:example:answer' };
    const first = { ...meta, type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const second = { ...meta, type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] };
    await kit.agentry.agents.create({ ...base, name: 'draft7-a', outputSchema: first });
    await kit.agentry.agents.create({ ...base, name: 'draft7-b', outputSchema: second });
    kit.ollama.enqueue(reply.json({ b: 'seven' }), reply.json({ b: 7 }));
    const run = await kit.agentry.agents.run('draft7-b', { task: 'Count' });
    expect(run).toMatchObject({ status: 'succeeded', output: { b: 7 } });
    expect(kit.ollama.chatRequests()[0]?.format).toEqual(second);
  });
});
