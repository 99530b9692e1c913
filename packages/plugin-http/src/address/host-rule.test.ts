import { describe, expect, it } from 'vitest';
import { parseHostRule, ruleMatchesAddress, ruleMatchesName } from './host-rule';

function rule(entry: string) {
  const parsed = parseHostRule(entry);
  if (!parsed) throw new Error(`"${entry}" did not parse`);
  return parsed;
}

describe('host rules', () => {
  it.each([
    ['api.example.com', 'name'],
    ['API.Example.com.', 'name'],
    ['intranet', 'name'],
    ['intranet:8080', 'name'],
    ['*.corp.example', 'suffix'],
    ['*.corp.example:443', 'suffix'],
    ['10.0.0.5', 'range'],
    ['127.0.0.1:8080', 'range'],
    ['::1', 'range'],
    ['[::1]', 'range'],
    ['[::1]:8080', 'range'],
    ['10.0.0.0/8', 'range'],
    ['fd00::/8', 'range'],
  ])('parses "%s" as a %s rule', (entry, kind) => {
    expect(parseHostRule(entry)?.kind).toBe(kind);
  });

  it.each([
    '',
    'http://example.com',
    'example.com:0',
    'example.com:99999',
    'example.com:http',
    '10.0.0.0/33',
    '10.0.0.0/8:80',
    '2130706433',
    '0177.0.0.1',
    '127.1',
    '0x7f000001',
    '*.',
    'exa mple.com',
  ])('refuses the malformed entry "%s"', (entry) => {
    expect(parseHostRule(entry)).toBeUndefined();
  });

  it('matches a name rule on the exact host, ignoring case and a trailing dot', () => {
    const exact = rule('api.example.com');
    expect(ruleMatchesName(exact, 'API.example.com.', 443)).toBe(true);
    expect(ruleMatchesName(exact, 'evil-api.example.com', 443)).toBe(false);
    expect(ruleMatchesName(exact, 'api.example.com.evil.net', 443)).toBe(false);
  });

  it('matches a wildcard on subdomains at any depth but not on the apex or look-alikes', () => {
    const wildcard = rule('*.corp.example');
    expect(ruleMatchesName(wildcard, 'wiki.corp.example', 80)).toBe(true);
    expect(ruleMatchesName(wildcard, 'a.b.corp.example', 80)).toBe(true);
    expect(ruleMatchesName(wildcard, 'corp.example', 80)).toBe(false);
    expect(ruleMatchesName(wildcard, 'evilcorp.example', 80)).toBe(false);
  });

  it('limits a rule with a port to that port', () => {
    expect(ruleMatchesName(rule('intranet:8080'), 'intranet', 8080)).toBe(true);
    expect(ruleMatchesName(rule('intranet:8080'), 'intranet', 80)).toBe(false);
    expect(ruleMatchesAddress(rule('127.0.0.1:8080'), '127.0.0.1', 8080)).toBe(true);
    expect(ruleMatchesAddress(rule('127.0.0.1:8080'), '127.0.0.1', 8081)).toBe(false);
    expect(ruleMatchesAddress(rule('[::1]:8080'), '::1', 8080)).toBe(true);
  });

  it('matches address rules by range, treating IPv4-mapped IPv6 as IPv4', () => {
    expect(ruleMatchesAddress(rule('10.0.0.0/8'), '10.20.30.40', 80)).toBe(true);
    expect(ruleMatchesAddress(rule('10.0.0.0/8'), '11.0.0.1', 80)).toBe(false);
    expect(ruleMatchesAddress(rule('10.0.0.0/8'), '::ffff:10.1.1.1', 80)).toBe(true);
    expect(ruleMatchesAddress(rule('::ffff:127.0.0.1'), '127.0.0.1', 80)).toBe(true);
    expect(ruleMatchesAddress(rule('fd00::/8'), 'fd00::5', 80)).toBe(true);
    expect(ruleMatchesAddress(rule('fd00::/8'), '10.0.0.1', 80)).toBe(false);
  });

  it('never matches a name rule against an address or an address rule against a name', () => {
    expect(ruleMatchesAddress(rule('localhost'), '127.0.0.1', 80)).toBe(false);
    expect(ruleMatchesName(rule('127.0.0.1'), 'localhost', 80)).toBe(false);
  });
});
