import { ToolError } from '@agentry/core';
import { describe, expect, it } from 'vitest';
import { HostPolicy } from './host-policy';

function refusal(action: () => void): ToolError {
  try {
    action();
  } catch (error) {
    if (ToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('HostPolicy', () => {
  const strict = new HostPolicy({});

  it.each([
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.0.0.1/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://127.0.0.1./',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]/',
    'http://[::]/',
    'http://0/',
    'http://0.0.0.0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://10.0.0.1/',
    'http://192.168.0.1/',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://%31%32%37.0.0.1/',
  ])('refuses %s before any network traffic, pointing to allowHosts', (url) => {
    const error = refusal(() => strict.checkUrl(new URL(url)));
    expect(error.code).toBe('TOOL_FAILED');
    expect(error.message).toMatch(/non-public address .* blocked/);
    expect(error.message).toContain('allowHosts');
  });

  it.each(['http://user@example.com/', 'http://example.com@127.0.0.1/', 'https://u:p@example.com/'])(
    'refuses %s because it carries credentials',
    (url) => {
      expect(refusal(() => strict.checkUrl(new URL(url))).message).toMatch(/credentials/);
    },
  );

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/',
    'gopher://example.com/',
    'data:text/plain,hi',
    'javascript:alert(1)',
  ])('refuses the scheme of %s', (url) => {
    expect(refusal(() => strict.checkUrl(new URL(url))).message).toMatch(/only http and https/);
  });

  it('lets public addresses and host names through the pre-flight check', () => {
    expect(() => strict.checkUrl(new URL('https://93.184.216.34/'))).not.toThrow();
    expect(() => strict.checkUrl(new URL('https://example.com/'))).not.toThrow();
    expect(() => strict.checkAddress('example.com', '93.184.216.34', 443)).not.toThrow();
  });

  it('refuses a host name that resolves to a non-public address', () => {
    const error = refusal(() => strict.checkAddress('metadata.internal', '169.254.169.254', 80));
    expect(error.message).toContain('metadata.internal (169.254.169.254)');
    expect(error.message).toContain('linkLocal');
  });

  it('opens exactly what an allow rule names: address and port, CIDR, host name, wildcard', () => {
    const policy = new HostPolicy({
      allowHosts: ['127.0.0.1:8080', '10.0.0.0/8', 'intranet', '*.corp.example'],
    });
    expect(() => policy.checkUrl(new URL('http://127.0.0.1:8080/'))).not.toThrow();
    expect(() => policy.checkUrl(new URL('http://127.0.0.1:8081/'))).toThrow(/blocked/);
    expect(() => policy.checkUrl(new URL('http://[::1]:8080/'))).toThrow(/blocked/);
    expect(() => policy.checkUrl(new URL('http://10.9.8.7/'))).not.toThrow();
    expect(() => policy.checkAddress('intranet', '192.168.1.5', 80)).not.toThrow();
    expect(() => policy.checkAddress('wiki.corp.example', '172.16.0.9', 443)).not.toThrow();
    expect(() => policy.checkAddress('corp.example', '172.16.0.9', 443)).toThrow(/blocked/);
    expect(() => policy.checkAddress('other', '192.168.1.5', 80)).toThrow(/blocked/);
  });

  it('lets denyHosts win over allowHosts and over public addresses', () => {
    const policy = new HostPolicy({
      allowHosts: ['127.0.0.0/8'],
      denyHosts: ['127.0.0.2', 'tracker.example', '*.ads.example'],
    });
    expect(() => policy.checkUrl(new URL('http://127.0.0.1/'))).not.toThrow();
    expect(refusal(() => policy.checkUrl(new URL('http://127.0.0.2/'))).message).toContain(
      'denyHosts rule "127.0.0.2"',
    );
    expect(() => policy.checkUrl(new URL('https://tracker.example/'))).toThrow(/denyHosts/);
    expect(() => policy.checkUrl(new URL('https://x.ads.example/'))).toThrow(/denyHosts/);
    expect(() => policy.checkAddress('tracker.example', '93.184.216.34', 443)).toThrow(/denyHosts/);
  });

  it('rejects a malformed config entry as INVALID_CONFIG naming its place', () => {
    const error = refusal(() => new HostPolicy({ allowHosts: ['example.com', '2130706433'] }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.issues).toEqual([
      { pointer: '/allowHosts/1', message: expect.stringContaining('2130706433') },
    ]);
  });
});
