/**
 * The HTTP baseline: a bare Koa app that answers every request with the JSON in `BENCH_JSON` — no auth,
 * no validation, no database. Listens on 127.0.0.1, port `PORT`.
 */
import { createServer } from 'node:http';
import Koa from 'koa';

const body: unknown = JSON.parse(process.env.BENCH_JSON ?? '{}');
const app = new Koa();
app.use((ctx) => {
  ctx.body = body;
});
const server = createServer(app.callback());
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
