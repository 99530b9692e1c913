import { lookup } from 'node:dns/promises';
import { ToolError } from '@agentry/core';
import { Agent, buildConnector, type Dispatcher, interceptors } from 'undici';
import { type HostPolicy, isIpLiteral } from '../address/index';

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

/**
 * Resolves the host, checks EVERY address against the policy (one non-public address refuses the host),
 * then connects to the first address and checks that the socket really reached it. Doing this inside the
 * connector means the address connected to is the one validated (no DNS-rebinding window), and IP
 * literals, which skip any custom DNS lookup, are checked too.
 */
function guardedConnector(policy: HostPolicy, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs });
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    resolveAddresses(options.hostname)
      .then((addresses) => {
        for (const address of addresses) policy.checkAddress(options.hostname, address, port);
        const [address] = addresses;
        if (!address)
          throw new ToolError('TOOL_FAILED', toolName, `Host "${options.hostname}" has no addresses.`);
        // `host` keeps the original name, so TLS still sends it as SNI and verifies the certificate against it.
        connect({ ...options, hostname: address }, (error, socket) => {
          if (error || !socket) return callback(error ?? new Error('connect failed'), null);
          if (socket.remoteAddress && socket.remoteAddress !== address) {
            socket.destroy();
            return callback(new Error(`Connected to ${socket.remoteAddress}, expected ${address}`), null);
          }
          callback(null, socket);
        });
      })
      .catch((error: unknown) => callback(error as Error, null));
  };
}

/**
 * An undici dispatcher for one `http_get` call: every connection passes the SSRF policy, nothing follows
 * redirects by itself (the tool re-checks each hop), and gzip/deflate/br bodies are decoded.
 */
export function createGuardedAgent(
  policy: HostPolicy,
  connectTimeoutMs: number,
): { dispatcher: Dispatcher; close(): Promise<void> } {
  const agent = new Agent({ connect: guardedConnector(policy, connectTimeoutMs) });
  const dispatcher = agent.compose(interceptors.decompress({ skipErrorResponses: false }));
  return { dispatcher, close: () => agent.destroy() };
}
