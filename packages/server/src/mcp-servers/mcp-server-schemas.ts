import { Timestamp } from '@agentry/core';
import { type Static, Type } from 'typebox';

/** An MCP server's name: safe inside tool names (`<server>_<tool>`), so no `.`; at most 32 characters. */
export const McpServerName = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$',
  description: 'A letter or digit, then up to 31 letters, digits, `_` or `-`; prefixes its tools’ names.',
});

const EnvName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' });
const HeaderName = Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" });
const SetMarker = Type.Object(
  { set: Type.Literal(true) },
  { description: 'A secret value is stored; it is never shown.' },
);

const stdioFields = {
  type: Type.Literal('stdio'),
  command: Type.String({ minLength: 1, description: 'Program to run, e.g. `npx` or `node`.' }),
  args: Type.Optional(Type.Array(Type.String(), { description: 'Its arguments.' })),
  cwd: Type.Optional(Type.String({ minLength: 1, description: 'Working directory.' })),
};
const httpFields = {
  type: Type.Literal('http'),
  url: Type.String({
    minLength: 1,
    description: 'Streamable HTTP endpoint, e.g. `https://example.com/mcp`.',
  }),
};

/** How to reach an MCP server, as a client sends it: stdio or Streamable HTTP, with secret values. */
export const McpTransportInput = Type.Union(
  [
    Type.Object(
      {
        ...stdioFields,
        env: Type.Optional(
          Type.Record(EnvName, Type.String(), {
            description: 'Environment variables (secrets: encrypted at rest, never shown again).',
          }),
        ),
      },
      { title: 'McpStdioTransport', additionalProperties: false },
    ),
    Type.Object(
      {
        ...httpFields,
        headers: Type.Optional(
          Type.Record(HeaderName, Type.String(), {
            description: 'Headers sent with every request (secrets: encrypted at rest, never shown again).',
          }),
        ),
      },
      { title: 'McpHttpTransport', additionalProperties: false },
    ),
  ],
  { description: 'stdio (`command`, `args`, `env`, `cwd`) or Streamable HTTP (`url`, `headers`).' },
);
/** How to reach an MCP server, with secret values. */
export type McpTransportInput = Static<typeof McpTransportInput>;

const TimeoutSeconds = Type.Integer({
  minimum: 1,
  maximum: 3600,
  description:
    'Time limit for connecting and for one tool call, in seconds (default: 10 s to connect, tools.timeoutMs per call).',
});

/** Body of `POST /api/v1/mcp-servers`. */
export const McpServerCreate = Type.Object(
  {
    name: McpServerName,
    transport: McpTransportInput,
    enabled: Type.Optional(Type.Boolean({ default: true, description: 'Connect it and offer its tools.' })),
    timeoutSeconds: Type.Optional(TimeoutSeconds),
  },
  { title: 'McpServerCreate' },
);
/** Body of `POST /api/v1/mcp-servers`. */
export type McpServerCreate = Static<typeof McpServerCreate>;

/** Body of `PATCH /api/v1/mcp-servers/{name}`: a merge-patch; `transport`, when sent, replaces the whole transport. */
export const McpServerUpdate = Type.Object(
  {
    transport: Type.Optional(McpTransportInput),
    enabled: Type.Optional(Type.Boolean()),
    timeoutSeconds: Type.Optional(Type.Union([TimeoutSeconds, Type.Null()])),
  },
  {
    title: 'McpServerUpdate',
    description: 'Changes; omitted fields stay as they are, null removes timeoutSeconds.',
  },
);
/** Body of `PATCH /api/v1/mcp-servers/{name}`. */
export type McpServerUpdate = Static<typeof McpServerUpdate>;

/** An MCP server as the API shows it: secret values replaced by `{ "set": true }`. */
export const McpServerView = Type.Object(
  {
    name: McpServerName,
    source: Type.Union([Type.Literal('api'), Type.Literal('file')], {
      description:
        '`api`: registered over REST; `file`: listed under `mcpServers` in the settings file (read-only over REST).',
    }),
    transport: Type.Union([
      Type.Object({ ...stdioFields, env: Type.Optional(Type.Record(Type.String(), SetMarker)) }),
      Type.Object({ ...httpFields, headers: Type.Optional(Type.Record(Type.String(), SetMarker)) }),
    ]),
    enabled: Type.Boolean(),
    timeoutSeconds: Type.Optional(TimeoutSeconds),
    // Absent for a server of the settings file.
    createdAt: Type.Optional(Timestamp),
    updatedAt: Type.Optional(Timestamp),
  },
  { title: 'McpServer' },
);
/** An MCP server as the API shows it. */
export type McpServerView = Static<typeof McpServerView>;

/** Where an MCP server's connection stands. */
export const McpServerState = Type.Union(
  ['connected', 'connecting', 'failed', 'disabled'].map((state) => Type.Literal(state)),
);

/** Answer of `GET /api/v1/mcp-servers/{name}/status`. */
export const McpServerStatus = Type.Object(
  {
    state: McpServerState,
    tools: Type.Array(Type.String(), { description: 'Names of the tools it offers (`<server>_<tool>`).' }),
    lastError: Type.Optional(Type.String({ description: 'Why the last connection attempt failed.' })),
  },
  { title: 'McpServerStatus' },
);
/** Answer of `GET /api/v1/mcp-servers/{name}/status`. */
export interface McpServerStatus {
  state: 'connected' | 'connecting' | 'failed' | 'disabled';
  tools: string[];
  lastError?: string;
}

/** Path parameters naming an MCP server. */
export const McpServerParams = Type.Object({ name: McpServerName });
/** Path parameters naming an MCP server. */
export type McpServerParams = Static<typeof McpServerParams>;
