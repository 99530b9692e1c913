import type { FileMcpServer, McpTransportRecord, SecretBox, StoredMcpServer } from '@agentry/core';
import type { McpServerConfig } from '../mcp-client/mcp-server-config';
import type { McpServerView, McpTransportInput } from './mcp-server-schemas';

/** The secret values of a transport, as encrypted together. */
interface McpSecrets {
  env?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Additional authenticated data binding the encrypted secrets to their server. */
const aadOf = (name: string) => `mcp-server:${name}`;

/**
 * A transport as a client sent it, split into what is stored in the clear (the key names of `env` and
 * `headers`) and its secret values encrypted with the secret box (undefined when there are none).
 */
export function sealTransport(
  name: string,
  input: McpTransportInput,
  box: SecretBox,
): { transport: McpTransportRecord; secrets: string | undefined } {
  if (input.type === 'http') {
    const { headers, ...rest } = input;
    const secrets: McpSecrets | undefined =
      headers && Object.keys(headers).length > 0 ? { headers } : undefined;
    return {
      transport: { ...rest, headerKeys: Object.keys(headers ?? {}) },
      secrets: secrets && box.encrypt(JSON.stringify(secrets), aadOf(name)),
    };
  }
  const { env, ...rest } = input;
  const secrets: McpSecrets | undefined = env && Object.keys(env).length > 0 ? { env } : undefined;
  return {
    transport: { ...rest, envKeys: Object.keys(env ?? {}) },
    secrets: secrets && box.encrypt(JSON.stringify(secrets), aadOf(name)),
  };
}

/** A stored server as the API shows it: each secret key with `{ "set": true }`, never its value. */
export function viewOf(server: StoredMcpServer): McpServerView {
  return {
    name: server.name,
    source: 'api',
    transport: transportViewOf(server.transport),
    enabled: server.enabled,
    ...(server.timeoutSeconds !== undefined ? { timeoutSeconds: server.timeoutSeconds } : {}),
    createdAt: server.createdAt,
    updatedAt: server.updatedAt,
  };
}

/** A server of the settings file as the API shows it: `source: "file"`, secrets as `{ "set": true }`. */
export function fileViewOf(server: FileMcpServer): McpServerView {
  const { transport } = server;
  const record: McpTransportRecord =
    transport.type === 'http'
      ? { type: 'http', url: transport.url, headerKeys: Object.keys(transport.headers ?? {}) }
      : {
          type: 'stdio',
          command: transport.command,
          ...(transport.args ? { args: transport.args } : {}),
          ...(transport.cwd ? { cwd: transport.cwd } : {}),
          envKeys: Object.keys(transport.env ?? {}),
        };
  return {
    name: server.name,
    source: 'file',
    transport: transportViewOf(record),
    enabled: server.enabled,
    ...(server.timeoutSeconds !== undefined ? { timeoutSeconds: server.timeoutSeconds } : {}),
  };
}

/** The connection settings of a server of the settings file. */
export function fileConfigOf(server: FileMcpServer): McpServerConfig {
  const timeoutMs = server.timeoutSeconds === undefined ? undefined : server.timeoutSeconds * 1000;
  const { type: _type, ...transport } = server.transport;
  return {
    name: server.name,
    transport,
    ...(timeoutMs ? { connectTimeoutMs: timeoutMs, callTimeoutMs: timeoutMs } : {}),
  };
}

function transportViewOf(transport: McpTransportRecord): McpServerView['transport'] {
  const marked = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, { set: true as const }]));
  return transport.type === 'http'
    ? {
        type: transport.type,
        url: transport.url,
        ...(transport.headerKeys.length > 0 ? { headers: marked(transport.headerKeys) } : {}),
      }
    : {
        type: transport.type,
        command: transport.command,
        ...(transport.args ? { args: transport.args } : {}),
        ...(transport.cwd ? { cwd: transport.cwd } : {}),
        ...(transport.envKeys.length > 0 ? { env: marked(transport.envKeys) } : {}),
      };
}

/** The connection settings of a stored server, its secrets decrypted. */
export function configOf(server: StoredMcpServer, box: SecretBox): McpServerConfig {
  const secrets: McpSecrets = server.secrets
    ? (JSON.parse(box.decrypt(server.secrets, aadOf(server.name))) as McpSecrets)
    : {};
  const timeoutMs = server.timeoutSeconds === undefined ? undefined : server.timeoutSeconds * 1000;
  const { transport } = server;
  return {
    name: server.name,
    transport:
      transport.type === 'http'
        ? { url: transport.url, ...(secrets.headers ? { headers: secrets.headers } : {}) }
        : {
            command: transport.command,
            ...(transport.args ? { args: transport.args } : {}),
            ...(transport.cwd ? { cwd: transport.cwd } : {}),
            ...(secrets.env ? { env: secrets.env } : {}),
          },
    ...(timeoutMs ? { connectTimeoutMs: timeoutMs, callTimeoutMs: timeoutMs } : {}),
  };
}
