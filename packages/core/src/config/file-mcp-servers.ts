import { type Static, Type } from 'typebox';
import { ConfigError } from '../errors/config-error';
import { compileOnFirstUse } from '../validation/validator';
import { isJsonObject } from './merge-patch';

/** Key of the settings file that lists MCP servers (the key Claude Desktop and most MCP clients use). */
export const MCP_SERVERS_KEY = 'mcpServers';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

const common = {
  enabled: Type.Optional(Type.Boolean()),
  timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
};
const StdioEntry = Type.Object(
  {
    type: Type.Optional(Type.Literal('stdio')),
    command: Type.String({ minLength: 1 }),
    args: Type.Optional(Type.Array(Type.String())),
    cwd: Type.Optional(Type.String({ minLength: 1 })),
    env: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String())),
    ...common,
  },
  { additionalProperties: false },
);
const HttpEntry = Type.Object(
  {
    type: Type.Optional(Type.Literal('http')),
    url: Type.String({ minLength: 1 }),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }), Type.String()),
    ),
    ...common,
  },
  { additionalProperties: false },
);
const stdioValidator = compileOnFirstUse<Static<typeof StdioEntry>>(StdioEntry);
const httpValidator = compileOnFirstUse<Static<typeof HttpEntry>>(HttpEntry);

/** An MCP server from the settings file, its `${env:NAME}` references resolved. */
export interface FileMcpServer {
  /** Unique name; prefixes its tools' names. */
  name: string;
  /** How to reach it: a program over stdio, or a Streamable HTTP URL; with secret values. */
  transport:
    | { type: 'stdio'; command: string; args?: string[]; cwd?: string; env?: Record<string, string> }
    | { type: 'http'; url: string; headers?: Record<string, string> };
  /** Whether it is connected and its tools offered (default `true`). */
  enabled: boolean;
  /** Time limit for connecting and for one tool call, in seconds; absent: the defaults. */
  timeoutSeconds?: number;
}

/**
 * Reads the `mcpServers` object of the settings file at `path`: each entry `{ command, args?, env?, cwd? }`
 * (stdio) or `{ url, headers? }` (Streamable HTTP), optionally `enabled` and `timeoutSeconds`. `${env:NAME}`
 * inside an `env` value or a header is replaced by the environment variable `NAME`, so secrets need not be
 * written in the file. Throws {@link ConfigError} naming every bad field (`mcpServers.<name>.<field>`) and a
 * reference to an unset variable.
 */
export function readFileMcpServers(
  document: unknown,
  path: string,
  env: Record<string, string | undefined>,
): FileMcpServer[] {
  const where = `(from file ${path})`;
  if (!isJsonObject(document))
    throw new ConfigError(`Invalid settings:\n  - ${MCP_SERVERS_KEY} must be an object ${where}`);
  const problems: string[] = [];
  const servers: FileMcpServer[] = [];
  for (const [name, entry] of Object.entries(document).sort(([a], [b]) => a.localeCompare(b))) {
    const prefix = `${MCP_SERVERS_KEY}.${name}`;
    if (!NAME_PATTERN.test(name)) {
      problems.push(
        `${prefix} is not a valid name: a letter or digit, then up to 31 letters, digits, _ or -`,
      );
      continue;
    }
    const isHttp = isJsonObject(entry) && ('url' in entry || entry.type === 'http');
    const issues = (isHttp ? httpValidator : stdioValidator).issues(entry);
    if (issues.length > 0) {
      for (const issue of issues)
        problems.push(`${prefix}${issue.pointer.replaceAll('/', '.')} ${issue.message}`);
      continue;
    }
    const server = toServer(
      name,
      entry as Static<typeof StdioEntry> | Static<typeof HttpEntry>,
      env,
      problems,
    );
    servers.push(server);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid settings:\n${problems.map((problem) => `  - ${problem} ${where}`).join('\n')}`,
    );
  }
  return servers;
}

function toServer(
  name: string,
  entry: Static<typeof StdioEntry> | Static<typeof HttpEntry>,
  env: Record<string, string | undefined>,
  problems: string[],
): FileMcpServer {
  const resolved = (values: Record<string, string> | undefined, field: string) =>
    values &&
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        resolveReferences(value, env, `${MCP_SERVERS_KEY}.${name}.${field}.${key}`, problems),
      ]),
    );
  const base = {
    name,
    enabled: entry.enabled ?? true,
    ...(entry.timeoutSeconds !== undefined ? { timeoutSeconds: entry.timeoutSeconds } : {}),
  };
  if ('url' in entry) {
    const headers = resolved(entry.headers, 'headers');
    return { ...base, transport: { type: 'http', url: entry.url, ...(headers ? { headers } : {}) } };
  }
  const variables = resolved(entry.env, 'env');
  return {
    ...base,
    transport: {
      type: 'stdio',
      command: entry.command,
      ...(entry.args ? { args: entry.args } : {}),
      ...(entry.cwd ? { cwd: entry.cwd } : {}),
      ...(variables ? { env: variables } : {}),
    },
  };
}

function resolveReferences(
  value: string,
  env: Record<string, string | undefined>,
  field: string,
  problems: string[],
): string {
  return value.replaceAll(ENV_REFERENCE, (reference, variable: string) => {
    const text = env[variable];
    if (text === undefined || text === '') {
      problems.push(`${field} refers to ${reference}, but the environment variable ${variable} is not set`);
      return reference;
    }
    return text;
  });
}
