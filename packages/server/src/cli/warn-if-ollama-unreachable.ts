import type { Agentry } from '@agentry/core';

/** How long the start-up probe of Ollama waits for an answer. */
const PROBE_TIMEOUT_MS = 3000;

/**
 * Asks Ollama for its models once, in the background, and logs one warning with the `agentry doctor` hint
 * when it does not answer; the server keeps serving either way (runs fail until Ollama is up). Skipped when
 * `simulatedModel` is set: demo mode answers with a built-in model and needs no Ollama.
 */
export function warnIfOllamaUnreachable(agentry: Agentry, options: { simulatedModel?: boolean } = {}): void {
  if (options.simulatedModel) return;
  const { url } = agentry.config.settings.ollama;
  agentry.ollama
    .listModels({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), retries: 0 })
    .catch((error: unknown) => {
      agentry.logger.warn(
        { url, reason: (error as Error)?.message ?? String(error) },
        `Ollama does not answer at ${url}: runs will fail until it does. Start Ollama (ollama serve) or set AGENTRY_OLLAMA_URL; run \`agentry doctor\` to check the set-up`,
      );
    });
}
