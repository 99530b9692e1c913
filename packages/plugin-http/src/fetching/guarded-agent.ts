import { lookup } from 'node:dns/promises';
import { ToolError } from '@agentry/core';
import { Agent, buildConnector } from 'undici';
import { classifyAddress, isIpLiteral } from '../address/index';

/**
 * The check a guarded connection applies to every address its host is or resolves to, before connecting:
 * it throws (the connection fails with that error) when the address may not be reached.
 * `HostPolicy` is one; remote MCP servers bring their own.
 */
export interface AddressCheck {
  /** Throws when `hostName`, being or resolving to `address`, may not be reached on `port`. */
  checkAddress(hostName: string, address: string, port: number): void;
}

async function resolveAddresses(hostName: string, toolName: string): Promise<string[]> {
  if (isIpLiteral(hostName)) return [hostName.replace(/^\[|\]$/g, '')];
  try {
    const found = await lookup(hostName, { all: true, verbatim: true });
    return found.map((entry) => entry.address);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const retryable = code === 'EAI_AGAIN';
    const hint = retryable
      ? 'DNS did not answer in time; try again later.'
      : 'Check the spelling of the host name.';
    throw new ToolError(
      'TOOL_FAILED',
      toolName,
      `Could not resolve host "${hostName}" (${code ?? 'DNS error'}). ${hint}`,
      {
        retryable,
        cause: error,
      },
    );
  }
}

/** True when two textual IP addresses are the same address (`::ffff:7f00:1` equals `127.0.0.1`). */
function sameAddress(left: string, right: string): boolean {
  return classifyAddress(left).address === classifyAddress(right).address;
}

/**
 * Resolves the host, checks EVERY address against the policy (one non-public address refuses the host),
 * then connects to the addresses in order until one answers, checking that the socket really reached
 * the address validated. Doing this inside the connector means the address connected to is the one
 * validated (no DNS-rebinding window), and IP literals, which skip any custom DNS lookup, are checked too.
 */
function guardedConnector(
  policy: AddressCheck,
  connectTimeoutMs: number,
  toolName: string,
): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs });
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const tryAddresses = (addresses: string[], lastError: Error | null): void => {
      const [address, ...rest] = addresses;
      if (!address) {
        callback(
          lastError ?? new ToolError('TOOL_FAILED', toolName, `Host "${options.hostname}" has no addresses.`),
          null,
        );
        return;
      }
      // `host` keeps the original name, so TLS still sends it as SNI and verifies the certificate against it.
      connect({ ...options, hostname: address }, (error, socket) => {
        if (error || !socket) return tryAddresses(rest, error ?? lastError);
        if (socket.remoteAddress && !sameAddress(socket.remoteAddress, address)) {
          socket.destroy();
          return callback(new Error(`Connected to ${socket.remoteAddress}, expected ${address}`), null);
        }
        callback(null, socket);
      });
    };
    resolveAddresses(options.hostname, toolName)
      .then((addresses) => {
        for (const address of addresses) policy.checkAddress(options.hostname, address, port);
        tryAddresses(addresses, null);
      })
      .catch((error: unknown) => callback(error as Error, null));
  };
}

/**
 * An undici dispatcher whose every connection passes `policy` (for `http_get`, one per call; for a remote
 * MCP server, one per connection). Nothing follows redirects by itself (undici 7 redirects only through an
 * interceptor, which is not added), so each hop is a new request, checked again. `toolName` names the
 * caller in the `ToolError` of a host that does not resolve. Destroy it when done.
 */
export function createGuardedAgent(policy: AddressCheck, connectTimeoutMs: number, toolName: string): Agent {
  return new Agent({ connect: guardedConnector(policy, connectTimeoutMs, toolName) });
}
