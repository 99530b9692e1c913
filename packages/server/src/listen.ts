import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agentry } from '@agentry/core';
import { createServer } from './app';
import { PortInUseError } from './port-in-use-error';

/** A listening API server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** The Node HTTP server. */
  http: Server;
  /**
   * Stops accepting connections, lets requests in flight finish (up to `graceMs`, then cuts the rest), and
   * leaves the Agentry instance running (the caller stops it).
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves the REST API of `agentry` on `host`:`port` (port 0 picks a free one). Rejects with
 * {@link PortInUseError} when the address is taken.
 */
export async function listen(agentry: Agentry, host: string, port: number): Promise<RunningServer> {
  const { app, mcp, mcpServers } = createServer(agentry);
  const http = createHttpServer(app.callback());
  http.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port, error) : error),
    );
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    http,
    close: async (graceMs = 5000) => {
      await mcp.close();
      await mcpServers.close();
      await new Promise<void>((resolve) => {
        const cutoff = setTimeout(() => http.closeAllConnections(), graceMs);
        cutoff.unref();
        http.close(() => {
          clearTimeout(cutoff);
          resolve();
        });
        http.closeIdleConnections();
      });
    },
  };
}
