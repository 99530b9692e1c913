import ipaddr from 'ipaddr.js';

/**
 * One parsed `allowHosts` / `denyHosts` entry. Accepted forms, each optionally limited to a port:
 * `api.example.com`, `*.example.com` (any subdomain, not the apex), `10.1.2.3`, `[::1]`, and CIDR ranges
 * `10.0.0.0/8`, `fd00::/8` (no port). Ports are written `host:port` or `[v6]:port`.
 */
export type HostRule =
  | { kind: 'name'; name: string; port?: number; source: string }
  | { kind: 'suffix'; suffix: string; port?: number; source: string }
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number; source: string };

/** Lower-cases a host name and drops a trailing dot (`Example.COM.` and `example.com` are one host). */
export function normalizeHostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

function addressRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  if (text.includes('/')) {
    if (!ipaddr.isValidCIDR(text)) return undefined;
    const [network, bits] = ipaddr.parseCIDR(text);
    return [network.kind() === 'ipv6' ? ipaddr.process(network.toString()) : network, bits];
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.process(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** Splits `host:port` / `[v6]:port` / bare IPv6 into host and port text. */
function splitPort(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { host: entry };
  const [host = '', port] = entry.split(':');
  return { host, port };
}

const hostNamePattern =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parses one entry; returns undefined when it is not a host name, wildcard, address or CIDR range. */
export function parseHostRule(entry: string): HostRule | undefined {
  const source = entry;
  const { host, port: portText } = splitPort(entry.trim());
  const port = portText === undefined ? undefined : parsePort(portText);
  if (portText !== undefined && port === undefined) return undefined;
  const range = addressRange(host);
  if (range)
    return host.includes('/') && port !== undefined ? undefined : { kind: 'range', range, port, source };
  const name = normalizeHostName(host);
  if (name.startsWith('*.')) {
    const suffix = name.slice(2);
    return hostNamePattern.test(suffix) ? { kind: 'suffix', suffix, port, source } : undefined;
  }
  // A name made only of digits and dots would be an IP address in another notation: refuse it.
  if (!hostNamePattern.test(name) || /^[\d.]+$/.test(name) || /^0x/.test(name)) return undefined;
  return { kind: 'name', name, port, source };
}

/** True when the rule covers the URL host name (name and wildcard rules only). */
export function ruleMatchesName(rule: HostRule, hostName: string, port: number): boolean {
  if (rule.port !== undefined && rule.port !== port) return false;
  const name = normalizeHostName(hostName);
  if (rule.kind === 'name') return name === rule.name;
  if (rule.kind === 'suffix') return name.endsWith(`.${rule.suffix}`);
  return false;
}

/** True when the rule covers the IP address (address and CIDR rules only). */
export function ruleMatchesAddress(rule: HostRule, address: string, port: number): boolean {
  if (rule.kind !== 'range' || (rule.port !== undefined && rule.port !== port)) return false;
  const parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  const [network] = rule.range;
  return parsed.kind() === network.kind() && parsed.match(rule.range);
}
