import { DEFAULT_OLLAMA_MAX_CONNECTIONS } from '../llm/llm-types';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../tools/kept-output';
import { DEFAULT_PLUGIN_LOAD_TIMEOUT_MS } from '../tools/plugin-load-timeout';
import { TOOL_TEXT_LIMIT } from '../tools/tool-output';
import type { Settings } from './settings-schema';

/** Built-in defaults: the lowest-precedence source of settings. */
export const defaultSettings: Settings = {
  ollama: {
    url: 'http://127.0.0.1:11434',
    model: 'llama3',
    timeoutMs: 120_000,
    contextTokens: 8192,
    maxConnections: DEFAULT_OLLAMA_MAX_CONNECTIONS,
  },
  database: { url: './data/agentry.db' },
  server: { host: '127.0.0.1', port: 8080, corsOrigins: [], bodyLimitBytes: 1_048_576 },
  agent: { maxIterations: 10, memoryTurns: 10, toolBudgetTokens: 1500, maxDelegationDepth: 3 },
  approvals: { defaultPolicy: 'destructive', timeoutSeconds: 86_400, onTimeout: 'reject' },
  scheduler: { enabled: true, intervalMs: 1000 },
  triggers: { email: { pollSeconds: 60, failingAfterSeconds: 300, notifyTo: [] } },
  tools: {
    dir: './tools',
    timeoutMs: 30_000,
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
    maxModelOutputChars: TOOL_TEXT_LIMIT,
  },
  plugins: {
    allowOverride: [],
    isolation: 'worker',
    inProcess: [],
    loadTimeoutMs: DEFAULT_PLUGIN_LOAD_TIMEOUT_MS,
    workerMaxMemoryMb: 256,
  },
  mcp: { allowedUrls: [] },
  security: {},
  log: { level: 'info', format: 'auto' },
  data: { dir: './data' },
  demo: false,
};
