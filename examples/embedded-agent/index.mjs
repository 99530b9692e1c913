#!/usr/bin/env node
/**
 * Embeds Agentry in a plain Node program, with no HTTP server: opens a SQLite file in ./data, registers an
 * in-code tool, makes sure an agent exists, runs one task, and prints the answer and what the agent now
 * remembers of the run.
 *
 *   node index.mjs ["Your task"]
 *
 * Environment: AGENTRY_OLLAMA_URL (default http://127.0.0.1:11434), AGENTRY_OLLAMA_MODEL (default
 * llama3.2:1b), AGENTRY_DATA_DIR (default ./data beside this file), and any other AGENTRY_* setting.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentry, NotFoundError } from '@agentry/core';
import { orderStatusPlugin } from './order-status-plugin.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, process.env.AGENTRY_DATA_DIR ?? 'data');
const task = process.argv[2] ?? 'Where is my order A-1001 and when will it arrive?';

/** The agent this program uses; created on the first run, brought up to date on later ones. */
const agent = {
  name: 'support-assistant',
  role: 'Customer support assistant of a small web shop',
  goals: ['Answer questions about orders accurately, using the order_status tool for every order id.'],
  backstory: 'You help customers of the shop. You never guess an order status: you look it up.',
  tools: ['order_status'],
  maxIterations: 5,
};

const agentry = await createAgentry({
  cwd: here,
  plugins: [orderStatusPlugin],
  overrides: {
    ollama: {
      url: process.env.AGENTRY_OLLAMA_URL || 'http://127.0.0.1:11434',
      model: process.env.AGENTRY_OLLAMA_MODEL || 'llama3.2:1b',
    },
    database: { url: join(dataDir, 'agentry.db') },
    data: { dir: dataDir },
    scheduler: { enabled: false },
    log: { level: process.env.AGENTRY_LOG_LEVEL || 'warn' },
  },
});

try {
  // start() loads plugins (here: the in-code one) and registers their tools, so agents can name them.
  await agentry.start();
  await saveAgent(agent);

  const run = await agentry.agents.run(agent.name, { task });
  console.log(`Task:   ${task}`);
  console.log(`Status: ${run.status} (run ${run.id}, ${run.promptTokens + run.completionTokens} tokens)`);
  console.log(`Answer: ${typeof run.output === 'string' ? run.output : JSON.stringify(run.output)}`);
  if (run.error) console.log(`Error:  ${run.error.code}: ${run.error.message}`);

  // Memory is listed newest first; print the run's entries in the order they happened.
  const memory = await agentry.memory.list({ agent: agent.name, runId: run.id }, { limit: 100 });
  console.log('\nMemory of this run:');
  for (const entry of memory.items.reverse()) console.log(`  ${entry.seq} ${entry.role}: ${entry.content}`);
  process.exitCode = run.status === 'succeeded' ? 0 : 1;
} finally {
  await agentry.stop();
}

/**
 * Creates the agent, or replaces the stored definition when it already exists.
 * @param {typeof agent} definition
 */
async function saveAgent({ name, ...definition }) {
  try {
    await agentry.agents.get(name);
    await agentry.agents.replace(name, definition);
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error;
    await agentry.agents.create({ name, ...definition });
  }
}
