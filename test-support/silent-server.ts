/** A TCP server that accepts connections and never says a word, for timeout and cancellation tests. */
import { createServer, type Socket } from 'node:net';

/** A running {@link startSilentServer}. */
export interface SilentServer {
  /** Always `127.0.0.1`. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port, accepts every connection and never sends anything (no SMTP or
 * IMAP greeting), so clients hit their greeting timeout or wait until cancelled.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : 0,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
