import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on 127.0.0.1, port 0, for tests. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The port it listens on. */
  readonly port: number;
  /** How many TCP connections it has accepted. */
  readonly connections: number;
  /** Stops it, cutting open connections. */
  close(): Promise<void>;
}

/** A route handler: path (without query) to a response writer. */
export type Routes = Record<string, (request: IncomingMessage, response: ServerResponse) => void>;

/** Starts a server answering `routes`; unknown paths get 404 text. */
export async function startLoopbackServer(routes: Routes): Promise<LoopbackServer> {
  let connections = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (route) return route(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${path}`);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = await startLoopbackServer({});
  await server.close();
  return server.port;
}
