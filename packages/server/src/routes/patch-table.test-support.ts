import { applyMergePatch, Settings, settingChangeEffect } from '@agentry/core';
import type { TSchema } from 'typebox';
import type { AnyRoute } from '../http/route';

/** A JSON answer of the API. */
export type Json = Record<string, unknown>;

/** Sends a request to the server under test and answers its JSON; fails the test on a non-2xx answer. */
export type Send = (method: string, path: string, json?: unknown) => Promise<Json>;

/** One PATCH route of the table: how to make a full resource, and a new value for each of its fields. */
export interface PatchCase {
  /** The route's path exactly as defined, e.g. `/api/v1/agents/:name`. */
  path: string;
  /** The fields the route's body schema lets a client patch (derived from the schema, never listed). */
  fields(route: AnyRoute): string[];
  /** Makes a resource with every field set to a non-default value; returns its URL (GET and PATCH). */
  create(send: Send, n: number): Promise<string>;
  /** For every field, the values to PATCH it to, each different from what `create` stored. */
  values: Record<string, unknown[]>;
  /** Fields the server recomputes on any change (timestamps, next fire times). */
  derived: string[];
  /** Fields a documented rule changes together with the named one (setting `at` clears `cron`). */
  coupled?: Record<string, string[]>;
  /** Fields are dotted paths into a nested document (settings), not top-level keys. */
  nested?: boolean;
}

const topLevel = (route: AnyRoute) => Object.keys((route.body as { properties?: Json })?.properties ?? {});

