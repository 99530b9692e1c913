import { describe, expect, it } from 'vitest';
import type { AgentDefinition } from '../../models/agent-definition';
import { checkDelegates } from './check-delegates';

/** Stored agents by name, each with its delegates. */
function stored(graph: Record<string, string[]>) {
  const reads: string[] = [];
  const find = async (name: string): Promise<AgentDefinition | undefined> => {
    reads.push(name);
    const delegates = graph[name];
    if (delegates === undefined) return undefined;
    const at = '2026-01-01T00:00:00.000Z';
    return { name, role: name, goals: [], backstory: '', tools: [], delegates, createdAt: at, updatedAt: at };
  };
  return { find, reads };
}

describe('checkDelegates', () => {
  it('accepts delegates that never lead back, reading each agent once in a diamond', async () => {
    const { find, reads } = stored({ b: ['d'], c: ['d'], d: [] });
    expect(await checkDelegates('a', ['b', 'c'], find)).toEqual({ unknown: [], cycles: [] });
    expect(reads.filter((name) => name === 'd')).toHaveLength(1);
  });

  it('names unknown agents and self-delegation by index', async () => {
    const { find } = stored({ b: [] });
    const problems = await checkDelegates('a', ['b', 'ghost', 'a'], find);
    expect(problems.unknown.map((issue) => issue.pointer)).toEqual(['/delegates/1']);
    expect(problems.cycles).toEqual([
      { pointer: '/delegates/2', message: 'Agent "a" cannot delegate to itself.' },
    ]);
  });

  it('finds a cycle through several agents and shows its path', async () => {
    const { find } = stored({ b: ['x', 'c'], c: ['d'], d: ['a'], x: [] });
    const problems = await checkDelegates('a', ['b'], find);
    expect(problems.cycles).toEqual([
      { pointer: '/delegates/0', message: 'Delegating to "b" forms a cycle: a → b → c → d → a.' },
    ]);
  });

  it('ignores a cycle among other agents that does not pass through the one saved', async () => {
    const { find } = stored({ b: ['c'], c: ['b'] });
    expect((await checkDelegates('a', ['b'], find)).cycles).toEqual([]);
  });
});
