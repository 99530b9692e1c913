/** How an environment variable's text becomes a setting value. */
type EnvironmentParser = 'string' | 'integer' | 'boolean' | 'list';

/** One environment variable and the setting it sets. */
export interface EnvironmentBinding {
  /** Variable name, e.g. `AGENTRY_PORT`. */
  variable: string;
  /** Dotted setting path, e.g. `server.port`. */
  path: string;
  /** How the text is read. */
  parse: EnvironmentParser;
}

/** Every environment variable Agentry reads (documented in docs/configuration.md). */
export const environmentBindings: readonly EnvironmentBinding[] = [
  { variable: 'AGENTRY_OLLAMA_URL', path: 'ollama.url', parse: 'string' },
  { variable: 'AGENTRY_OLLAMA_MODEL', path: 'ollama.model', parse: 'string' },
  { variable: 'AGENTRY_OLLAMA_TIMEOUT_MS', path: 'ollama.timeoutMs', parse: 'integer' },
  { variable: 'AGENTRY_OLLAMA_CONTEXT_TOKENS', path: 'ollama.contextTokens', parse: 'integer' },
  { variable: 'AGENTRY_OLLAMA_MAX_CONNECTIONS', path: 'ollama.maxConnections', parse: 'integer' },
  { variable: 'AGENTRY_DATABASE', path: 'database.url', parse: 'string' },
  { variable: 'AGENTRY_HOST', path: 'server.host', parse: 'string' },
  { variable: 'AGENTRY_PORT', path: 'server.port', parse: 'integer' },
  { variable: 'AGENTRY_CORS_ORIGINS', path: 'server.corsOrigins', parse: 'list' },
  { variable: 'AGENTRY_BODY_LIMIT_BYTES', path: 'server.bodyLimitBytes', parse: 'integer' },
  { variable: 'AGENTRY_MAX_ITERATIONS', path: 'agent.maxIterations', parse: 'integer' },
  { variable: 'AGENTRY_MEMORY_TURNS', path: 'agent.memoryTurns', parse: 'integer' },
  { variable: 'AGENTRY_AGENT_TOOL_BUDGET_TOKENS', path: 'agent.toolBudgetTokens', parse: 'integer' },
  { variable: 'AGENTRY_MAX_DELEGATION_DEPTH', path: 'agent.maxDelegationDepth', parse: 'integer' },
  { variable: 'AGENTRY_APPROVALS_DEFAULT_POLICY', path: 'approvals.defaultPolicy', parse: 'string' },
  { variable: 'AGENTRY_APPROVALS_TIMEOUT_SECONDS', path: 'approvals.timeoutSeconds', parse: 'integer' },
  { variable: 'AGENTRY_APPROVALS_ON_TIMEOUT', path: 'approvals.onTimeout', parse: 'string' },
  { variable: 'AGENTRY_SCHEDULER_ENABLED', path: 'scheduler.enabled', parse: 'boolean' },
  { variable: 'AGENTRY_SCHEDULER_INTERVAL_MS', path: 'scheduler.intervalMs', parse: 'integer' },
  {
    variable: 'AGENTRY_TRIGGERS_EMAIL_POLL_SECONDS',
    path: 'triggers.email.pollSeconds',
    parse: 'integer',
  },
  {
    variable: 'AGENTRY_TRIGGERS_EMAIL_FAILING_AFTER_SECONDS',
    path: 'triggers.email.failingAfterSeconds',
    parse: 'integer',
  },
  { variable: 'AGENTRY_TRIGGERS_EMAIL_NOTIFY_TO', path: 'triggers.email.notifyTo', parse: 'list' },
  { variable: 'AGENTRY_TOOLS_DIR', path: 'tools.dir', parse: 'string' },
  { variable: 'AGENTRY_TOOL_TIMEOUT_MS', path: 'tools.timeoutMs', parse: 'integer' },
  { variable: 'AGENTRY_TOOLS_MAX_OUTPUT_BYTES', path: 'tools.maxOutputBytes', parse: 'integer' },
  { variable: 'AGENTRY_TOOLS_MAX_MODEL_OUTPUT_CHARS', path: 'tools.maxModelOutputChars', parse: 'integer' },
  { variable: 'AGENTRY_PLUGINS_ALLOW_OVERRIDE', path: 'plugins.allowOverride', parse: 'list' },
  { variable: 'AGENTRY_PLUGINS_ISOLATION', path: 'plugins.isolation', parse: 'string' },
  { variable: 'AGENTRY_PLUGINS_IN_PROCESS', path: 'plugins.inProcess', parse: 'list' },
  { variable: 'AGENTRY_PLUGINS_LOAD_TIMEOUT_MS', path: 'plugins.loadTimeoutMs', parse: 'integer' },
  { variable: 'AGENTRY_PLUGINS_WORKER_MAX_MEMORY_MB', path: 'plugins.workerMaxMemoryMb', parse: 'integer' },
  { variable: 'AGENTRY_MCP_ALLOWED_URLS', path: 'mcp.allowedUrls', parse: 'list' },
  { variable: 'AGENTRY_SECRET_KEY', path: 'security.secretKey', parse: 'string' },
  { variable: 'AGENTRY_API_KEY', path: 'security.apiKey', parse: 'string' },
  { variable: 'AGENTRY_LOG_LEVEL', path: 'log.level', parse: 'string' },
  { variable: 'AGENTRY_LOG_FORMAT', path: 'log.format', parse: 'string' },
  { variable: 'AGENTRY_DATA_DIR', path: 'data.dir', parse: 'string' },
  { variable: 'AGENTRY_DEMO', path: 'demo', parse: 'boolean' },
];

/**
 * Reads a variable's text as its binding says. Text that cannot be read (e.g. `abc` for an integer) is
 * returned unchanged, so schema validation reports it with the variable's name.
 */
export function parseEnvironmentValue(text: string, parse: EnvironmentParser): unknown {
  switch (parse) {
    case 'integer':
      return /^-?\d+$/.test(text.trim()) ? Number.parseInt(text, 10) : text;
    case 'boolean': {
      const lowered = text.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
      if (['0', 'false', 'no', 'off'].includes(lowered)) return false;
      return text;
    }
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
    default:
      return text;
  }
}
