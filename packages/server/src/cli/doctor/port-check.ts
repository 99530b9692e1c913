import { createServer } from 'node:net';
import { type CheckResult, fail, pass } from './check-result';
import type { DoctorContext } from './doctor-context';
import { localUrl, probeAgentry } from './probe-agentry';

/** `port`: `server.host`:`server.port` is free, or an Agentry server already answers there (fine too). */
export async function checkPort(ctx: DoctorContext): Promise<CheckResult> {
  const { host, port } = ctx.settings.server;
  const problem = await tryListen(host, port);
  if (problem === undefined) return pass('port', `port ${port} on ${host} is free`);
  if (problem === 'EADDRINUSE') {
    const running = await probeAgentry(localUrl(host, port));
    if (running) return pass('port', `an Agentry server already answers at ${running.url}`);
    return fail(
      'port',
      `PORT_IN_USE: port ${port} on ${host} is held by another program`,
      'stop that program, or set AGENTRY_PORT or --port to another port',
    );
  }
  return fail(
    'port',
    `cannot listen on ${host}:${port} (${problem})`,
    'set AGENTRY_HOST/--host to an address of this machine and AGENTRY_PORT/--port to a port above 1023',
  );
}

/** Listens and closes at once; answers the error code, or undefined when listening worked. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
