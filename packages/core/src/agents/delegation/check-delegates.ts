import type { FieldIssue } from '../../errors/validation-error';
import type { AgentDefinition } from '../../models/agent-definition';

/** Error code of a delegation that forms a cycle, at save time (400) and at run time (tool observation). */
export const DELEGATION_CYCLE = 'DELEGATION_CYCLE';

/** Error code of a delegation deeper than `agent.maxDelegationDepth` (tool observation). */
export const DELEGATION_DEPTH_EXCEEDED = 'DELEGATION_DEPTH_EXCEEDED';

/** What a save-time check of an agent's delegates found. */
export interface DelegateProblems {
  /** Delegates naming no agent, at `/delegates/<index>`. */
  unknown: FieldIssue[];
  /** Delegates through which the agent would reach itself, at `/delegates/<index>`. */
  cycles: FieldIssue[];
}

/**
 * Checks the delegates an agent `name` is about to be saved with: each must name a stored agent, and none
 * may lead back to `name` — itself, or through the stored delegates of others (A→B→C→A). `find` reads a
 * stored agent; each agent is read once.
 */
export async function checkDelegates(
  name: string,
  delegates: readonly string[],
  find: (name: string) => Promise<AgentDefinition | undefined>,
): Promise<DelegateProblems> {
  const problems: DelegateProblems = { unknown: [], cycles: [] };
  const known = new Map<string, readonly string[]>();
  for (const [index, delegate] of delegates.entries()) {
    const pointer = `/delegates/${index}`;
    if (delegate === name) {
      problems.cycles.push({ pointer, message: `Agent "${name}" cannot delegate to itself.` });
      continue;
    }
    const agent = await find(delegate);
    if (agent === undefined) {
      problems.unknown.push({ pointer, message: `No agent named "${delegate}" exists.` });
      continue;
    }
    known.set(delegate, agent.delegates ?? []);
    const path = await pathBack(delegate, name, known, find);
    if (path !== undefined) {
      problems.cycles.push({
        pointer,
        message: `Delegating to "${delegate}" forms a cycle: ${[name, ...path].join(' → ')}.`,
      });
    }
  }
  return problems;
}

/** The agents from `start` to `target` along stored delegates (depth-first), or undefined. */
async function pathBack(
  start: string,
  target: string,
  known: Map<string, readonly string[]>,
  find: (name: string) => Promise<AgentDefinition | undefined>,
): Promise<string[] | undefined> {
  const visited = new Set<string>();
  const walk = async (current: string): Promise<string[] | undefined> => {
    if (current === target) return [current];
    if (visited.has(current)) return undefined;
    visited.add(current);
    let next = known.get(current);
    if (next === undefined) {
      next = (await find(current))?.delegates ?? [];
      known.set(current, next);
    }
    for (const delegate of next) {
      const rest = await walk(delegate);
      if (rest !== undefined) return [current, ...rest];
    }
    return undefined;
  };
  return walk(start);
}
