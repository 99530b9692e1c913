import type { Agentry } from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.String() });
const Demo = Type.Optional(
  Type.Literal(true, { description: 'Present in demo mode: the model is simulated (see docs/demo.md).' }),
);
const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    checks: Type.Record(Type.String(), Check),
    demo: Demo,
  },
  { title: 'Readiness' },
);

/**
 * `/health` (liveness: the process answers) and `/ready` (database and Ollama reachable, model present);
 * both add `"demo": true` in demo mode.
 */
export function systemRoutes(agentry: Agentry): AnyRoute[] {
  const demo = agentry.config.settings.demo ? { demo: true as const } : {};
  return [
    defineRoute({
      method: 'GET',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Liveness: the server process is up.',
      tag: 'system',
      public: true,
      responses: {
        200: { description: 'Alive.', schema: Type.Object({ status: Type.Literal('ok'), demo: Demo }) },
      },
      handler: () => ({ body: { status: 'ok' as const, ...demo } }),
    }),
    defineRoute({
      method: 'GET',
      path: '/ready',
      operationId: 'getReadiness',
      summary: 'Readiness: the database is reachable, Ollama answers and the default model is present.',
      tag: 'system',
      public: true,
      responses: {
        200: { description: 'Every check passed.', schema: Readiness },
        503: { description: 'At least one check failed; each check says why.', schema: Readiness },
      },
      handler: async () => {
        const report = await agentry.readiness();
        return { status: report.status === 'ready' ? 200 : 503, body: { ...report, ...demo } };
      },
    }),
  ];
}
