import ipaddr from 'ipaddr.js';

/** What {@link classifyAddress} found out about one IP address. */
export interface AddressClass {
  /** The address in canonical form; an IPv4-mapped IPv6 address is reported as its IPv4 address. */
  address: string;
  /** The ipaddr.js range name, e.g. `unicast`, `loopback`, `private`, `linkLocal`, `uniqueLocal`. */
  range: string;
  /** True only for ordinary public unicast addresses (the only ones reachable by default). */
  isPublic: boolean;
}

/** IPv6 ranges that carry an IPv4 address; the embedded address decides. */
const embeddingRanges = new Set(['rfc6052', '6to4', 'rfc6145', 'teredo', 'ipv4Compatible']);

/**
 * The range name of an IPv6 address, naming the deprecated IPv4-compatible form (`::/96`, e.g. `::7f00:1`,
 * which URLs write for `[::127.0.0.1]`) `ipv4Compatible`; ipaddr.js calls it plain `unicast`.
 */
function ipv6Range(address: ipaddr.IPv6): string {
  const range = address.range();
  const leadingZero = address.parts.slice(0, 6).every((part) => part === 0);
  return range === 'unicast' && leadingZero ? 'ipv4Compatible' : range;
}

/**
 * The IPv4 address carried by an IPv4-compatible (`::/96`), NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`),
 * IPv4-translated (`::ffff:0:0/96`) or Teredo (`2001::/32`, the client address inverted in the last 32 bits) address.
 */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  if (range === 'teredo') return new ipaddr.IPv4(bytes.slice(12, 16).map((byte) => byte ^ 0xff));
  // The local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) leads to a private network: no single embedded address.
  if (range === 'rfc6052' && address.parts[2] !== 0) return undefined;
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

/**
 * Classifies an IP address for the SSRF policy. Only canonical addresses are accepted (dotted-quad IPv4
 * or IPv6), as DNS and sockets report them; anything else throws. IPv4-mapped IPv6 (`::ffff:127.0.0.1`)
 * is classified as the IPv4 address it maps; IPv4-compatible, NAT64, 6to4, IPv4-translated and Teredo
 * addresses by the IPv4 address they embed. Documentation, benchmarking and every other special range are
 * not public.
 */
export function classifyAddress(address: string): AddressClass {
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) {
    throw new TypeError(`Not a canonical IP address: ${address}`);
  }
  const parsed = ipaddr.process(text);
  const range = parsed.kind() === 'ipv6' ? ipv6Range(parsed as ipaddr.IPv6) : parsed.range();
  if (parsed.kind() === 'ipv6' && embeddingRanges.has(range)) {
    const embedded = embeddedIpv4(parsed as ipaddr.IPv6, range);
    const embeddedRange = embedded?.range();
    return {
      address: parsed.toString(),
      range: embeddedRange ? `${range}:${embeddedRange}` : range,
      isPublic: embeddedRange === 'unicast',
    };
  }
  return { address: parsed.toString(), range, isPublic: range === 'unicast' };
}

/** True when `text` is an IP address literal (IPv4 dotted quad or IPv6, optionally in brackets). */
export function isIpLiteral(text: string): boolean {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare);
}
