import type { RunStep } from '../models/run';
import type { RunTreeNode } from '../models/run-tree';
import type { RunFilter, RunRepository } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';
import type { RunListFilter, RunWithSteps } from './run-types';

/** Steps read per query when loading a run's steps. */
const STEP_PAGE = 200;

/**
 * Run `id` with all its steps in order: the stored ones, page by page, and those this process still holds
 * (`held`, not written yet). Throws `NotFoundError` when there is no such run.
 */
export async function readRunWithSteps(
  runs: RunRepository,
  steps: RunStepRepository,
  id: string,
  held: readonly RunStep[],
): Promise<RunWithSteps> {
  const run = await runs.get(id);
  const stored: RunStep[] = [];
  let cursor: string | null = null;
  do {
    const page = await steps.listForRun(id, { limit: STEP_PAGE, cursor });
    stored.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const children = (await runs.childrenOf([id])).map(({ parentRunId: _, ...child }) => child);
  const unwritten = held.filter((step) => !stored.some((written) => written.seq === step.seq));
  if (unwritten.length === 0) return { ...run, steps: stored, children };
  return { ...run, steps: [...stored, ...unwritten].sort((a, b) => a.seq - b.seq), children };
}

/**
 * Run `id` and, nested, every run it started, down the whole tree: one query per level. Throws
 * `NotFoundError` when there is no such run.
 */
export async function readRunTree(runs: RunRepository, id: string): Promise<RunTreeNode> {
  const run = await runs.get(id);
  const root: RunTreeNode = { id, kind: run.kind, agent: run.target, status: run.status, children: [] };
  let level = new Map([[id, root]]);
  while (level.size > 0) {
    const next = new Map<string, RunTreeNode>();
    for (const { parentRunId, ...child } of await runs.childrenOf([...level.keys()])) {
      const node: RunTreeNode = { ...child, children: [] };
      level.get(parentRunId)?.children.push(node);
      next.set(node.id, node);
    }
    level = next;
  }
  return root;
}

/** The storage filter of a run list: `agent` or `workflow` name becomes the run kind plus target. */
export function toRunFilter(filter: RunListFilter): RunFilter {
  const { agent, workflow, ...rest } = filter;
  if (agent !== undefined) return { ...rest, kind: 'agent', target: agent };
  if (workflow !== undefined) return { ...rest, kind: 'workflow', target: workflow };
  return rest;
}
