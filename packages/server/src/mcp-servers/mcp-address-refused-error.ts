import { AgentryError, markerGuard } from '@agentry/core';

const marker = Symbol.for('agentry.error.mcp-address-refused');

/**
 * A remote MCP server's host is, or resolved to, a non-public address (loopback, private, link-local such
 * as 169.254.169.254…) and its URL is not allowed by the setting `mcp.allowedUrls` (code
 * `MCP_ADDRESS_REFUSED`). Raised when the URL is checked and again for every connection, so a name that
 * resolves differently at connect time (DNS rebinding) is refused too.
 */
export class McpAddressRefusedError extends AgentryError {
  readonly [marker] = true;

  /** Creates the error; `message` names the host and the address. */
  constructor(message: string) {
    super('MCP_ADDRESS_REFUSED', { message });
    this.name = 'McpAddressRefusedError';
  }

  /** True when `value` is a {@link McpAddressRefusedError}. */
  static override isInstance = markerGuard<McpAddressRefusedError>(marker);
}
