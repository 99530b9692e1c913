import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { describe, expect, it } from 'vitest';
import { HttpGetTool } from './http-get-tool';

// A self-signed certificate for "localhost" (valid until 2126), so TLS is exercised without any CA setup.
const key = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgzlus99leu040ntIG
eYNE01o7f5Jc+NhYwZnttQp9KcihRANCAASReicZ7AUMvxNXxy3EypC5bnlYFb3b
eWJf6GcmYN5dfrqG1/cJczUtLGULszz0gLIwqHzNyWsqohN0QNcm2MuO
-----END PRIVATE KEY-----`;
const cert = `-----BEGIN CERTIFICATE-----
MIIBlTCCATugAwIBAgIUXL93D+TI1udVUTDXVIujNjF++RQwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTE3MjcwOFoYDzIxMjYxMTAx
MTcyNzA4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASReicZ7AUMvxNXxy3EypC5bnlYFb3beWJf6GcmYN5dfrqG1/cJczUt
LGULszz0gLIwqHzNyWsqohN0QNcm2MuOo2kwZzAdBgNVHQ4EFgQUxdJ0wTbHELIo
vpvBSnO8b6PHYmIwHwYDVR0jBBgwFoAUxdJ0wTbHELIovpvBSnO8b6PHYmIwDwYD
VR0TAQH/BAUwAwEB/zAUBgNVHREEDTALgglsb2NhbGhvc3QwCgYIKoZIzj0EAwID
SAAwRQIhAL9U+f+3u0bWTKUD+AlRUqvM5828Yu1NtQyekJOZYritAiAKHiBN4RJB
/KOjHBQXMliyb1ZnfxNfIFhw4DaXJ65GZw==
-----END CERTIFICATE-----`;

const tool = new HttpGetTool();

async function listen(server: ReturnType<typeof createHttpServer>, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

describe('http_get transport', () => {
  it('connects over IPv6 to an allowlisted [::1]:port', async () => {
    const server = createHttpServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end('v6'),
    );
    const port = await listen(server, '::1');
    try {
      const result = await tool.execute(
        { url: `http://[::1]:${port}/` },
        createToolContext({ config: { allowHosts: [`[::1]:${port}`] } }),
      );
      expect(result).toMatchObject({ status: 200, body: 'v6' });
    } finally {
      server.close();
    }
  });

  it('sends the URL host name as TLS SNI although it connects to the checked address, and refuses an untrusted certificate', async () => {
    const serverNames: string[] = [];
    const context = createSecureContext({ key, cert });
    const server = createHttpsServer(
      {
        key,
        cert,
        SNICallback: (name, done) => {
          serverNames.push(name);
          done(null, context);
        },
      },
      (_request, response) => response.end('secret'),
    );
    const port = await listen(server, '127.0.0.1');
    try {
      const error = await tool
        .execute(
          { url: `https://localhost:${port}/` },
          createToolContext({ config: { allowHosts: ['localhost'] } }),
        )
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(ToolError.isInstance(error)).toBe(true);
      expect((error as ToolError).message).toMatch(/TLS certificate of localhost:\d+ could not be verified/);
      expect(serverNames).toContain('localhost');
    } finally {
      server.close();
    }
  });
});
