import type { OllamaClient } from '../llm/ollama-client';
import type { Database } from '../storage/database';

/** One readiness check's outcome. */
export interface ReadinessCheck {
  /** Whether the check passed. */
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  detail: string;
}

/** Whether this Agentry can serve: every check with its outcome. */
export interface ReadinessReport {
  /** `ready` when every check passed. */
  status: 'ready' | 'not_ready';
  /** `database`, `ollama` and `model`. */
  checks: Record<string, ReadinessCheck>;
}

/**
 * Checks that the database answers, that Ollama answers, and that the default model is pulled. Never
 * throws: each failure is reported in its check.
 */
export async function checkReadiness(
  db: Database,
  ollama: OllamaClient,
  model: string,
): Promise<ReadinessReport> {
  const checks: Record<string, ReadinessCheck> = {};
  checks.database = await attempt(async () => {
    await db.knex.raw('select 1');
    return `${db.dialect} answers`;
  });
  let models: string[] | undefined;
  checks.ollama = await attempt(async () => {
    models = (await ollama.listModels({ signal: AbortSignal.timeout(5000), retries: 0 })).map(
      (summary) => summary.name,
    );
    return `answers with ${models.length} model(s)`;
  });
  checks.model = models
    ? hasModel(models, model)
      ? { ok: true, detail: `${model} is present` }
      : { ok: false, detail: `${model} is not pulled; run: ollama pull ${model}` }
    : { ok: false, detail: 'unknown: Ollama did not answer' };
  const ready = Object.values(checks).every((check) => check.ok);
  return { status: ready ? 'ready' : 'not_ready', checks };
}

function hasModel(models: string[], wanted: string): boolean {
  const normalised = wanted.includes(':') ? wanted : `${wanted}:latest`;
  return models.includes(wanted) || models.includes(normalised);
}

async function attempt(check: () => Promise<string>): Promise<ReadinessCheck> {
  try {
    return { ok: true, detail: await check() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
