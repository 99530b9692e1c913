import { type Static, Type } from 'typebox';

const LogLevel = Type.Union(
  [
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ],
  { description: 'Log verbosity.' },
);

const LogFormat = Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('pretty')], {
  description: 'Log line format: JSON lines, readable lines, or readable when stderr is a terminal (auto).',
});

/**
 * The settings document, nested by area. Every field is documented in docs/configuration.md with its
 * environment variable and default.
 */
export const Settings = Type.Object(
  {
    ollama: Type.Object(
      {
        url: Type.String({
          format: 'uri',
          pattern: '^https?://',
          description: 'Base URL of the Ollama server.',
        }),
        model: Type.String({ minLength: 1, description: 'Default model for agents that name none.' }),
        timeoutMs: Type.Integer({ minimum: 1000, description: 'Time limit for one model request.' }),
        contextTokens: Type.Integer({
          minimum: 512,
          description:
            "Largest context window (num_ctx) sent with a request; the model's own window if smaller.",
        }),
        maxConnections: Type.Integer({
          minimum: 1,
          description: 'Most connections open to Ollama at once; further requests wait for a free one.',
        }),
      },
      { additionalProperties: false },
    ),
    database: Type.Object(
      {
        url: Type.String({ minLength: 1, description: 'SQLite file path, or a postgres:// URL.' }),
      },
      { additionalProperties: false },
    ),
    server: Type.Object(
      {
        host: Type.String({ minLength: 1, description: 'Address the REST API listens on.' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, description: 'Port the REST API listens on.' }),
        corsOrigins: Type.Array(Type.String(), {
          description: 'Origins allowed to call the API from a browser.',
        }),
        bodyLimitBytes: Type.Integer({ minimum: 1024, description: 'Largest accepted request body.' }),
      },
      { additionalProperties: false },
    ),
    agent: Type.Object(
      {
        maxIterations: Type.Integer({
          minimum: 1,
          maximum: 100,
          description: 'Model turns per run, at most.',
        }),
        memoryTurns: Type.Integer({
          minimum: 0,
          maximum: 100,
          description: 'Recent memory entries from earlier runs offered to an agent as context.',
        }),
        toolBudgetTokens: Type.Integer({
          minimum: 0,
          description:
            'Largest estimated size, in tokens, of the tool definitions offered to the model per turn; past it only the tools most relevant to the conversation (and those already used) are offered. 0: no limit.',
        }),
        maxDelegationDepth: Type.Integer({
          minimum: 0,
          maximum: 10,
          description: 'How deep agents may delegate: runs between the top run and the deepest child.',
        }),
      },
      { additionalProperties: false },
    ),
    approvals: Type.Object(
      {
        defaultPolicy: Type.Union(
          [Type.Literal('never'), Type.Literal('always'), Type.Literal('destructive')],
          {
            description:
              'Which tool calls of agents wait for a person: never, always, or calls of destructive tools (destructiveHint); agents may override it.',
          },
        ),
        timeoutSeconds: Type.Integer({
          minimum: 1,
          description: 'How long a pending approval waits for a decision before it expires.',
        }),
        onTimeout: Type.Union([Type.Literal('reject'), Type.Literal('fail')], {
          description:
            'What an expired approval does: reject (the model is told "approval timed out") or fail the run (APPROVAL_TIMEOUT).',
        }),
      },
      { additionalProperties: false },
    ),
    scheduler: Type.Object(
      {
        enabled: Type.Boolean({ description: 'Whether this process fires schedules.' }),
        intervalMs: Type.Integer({ minimum: 100, description: 'How often due schedules are claimed.' }),
      },
      { additionalProperties: false },
    ),
    triggers: Type.Object(
      {
        email: Type.Object(
          {
            pollSeconds: Type.Integer({
              minimum: 1,
              maximum: 3600,
              description: 'How often an email trigger checks its mailbox when the IMAP server lacks IDLE.',
            }),
            failingAfterSeconds: Type.Integer({
              minimum: 1,
              description:
                'An email trigger that cannot connect for this long shows `failing` and is logged at error.',
            }),
            notifyTo: Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' }), {
              maxItems: 50,
              description:
                'Addresses mailed (with `send_email`) once when an email trigger starts failing; empty: no mail.',
            }),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    tools: Type.Object(
      {
        dir: Type.String({ minLength: 1, description: 'Folder searched for tool plugins.' }),
        timeoutMs: Type.Integer({ minimum: 100, description: 'Default time limit for one tool call.' }),
        maxOutputBytes: Type.Integer({
          minimum: 1024,
          description: 'Most bytes of a tool output kept in the run or returned; larger outputs are cut.',
        }),
        maxModelOutputChars: Type.Integer({
          minimum: 100,
          description: 'Most characters of a tool output (or error) the model sees.',
        }),
      },
      { additionalProperties: false },
    ),
    plugins: Type.Object(
      {
        allowOverride: Type.Array(Type.String({ minLength: 1 }), {
          description:
            'Names of bundled tools (e.g. http_get) a third-party plugin may replace; any other clash is refused.',
        }),
        isolation: Type.Union([Type.Literal('worker'), Type.Literal('none')], {
          description:
            'worker: each third-party plugin runs in its own worker thread, so its crash cannot end the server; none: every plugin runs in the server thread.',
        }),
        inProcess: Type.Array(Type.String({ minLength: 1 }), {
          description:
            'Third-party plugins (package names, or a single file name without extension) run in the server thread even when isolation is worker.',
        }),
        loadTimeoutMs: Type.Integer({
          minimum: 100,
          description:
            "Time allowed for each plugin's import, setup and dispose, in ms; a plugin past it is listed failed with the reason.",
        }),
        workerMaxMemoryMb: Type.Integer({
          minimum: 16,
          description:
            'Heap limit of each plugin worker thread (its V8 old generation), in MB; a plugin that allocates past it ends its worker and the call fails TOOL_FAILED.',
        }),
      },
      { additionalProperties: false },
    ),
    mcp: Type.Object(
      {
        allowedUrls: Type.Array(Type.String({ minLength: 1 }), {
          description:
            'URL prefixes of remote MCP servers that may be reached even on loopback or private addresses (the SSRF policy refuses them otherwise).',
        }),
      },
      { additionalProperties: false },
    ),
    security: Type.Object(
      {
        secretKey: Type.Optional(
          Type.String({ minLength: 16, secret: true, description: 'Key that encrypts secrets at rest.' }),
        ),
        apiKey: Type.Optional(
          Type.String({
            minLength: 16,
            // A Bearer token has no whitespace; a key of spaces (or padded with them) is as good as none.
            pattern: '^\\S+$',
            secret: true,
            description: 'Admin API key accepted as a Bearer token: at least 16 characters, no whitespace.',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    log: Type.Object({ level: LogLevel, format: LogFormat }, { additionalProperties: false }),
    data: Type.Object(
      { dir: Type.String({ minLength: 1, description: 'Folder for the SQLite file and the key file.' }) },
      { additionalProperties: false },
    ),
    demo: Type.Boolean({
      description:
        'Demo mode: a simulated model instead of Ollama, demo tools and seeded examples, and ./data/agentry-demo.db unless a database is set.',
    }),
  },
  { additionalProperties: false, title: 'Settings', description: 'Agentry settings, nested by area.' },
);

/** The settings document. */
export type Settings = Static<typeof Settings>;
