import { describe, expect, it } from 'vitest';
import { classifyAddress, isIpLiteral } from './classify-address';

const blocked: Array<[address: string, range: string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456:789a::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['febf::1', 'linkLocal'],
  ['ff02::1', 'multicast'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['64:ff9b::127.0.0.1', 'rfc6052:loopback'],
  ['64:ff9b::a9fe:a9fe', 'rfc6052:linkLocal'],
  ['64:ff9b:1::1', 'rfc6052'],
  ['2002:7f00:1::1', '6to4:loopback'],
  ['2002:c0a8:101::1', '6to4:private'],
  ['::ffff:0:127.0.0.1', 'rfc6145:loopback'],
  ['2001:0:4136:e378::1', 'teredo:reserved'],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo:loopback'],
  ['2001:0:4136:e378:8000:63bf:3f57:fefe', 'teredo:private'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'ipv4Compatible:loopback'],
  ['::a00:1', 'ipv4Compatible:private'],
  ['::a9fe:a9fe', 'ipv4Compatible:linkLocal'],
  ['::ffff:0:a00:1', 'rfc6145:private'],
  ['64:ff9b::c0a8:101', 'rfc6052:private'],
  ['2002:a9fe:a9fe::1', '6to4:linkLocal'],
  ['2001:db8::1', 'reserved'],
  ['100::1', 'discard'],
];

const allowed: Array<[address: string, canonical: string]> = [
  ['8.8.8.8', '8.8.8.8'],
  ['1.1.1.1', '1.1.1.1'],
  ['93.184.216.34', '93.184.216.34'],
  ['172.15.255.255', '172.15.255.255'],
  ['172.32.0.1', '172.32.0.1'],
  ['100.63.255.255', '100.63.255.255'],
  ['100.128.0.1', '100.128.0.1'],
  ['169.253.255.255', '169.253.255.255'],
  ['2606:4700:4700::1111', '2606:4700:4700::1111'],
  ['2001:4860:4860::8888', '2001:4860:4860::8888'],
  ['::ffff:8.8.8.8', '8.8.8.8'],
  ['64:ff9b::8.8.8.8', '64:ff9b::808:808'],
  ['2002:808:808::1', '2002:808:808::1'],
  ['::808:808', '::808:808'],
  ['::ffff:0:808:808', '::ffff:0:808:808'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', '2001:0:4136:e378:8000:63bf:f7f7:f7f7'],
];

describe('classifyAddress', () => {
  it.each(blocked)('%s is not public (%s)', (address, range) => {
    expect(classifyAddress(address)).toMatchObject({ range, isPublic: false });
  });

  it.each(allowed)('%s is public, reported as %s', (address, canonical) => {
    expect(classifyAddress(address)).toEqual(expect.objectContaining({ address: canonical, isPublic: true }));
  });

  it('reports an IPv4-mapped IPv6 address as the IPv4 address it maps', () => {
    expect(classifyAddress('::ffff:7f00:1').address).toBe('127.0.0.1');
  });

  it('classifies the URL host of http://[::127.0.0.1]/ by the IPv4 address it embeds', () => {
    const host = new URL('http://[::127.0.0.1]/').hostname;
    expect(classifyAddress(host)).toMatchObject({ range: 'ipv4Compatible:loopback', isPublic: false });
  });

  it('accepts a bracketed IPv6 literal as URLs write it', () => {
    expect(classifyAddress('[::1]')).toMatchObject({ address: '::1', range: 'loopback', isPublic: false });
  });

  it.each(['2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1', 'localhost', '', '1.2.3.4.5'])(
    'refuses the non-canonical or non-address text "%s"',
    (text) => {
      expect(() => classifyAddress(text)).toThrow(/Not a canonical IP address/);
      expect(isIpLiteral(text)).toBe(false);
    },
  );
});
