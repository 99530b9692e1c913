import { ToolError } from '@agentry/core';
import { classifyAddress, isIpLiteral } from './classify-address';
import { type HostRule, parseHostRule, ruleMatchesAddress, ruleMatchesName } from './host-rule';

/** The part of the tool config that shapes the policy. */
export interface HostPolicyConfig {
  /** Hosts, `*.domain` wildcards, addresses or CIDR ranges reachable even when not public. */
  allowHosts?: readonly string[];
  /** Hosts, wildcards, addresses or ranges never reachable, even when public or allowed. */
  denyHosts?: readonly string[];
}

const toolName = 'http_get';
const allowHint = `If this destination is trusted, an administrator can allow it in the ${toolName} tool config "allowHosts".`;

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function parseRules(entries: readonly string[] | undefined, field: string): HostRule[] {
  return (entries ?? []).map((entry, index) => {
    const rule = parseHostRule(entry);
    if (rule) return rule;
    const message = `"${entry}" is not a host name, *.domain wildcard, IP address or CIDR range`;
    throw new ToolError('INVALID_CONFIG', toolName, `Invalid ${field} entry: ${message}.`, {
      issues: [{ pointer: `/${field}/${index}`, message }],
    });
  });
}

/**
 * The SSRF policy of `http_get`. Only `http:` and `https:` URLs without credentials are fetched, and only
 * public unicast addresses are reached, unless an `allowHosts` rule covers the destination; `denyHosts`
 * wins over everything. Name rules match the URL's host name (the admin trusts whatever it resolves to);
 * address and CIDR rules match the address actually connected to. A rule with a port covers only that port.
 */
export class HostPolicy {
  readonly #allow: HostRule[];
  readonly #deny: HostRule[];

  /** Builds the policy; throws `INVALID_CONFIG` naming the first malformed entry. */
  constructor(config: HostPolicyConfig) {
    this.#allow = parseRules(config.allowHosts, 'allowHosts');
    this.#deny = parseRules(config.denyHosts, 'denyHosts');
  }

  /**
   * Checks a URL before any network traffic: scheme, credentials, host name rules, and the address
   * itself when the host is an IP literal. The WHATWG URL parser has already turned decimal, octal, hex
   * and short IPv4 forms (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`) into dotted quads.
   */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw this.#refuse(`Refused to fetch ${url.href}: only http and https URLs are supported.`);
    }
    if (url.username || url.password) {
      throw this.#refuse(
        `Refused to fetch ${url.origin}: URLs with credentials (user:password@) are not allowed; send credentials in "headers" instead.`,
      );
    }
    const port = defaultPort(url);
    if (isIpLiteral(url.hostname)) {
      this.checkAddress(url.hostname, url.hostname, port);
      return;
    }
    const denied = this.#deny.find((rule) => ruleMatchesName(rule, url.hostname, port));
    if (denied)
      throw this.#refuse(
        `Refused to fetch ${url.origin}: the host is blocked by the denyHosts rule "${denied.source}".`,
      );
  }

  /**
   * Checks one address that `hostName` resolved to (or is), at connect time. Throws a `ToolError` when
   * the address is denied, or is not public and no allow rule covers the host name or the address.
   */
  checkAddress(hostName: string, address: string, port: number): void {
    const { address: canonical, range, isPublic } = classifyAddress(address);
    const shown = hostName.replace(/^\[|\]$/g, '') === canonical ? canonical : `${hostName} (${canonical})`;
    const denied = this.#deny.find(
      (rule) => ruleMatchesName(rule, hostName, port) || ruleMatchesAddress(rule, canonical, port),
    );
    if (denied)
      throw this.#refuse(`Refused to connect to ${shown}: blocked by the denyHosts rule "${denied.source}".`);
    if (isPublic) return;
    const allowed = this.#allow.some(
      (rule) => ruleMatchesName(rule, hostName, port) || ruleMatchesAddress(rule, canonical, port),
    );
    if (allowed) return;
    throw this.#refuse(
      `Refused to connect to ${shown} port ${port}: ${canonical} is a non-public address (${range}), blocked to protect internal services. ${allowHint}`,
    );
  }

  #refuse(message: string): ToolError {
    return new ToolError('TOOL_FAILED', toolName, message);
  }
}
