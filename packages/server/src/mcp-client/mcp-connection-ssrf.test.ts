import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTinyHttpMcpServer, type TinyHttpMcpServer } from '../mcp-servers/tiny-mcp-server.test-support';
import { McpConnection } from './mcp-connection';

/** A loopback TCP relay to the tiny MCP server that counts the connections it receives. */
interface CountingRelay {
  port: number;
  connections: number;
  server: Server;
}

async function startCountingRelay(target: URL): Promise<CountingRelay> {
  const relay: CountingRelay = { port: 0, connections: 0, server: createServer() };
  relay.server.on('connection', (incoming) => {
    relay.connections += 1;
    const outgoing = connect(Number(target.port), target.hostname);
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => incoming.destroy());
  });
  relay.server.listen(0, '127.0.0.1');
  await once(relay.server, 'listening');
  relay.port = (relay.server.address() as AddressInfo).port;
  return relay;
}

// The pre-check (mcpUrlRefusal, made by the supervisor and the REST API) refuses these URLs outright, so a
// name that rebinds between that check and the connection is stood in for by building the connection
// directly: what is proved is that the connection itself checks the address it connects to.
describe('a remote MCP connection checks the address of every connection (DNS rebinding)', {
  timeout: 60_000,
}, () => {
  let tiny: TinyHttpMcpServer;
  let relay: CountingRelay;
  let connection: McpConnection | undefined;

  beforeAll(async () => {
    tiny = await startTinyHttpMcpServer();
    relay = await startCountingRelay(new URL(tiny.url));
  });
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
    relay.connections = 0;
  });
  afterAll(async () => {
    relay?.server.close();
    await tiny?.close();
  });

  it.each([
    ['an IP literal', '127.0.0.1', /127\.0\.0\.1 is the non-public address 127\.0\.0\.1 \(loopback\)/],
    [
      'a name resolving to loopback',
      'localhost',
      /localhost is the non-public address (127\.0\.0\.1|::1) \(loopback\)/,
    ],
  ])(
    'refuses %s with an SSRF error naming the address; the listener sees no connection',
    async (_, host, named) => {
      const url = `http://${host}:${relay.port}/mcp`;
      connection = new McpConnection({
        name: 'rebound',
        transport: { url, allowedUrls: ['http://127.0.0.1:1/'] },
        connectTimeoutMs: 20_000,
      });
      await expect(connection.open()).rejects.toThrow();
      expect(connection.lastError).toMatch(named);
      expect(connection.lastError).toContain('mcp.allowedUrls');
      expect(relay.connections).toBe(0);
    },
  );

  it('connects when the URL is in mcp.allowedUrls', async () => {
    const url = `http://127.0.0.1:${relay.port}/mcp`;
    connection = new McpConnection({
      name: 'allowed',
      transport: { url, allowedUrls: [`http://127.0.0.1:${relay.port}/`] },
      connectTimeoutMs: 20_000,
    });
    const tools = await connection.open();
    expect(tools.map((tool) => tool.name)).toContain('shout');
    expect(relay.connections).toBeGreaterThan(0);
  });
});