/** Dotted paths of the leaves of a settings-like schema, e.g. `ollama.url`. */
export function schemaLeaves(schema: TSchema, prefix = ''): string[] {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties;
  if (properties === undefined) return [prefix];
  return Object.entries(properties).flatMap(([key, child]) =>
    schemaLeaves(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** Every setting `PATCH /api/v1/config` accepts (those not locked), from the settings schema. */
const patchableSettings = () =>
  schemaLeaves(Settings).filter((path) => settingChangeEffect(path) !== 'locked');

/**
 * Every setting that `PATCH /api/v1/config` may change, set to a value other than the default. The test
 * server starts with these, so the settings document is fully populated before the table runs.
 */
export const settingsBaseline: Record<string, unknown> = {
  'ollama.url': 'http://127.0.0.1:9',
  'ollama.model': 'baseline-model',
  'ollama.timeoutMs': 60_000,
  'ollama.contextTokens': 4096,
  'ollama.maxConnections': 3,
  'server.host': 'localhost',
  'server.port': 8181,
  'server.corsOrigins': ['http://a.example'],
  'server.bodyLimitBytes': 2_000_000,
  'agent.maxIterations': 12,
  'agent.memoryTurns': 3,
  'agent.maxDelegationDepth': 2,
  'agent.toolBudgetTokens': 1200,
  'approvals.defaultPolicy': 'always',
  'approvals.timeoutSeconds': 600,
  'approvals.onTimeout': 'fail',
  'scheduler.enabled': false,
  'scheduler.intervalMs': 2000,
  'triggers.email.pollSeconds': 45,
  'triggers.email.failingAfterSeconds': 240,
  'triggers.email.notifyTo': ['ops@a.example'],
  'tools.dir': './baseline-tools',
  'tools.timeoutMs': 20_000,
  'tools.maxOutputBytes': 500_000,
  'tools.maxModelOutputChars': 4000,
  'log.level': 'warn',
  'plugins.allowOverride': ['send_email'],
  'plugins.isolation': 'none',
  'plugins.inProcess': ['trusted-kit'],
  'plugins.loadTimeoutMs': 15_000,
  'plugins.workerMaxMemoryMb': 128,
  'mcp.allowedUrls': ['http://127.0.0.1:9/mcp'],
};

/** `{ 'a.b': 1 }` → `{ a: { b: 1 } }` (merged as a merge-patch, so a null value would drop its key). */
export function nest(flat: Record<string, unknown>): Json {
  let document: Json = {};
  for (const [path, value] of Object.entries(flat)) {
    const branch = path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
    document = applyMergePatch(document, branch) as Json;
  }
  return document;
}

const future = new Date(Date.now() + 30 * 86_400_000).toISOString();

/** The table: every PATCH route of the API, each with a new value for every field. */
export const patchCases: PatchCase[] = [
  {
    path: '/api/v1/agents/:name',
    fields: topLevel,
    async create(send, n) {
      const agent = await send('POST', '/api/v1/agents', {
        name: `full-${n}`,
        description: 'Reports the news',
        role: 'Reporter',
        goals: ['Report', 'Be brief'],
        backstory: 'Writes short status lines.',
        tools: ['http_get'],
        model: 'llama3.1',
        maxIterations: 7,
        memoryTurns: 4,
        outputSchema: { type: 'object' },
        delegates: ['reporter'],
        approval: { default: 'always' },
      });
      return `/api/v1/agents/${agent.name}`;
    },
    values: {
      description: ['Edits the news', null],
      role: ['Editor'],
      goals: [['Edit']],
      backstory: ['Edits long articles.'],
      tools: [[]],
      model: ['llama3.2:1b', null],
      maxIterations: [9, null],
      memoryTurns: [0, null],
      outputSchema: [{ type: 'object', properties: { headline: { type: 'string' } } }, null],
      delegates: [['editor'], null],
      approval: [{ default: 'never', tools: { http_get: 'always' } }, null],
    },
    derived: ['updatedAt'],
  },
  {
    path: '/api/v1/workflows/:name',
    fields: topLevel,
    async create(send, n) {
      const workflow = await send('POST', '/api/v1/workflows', {
        name: `flow-${n}`,
        description: 'Reports once',
        enabled: false,
        inputs: { topic: { description: 'What to report on', default: 'news', schema: { type: 'string' } } },
        steps: [
          {
            id: 'report',
            description: 'The report',
            agent: 'reporter',
            task: 'Report the news',
            onError: 'retry',
            retries: 2,
            retryBackoffMs: 100,
            toolConfigs: { http_get: { maxBytes: 4096 } },
            approval: { tools: { http_get: 'always' } },
          },
        ],
        approval: { default: 'always' },
      });
      return `/api/v1/workflows/${workflow.name}`;
    },
    values: {
      description: ['Reports twice'],
      enabled: [true],
      inputs: [{ region: { description: 'Where' } }],
      approval: [{ default: 'never', tools: { http_get: 'destructive' } }, null],
      steps: [[{ id: 'greet', agent: 'reporter', task: 'Say hi', approval: { default: 'never' } }]],
    },
    derived: ['updatedAt'],
  },
  {
    path: '/api/v1/schedules/:id',
    fields: topLevel,
    async create(send) {
      const schedule = await send('POST', '/api/v1/schedules', {
        target: { kind: 'agent', name: 'reporter' },
        input: { task: 'Report' },
        cron: '0 6 * * *',
        timezone: 'Europe/Berlin',
        enabled: false,
        maxRetries: 3,
        retryBackoffMs: 5000,
        misfire: 'all',
        overlap: 'queue',
      });
      return `/api/v1/schedules/${schedule.id}`;
    },
    values: {
      target: [{ kind: 'agent', name: 'editor' }],
      input: [{ task: 'Report again' }],
      cron: ['30 7 * * 1'],
      at: [future],
      every: ['15m'],
      timezone: ['America/New_York'],
      enabled: [true],
      maxRetries: [5],
      retryBackoffMs: [1000],
      misfire: ['skip'],
      overlap: ['skip'],
    },
    // Each change computes the next fire times afresh; exactly one of cron, at, every is set at a time.
    derived: ['updatedAt', 'nextRunAt', 'nextRuns', 'status'],
    coupled: { cron: ['at', 'every'], at: ['cron', 'every'], every: ['cron', 'at'] },
  },
  {
    path: '/api/v1/triggers/:id',
    // A trigger takes the options of its own kind only: this row's trigger is a webhook, so `email` (which a
    // webhook trigger refuses) is PATCHed on an email trigger in trigger-routes.test.ts, others kept.
    fields: (route) => topLevel(route).filter((field) => field !== 'email'),
    async create(send, n) {
      const trigger = await send('POST', '/api/v1/triggers', {
        name: `patched-hook-${n}`,
        kind: 'webhook',
        target: { kind: 'agent', name: 'reporter' },
        input: { task: 'Handle {event.payload}' },
        enabled: false,
        maxRetries: 3,
        retryBackoffMs: 5000,
        webhook: { allowUnsigned: true, maxBodyBytes: 1000, rateLimitPerMinute: 10 },
      });
      return `/api/v1/triggers/${trigger.id}`;
    },
    values: {
      name: ['renamed-hook'],
      target: [{ kind: 'agent', name: 'editor' }],
      input: [{ task: 'Handle {event.id}' }],
      enabled: [true],
      maxRetries: [5],
      retryBackoffMs: [1000],
      webhook: [{ allowUnsigned: false, maxBodyBytes: 65_536, rateLimitPerMinute: 60 }],
    },
    derived: ['updatedAt'],
  },
  {
    path: '/api/v1/tools/:name',
    fields: topLevel,
    async create(send) {
      const baseline = { enabled: false, timeoutMs: 5000, descriptionOverride: 'Fetches a page' };
      await send('PATCH', '/api/v1/tools/http_get', baseline);
      return '/api/v1/tools/http_get';
    },
    values: {
      enabled: [true],
      timeoutMs: [7000, null],
      descriptionOverride: ['Reads a web page', null],
    },
    derived: ['updatedAt'],
  },
  {
    path: '/api/v1/mcp-servers/:name',
    fields: topLevel,
    async create(send, n) {
      await send('POST', '/api/v1/mcp-servers', {
        name: `patched-mcp-${n}`,
        transport: { type: 'stdio', command: 'node', args: ['server.js'], env: { TOKEN: 't' }, cwd: '/tmp' },
        enabled: false,
        timeoutSeconds: 5,
      });
      return `/api/v1/mcp-servers/patched-mcp-${n}`;
    },
    values: {
      transport: [{ type: 'stdio', command: 'python3', args: ['other.py'] }],
      enabled: [true],
      timeoutSeconds: [9, null],
    },
    derived: ['updatedAt'],
  },
  {
    path: '/api/v1/config',
    fields: patchableSettings,
    async create() {
      return '/api/v1/config';
    },
    values: {
      'ollama.url': ['http://127.0.0.1:10'],
      'ollama.model': ['other-model'],
      'ollama.timeoutMs': [90_000],
      'ollama.contextTokens': [2048],
      'ollama.maxConnections': [5],
      'server.host': ['::1'],
      'server.port': [8282],
      'server.corsOrigins': [['http://b.example', 'http://c.example']],
      'server.bodyLimitBytes': [3_000_000],
      'agent.maxIterations': [15],
      'agent.memoryTurns': [5],
      'agent.maxDelegationDepth': [4],
      'agent.toolBudgetTokens': [0, 800],
      'approvals.defaultPolicy': ['never'],
      'approvals.timeoutSeconds': [1200],
      'approvals.onTimeout': ['reject'],
      'scheduler.enabled': [true],
      'scheduler.intervalMs': [3000],
      'triggers.email.pollSeconds': [90],
      'triggers.email.failingAfterSeconds': [600],
      'triggers.email.notifyTo': [['ops@b.example', 'oncall@c.example'], []],
      'tools.dir': ['./other-tools'],
      'tools.timeoutMs': [25_000],
      'tools.maxOutputBytes': [600_000],
      'tools.maxModelOutputChars': [5000],
      'log.level': ['error'],
      'plugins.allowOverride': [['http_get', 'read_emails']],
      'plugins.isolation': ['worker'],
      'plugins.inProcess': [['other-kit', 'more-kit']],
      'plugins.loadTimeoutMs': [30_000],
      'plugins.workerMaxMemoryMb': [512],
      'mcp.allowedUrls': [['http://127.0.0.1:10/', 'https://mcp.internal.example/']],
    },
    derived: [],
    nested: true,
  },
];
