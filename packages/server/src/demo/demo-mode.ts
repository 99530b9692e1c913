import type { Agentry, AgentryPlugin, JsonObject } from '@agentry/core';
import { demoPlugin } from './demo-plugin';
import { seedDemo } from './seed-demo';
import { startDemoModel } from './start-demo-model';

/** The parts demo mode adds around an Agentry instance; made by {@link startDemoMode}. */
export interface DemoMode {
  /** Settings overrides: `demo: true` and `ollama.url` pointing at the simulated model. */
  readonly overrides: JsonObject;
  /** Plugins to load besides the bundled ones: the demo tools `clock_now` and `calculate`. */
  readonly plugins: readonly AgentryPlugin[];
  /** Base URL of the simulated model (the Ollama HTTP API on loopback). */
  readonly modelUrl: string;
  /** Seeds the examples (only those absent) and logs loudly that the model is simulated. */
  prepare(agentry: Agentry): Promise<void>;
  /** Stops the simulated model. */
  close(): Promise<void>;
}

/**
 * Starts the simulated model of demo mode for `model` (the default model in force) and returns what
 * `createAgentry` needs to run on it. Call `prepare` once Agentry has started, `close` after it stopped.
 */
export async function startDemoMode(model: string): Promise<DemoMode> {
  const simulated = await startDemoModel(model);
  return {
    overrides: { demo: true, ollama: { url: simulated.url } },
    plugins: [demoPlugin],
    modelUrl: simulated.url,
    async prepare(agentry) {
      const { created } = await seedDemo(agentry);
      agentry.logger.warn(
        { model: simulated.url, seeded: created },
        'DEMO MODE: the model is SIMULATED (no Ollama); answers come from a scripted planner. See docs/demo.md',
      );
    },
    close: () => simulated.close(),
  };
}
