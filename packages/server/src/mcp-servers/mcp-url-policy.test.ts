import { describe, expect, it } from 'vitest';
import { mcpUrlRefusal } from './mcp-url-policy';

describe('the SSRF policy for remote MCP servers', () => {
  it.each([
    ['a public address', 'https://93.184.215.14/mcp'],
    ['an allowed loopback URL', 'http://127.0.0.1:3001/mcp'],
  ])('lets %s through', async (_what, url) => {
    expect(await mcpUrlRefusal(url, ['http://127.0.0.1:3001/'])).toBeUndefined();
  });

  it.each([
    ['loopback', 'http://127.0.0.1:3002/mcp', /non-public address 127\.0\.0\.1 \(loopback\)/],
    ['an IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/mcp', /non-public address 127\.0\.0\.1/],
    ['a decimal-written loopback', 'http://2130706433/mcp', /127\.0\.0\.1/],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest', /linkLocal/],
    ['a private range', 'http://192.168.1.10/mcp', /private/],
    ['a non-http scheme', 'file:///etc/passwd', /only http and https/],
    ['credentials in the URL', 'https://user:secret@93.184.215.14/mcp', /credentials/],
    ['text that is no URL', 'not a url', /not an absolute URL/],
  ])('refuses %s, saying why', async (_what, url, reason) => {
    expect(await mcpUrlRefusal(url, ['http://127.0.0.1:3001/'])).toMatch(reason);
  });

  it('matches the allow-list by prefix of the whole URL, not by host alone', async () => {
    expect(await mcpUrlRefusal('http://127.0.0.1:3001/other', ['http://127.0.0.1:3001/mcp'])).toMatch(
      /mcp\.allowedUrls/,
    );
  });
});
