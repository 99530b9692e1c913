import { lookup } from 'node:dns/promises';
import { ToolError } from '@agentry/core';
import { Agent, buildConnector } from 'undici';
import { classifyAddress, type HostPolicy, isIpLiteral } from '../address/index';

const toolName = 'http_get';

async function resolveAddresses(hostName: string): Promise<string[]> {
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
function guardedConnector(policy: HostPolicy, connectTimeoutMs: number): buildConnector.connector {
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
    resolveAddresses(options.hostname)
      .then((addresses) => {
        for (const address of addresses) policy.checkAddress(options.hostname, address, port);
        tryAddresses(addresses, null);
      })
      .catch((error: unknown) => callback(error as Error, null));
  };
}

/**
 * An undici dispatcher for one `http_get` call: every connection passes the SSRF policy, and nothing
 * follows redirects by itself (undici 7 redirects only through an interceptor, which is not added), so
 * the tool re-checks each hop. Destroy it when the call ends.
 */
export function createGuardedAgent(policy: HostPolicy, connectTimeoutMs: number): Agent {
  return new Agent({ connect: guardedConnector(policy, connectTimeoutMs) });
}
