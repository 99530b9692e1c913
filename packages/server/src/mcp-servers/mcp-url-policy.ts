import { lookup } from 'node:dns/promises';
import { type AddressCheck, classifyAddress } from '@agentry/plugin-http';
import { McpAddressRefusedError } from './mcp-address-refused-error';

/**
 * Why the remote MCP server at `url` may not be reached, or undefined when it may. The SSRF policy of
 * `http_get` (its address classifier): only `http:`/`https:` URLs without credentials, and only public
 * unicast addresses — an IP literal is checked as it is, a host name by every address it resolves to (a
 * name that does not resolve is left to the connection, which will fail). A URL starting with one of the
 * `allowedUrls` prefixes (setting `mcp.allowedUrls`) is allowed whatever its address. This is the check
 * made before connecting; {@link mcpAddressCheck} makes it again on every connection.
 */
export async function mcpUrlRefusal(
  text: string,
  allowedUrls: readonly string[],
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not an absolute URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs are supported.';
  if (url.username || url.password) {
    return 'URLs with credentials (user:password@) are not allowed; send them in "headers" instead.';
  }
  if (isAllowedMcpUrl(url, allowedUrls)) return undefined;
  for (const address of await addressesOf(url.hostname)) {
    const refusal = nonPublicRefusal(url.hostname, address);
    if (refusal) return refusal;
  }
  return undefined;
}

/** True when `url` starts with one of the `allowedUrls` prefixes (setting `mcp.allowedUrls`). */
export function isAllowedMcpUrl(url: URL, allowedUrls: readonly string[]): boolean {
  return allowedUrls.some((prefix) => url.href.startsWith(prefix));
}

/**
 * The connect-time half of the policy, for a remote MCP server whose URL `mcp.allowedUrls` does not allow:
 * every address the host is or resolves to must be public, else the connection fails with
 * {@link McpAddressRefusedError} naming the address.
 */
export const mcpAddressCheck: AddressCheck = {
  checkAddress(hostName, address) {
    const refusal = nonPublicRefusal(hostName, address);
    if (refusal) throw new McpAddressRefusedError(`Refused to connect to ${hostName}: ${refusal}`);
  },
};

function nonPublicRefusal(hostName: string, address: string): string | undefined {
  const { address: canonical, range, isPublic } = classifyAddress(address);
  if (isPublic) return undefined;
  return `${hostName} is the non-public address ${canonical} (${range}), refused to protect internal services; an operator can allow this URL with the setting mcp.allowedUrls (AGENTRY_MCP_ALLOWED_URLS).`;
}

/** The addresses `host` is or resolves to; none when it does not resolve. */
async function addressesOf(host: string): Promise<string[]> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  try {
    classifyAddress(bare);
    return [bare];
  } catch {
    // Not an IP literal: resolve the name.
  }
  try {
    return (await lookup(bare, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}
