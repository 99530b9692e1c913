import { describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError, ValidationError } from '../errors/index';
import { reply } from '../testing/index';
import { useAgentKit } from './agent-test-kit.test-support';

const kit = useAgentKit();

describe('AgentManager definitions', () => {
  it('refuses an agent naming a tool that is not registered, naming the field, and stores nothing', async () => {
    const error = await kit.agentry.agents
      .create({ name: 'broken', role: 'r', goals: [], backstory: '', tools: ['get_weather', 'teleport'] })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([
      { pointer: '/tools/1', message: 'No tool named "teleport" is registered.' },
    ]);
    expect(await kit.agentry.repositories.agents.find('broken')).toBeUndefined();
  });

  it('refuses an approval policy for a tool that is not registered, at /approval/tools/<tool>, and stores nothing', async () => {
    const error = await kit.agentry.agents
      .create({
        name: 'typo',
        role: 'r',
        goals: [],
        backstory: '',
        tools: ['get_weather'],
        approval: { tools: { get_weather: 'never', get_wether: 'always' } },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([
      { pointer: '/approval/tools/get_wether', message: 'No tool named "get_wether" is registered.' },
    ]);
    expect(await kit.agentry.repositories.agents.find('typo')).toBeUndefined();
  });

  it('drafts a definition with a JSON schema format, keeping only registered tools', async () => {
    kit.ollama.enqueue(
      reply.json({
        name: 'paris-weather',
        role: 'Weather reporter',
        goals: ['Tell the weather'],
        backstory: 'Knows the sky.',
        tools: ['get_weather', 'teleport'],
      }),
    );
    const draft = await kit.agentry.agents.draft('Tells me the weather in Paris every morning');
    expect(draft).toMatchObject({
      name: 'paris-weather',
      role: 'Weather reporter',
      tools: ['get_weather'],
      description: 'Tells me the weather in Paris every morning',
    });
    expect(draft.notes).toEqual(['Dropped tools that are not registered: teleport.']);
    const request = kit.ollama.chatRequests()[0];
    expect(request?.format).toMatchObject({
      type: 'object',
      required: ['role', 'goals', 'backstory', 'tools'],
    });
    expect(request?.messages?.[0]?.content).toContain('get_weather: Current weather of a city.');
  });

  it('retries a draft once with the problems, then gives up with UNPROCESSABLE', async () => {
    kit.ollama.enqueue(reply.text('not json'), reply.json({ role: 'r' }));
    const error = await kit.agentry.agents.draft('Something').catch((caught: unknown) => caught);
    expect(UnprocessableError.isInstance(error)).toBe(true);
    expect(kit.ollama.chatRequests()[1]?.messages?.at(-1)?.content).toContain('not JSON');
  });

  it('creates an agent from a name and a description alone by drafting it', async () => {
    kit.ollama.enqueue(reply.json({ role: 'Greeter', goals: ['Greet'], backstory: 'Kind.', tools: [] }));
    const agent = await kit.agentry.agents.create({ name: 'greeter', description: 'Says hello nicely' });
    expect(agent).toMatchObject({
      name: 'greeter',
      description: 'Says hello nicely',
      role: 'Greeter',
      tools: [],
    });
  });

  it('replaces a definition, clearing fields left out', async () => {
    await kit.agentry.agents.create({
      name: 'replaced',
      role: 'r',
      goals: [],
      backstory: '',
      tools: [],
      model: 'tiny',
      maxIterations: 3,
    });
    const after = await kit.agentry.agents.replace('replaced', {
      role: 'new',
      goals: ['g'],
      backstory: 'b',
      tools: [],
    });
    expect(after).toMatchObject({ role: 'new', goals: ['g'] });
    expect(after.model).toBeUndefined();
    expect(after.maxIterations).toBeUndefined();
  });

  it('deletes an agent with memory only when confirmed, with its memory and tool configs', async () => {
    await kit.agentry.agents.create({ name: 'forgetful', role: 'r', goals: [], backstory: '', tools: [] });
    kit.ollama.enqueue(reply.text('hi'));
    await kit.agentry.agents.run('forgetful', { task: 'hello' });
    const refused = await kit.agentry.agents.delete('forgetful').catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(refused)).toBe(true);
    expect(await kit.agentry.memory.has('forgetful')).toBe(true);
    await kit.agentry.tools.setConfig('get_weather', 'agent', 'forgetful', { unit: 'K' });
    await kit.agentry.agents.delete('forgetful', { confirm: true });
    expect(await kit.agentry.memory.has('forgetful')).toBe(false);
    await kit.agentry.agents.create({ name: 'forgetful', role: 'r', goals: [], backstory: '', tools: [] });
    await expect(kit.agentry.tools.getConfig('get_weather', 'agent', 'forgetful')).rejects.toThrow(
      /does not exist/,
    );
  });
});
