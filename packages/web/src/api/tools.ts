import { api } from './client';
import { unwrap } from './problem';

/**
 * Runs tool `name` once with `parameters` (its default configuration applies). The answer is the outcome
 * whether the tool succeeded or not: `ok: false` carries the ToolError.
 */
export async function executeTool(name: string, parameters: Record<string, unknown>) {
  return unwrap(
    await api.POST('/api/v1/tools/{name}/execute', { params: { path: { name } }, body: { parameters } }),
  );
}

/** The outcome of {@link executeTool}. */
export type ToolOutcome = Awaited<ReturnType<typeof executeTool>>;
