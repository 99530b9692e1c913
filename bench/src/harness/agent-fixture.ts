import { type Agentry, definePlugin } from '@agentry/core';
import { BareOllamaLoop } from '../baselines/bare-ollama-loop';
import { runClientLoop } from '../baselines/client-loop';
import { startAgentry } from './agentry-instance';
import type { BenchDatabase } from './databases';

/** The one tool of the benchmark agent: returns its text. */
const echoPlugin = definePlugin({
  name: 'bench-tools',
  version: '1.0.0',
  tools: [
    {
      name: 'bench_echo',
      description: 'Echoes the text it is given.',
      parameters: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      async execute(params: unknown) {
        return (params as { text: string }).text;
      },
    },
  ],
});

/** The task every benchmark run gets. */
export const BENCH_TASK = 'Echo "hello" with the bench_echo tool and tell me what it said.';

/** An Agentry with benchmark agents over a scripted Ollama, and the bare loop to compare with. */
export interface AgentFixture {
  /** The Agentry instance. */
  agentry: Agentry;
  /** The baseline on the same Ollama server. */
  bare: BareOllamaLoop;
  /** Runs agent `name` once on {@link BENCH_TASK}; throws unless the run succeeded. */
  runAgent(name: string): Promise<void>;
  /** Runs the bare loop once on {@link BENCH_TASK}. */
  runBare(): Promise<void>;
  /** Runs the same loop through `agentry.ollama` (the client only, nothing stored). */
  runClientLoop(): Promise<void>;
  /** Stops Agentry. */
  close(): Promise<void>;
}

/**
 * Starts Agentry over `db` talking to the Ollama at `ollamaUrl`, with the echo tool and one agent per
 * name in `agents` (each remembers its last 10 turns, the default).
 */
export async function startAgentFixture(
  db: BenchDatabase,
  ollamaUrl: string,
  agents: readonly string[] = ['bench'],
): Promise<AgentFixture> {
  const agentry = await startAgentry(db, { ollama: { url: ollamaUrl } }, [echoPlugin]);
  for (const name of agents) {
    await agentry.agents.create({
      name,
      role: 'Benchmark agent',
      goals: ['Echo the task with the tool and report what it said'],
      backstory: 'Exists to measure the framework.',
      tools: ['bench_echo'],
    });
  }
  const bare = new BareOllamaLoop(ollamaUrl);
  return {
    agentry,
    bare,
    async runAgent(name) {
      const run = await agentry.agents.run(name, { task: BENCH_TASK });
      if (run.status !== 'succeeded') {
        throw new Error(`agent run ${run.id} ended ${run.status}: ${JSON.stringify(run.error)}`);
      }
    },
    async runBare() {
      await bare.run(BENCH_TASK);
    },
    async runClientLoop() {
      await runClientLoop(agentry.ollama, BENCH_TASK);
    },
    close: () => agentry.stop(),
  };
}
