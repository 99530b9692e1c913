/**
 * The HTTP baseline: a bare Koa app that answers every request with the JSON in `BENCH_JSON` — no auth,
 * no validation, no database. Prints `{"url": ...}` once listening on 127.0.0.1, a free port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

const body: unknown = JSON.parse(process.env.BENCH_JSON ?? '{}');
const app = new Koa();
app.use((ctx) => {
  ctx.body = body;
});
const server = createServer(app.callback());
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
