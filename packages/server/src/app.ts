import type { Agentry } from '@agentry/core';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import { locateConsole } from './console/locate-console';
import { serveConsole } from './console/serve-console';
import { sessionRoutes } from './console/session-routes';
import { SessionStore } from './console/session-store';
import { SignInLimiter } from './console/sign-in-limiter';
import { DEMO_HEADER, demoHeader } from './demo/demo-header';
import { mountRoutes } from './http/mount-routes';
import type { AnyRoute } from './http/route';
import { LocalToolBackend } from './mcp/local-tool-backend';
import { MCP_PATH, type McpEndpoint, mcpEndpoint } from './mcp/mcp-endpoint';
import { McpServerSupervisor } from './mcp-servers/mcp-server-supervisor';
import { authenticate } from './middleware/authenticate';
import { jsonBody } from './middleware/json-body';
import { problemHandler } from './middleware/problem-handler';
import { requestContext } from './middleware/request-context';
import { exceptWebhooks, HOOKS_PREFIX, webhookBody } from './middleware/webhook-body';
import { buildOpenApi } from './openapi/build-openapi';
import { docsRoutes } from './routes/docs-routes';
import { apiRoutes } from './routes/index';
import { serverVersion } from './server-version';

/** The Koa application and the routes it serves. */
export interface AgentryServer {
  /** The Koa app; pass `app.callback()` to `http.createServer`. */
  app: Koa;
  /** Every route, as documented in the OpenAPI document. */
  routes: AnyRoute[];
  /** The MCP endpoint (`/mcp`); close it when the server stops. */
  mcp: McpEndpoint;
  /** Keeps the MCP servers registered over REST connected; close it when the server stops. */
  mcpServers: McpServerSupervisor;
}

/**
 * Builds the REST API over an Agentry instance: request ids and logging, problem+json errors, the web console
 * at `/` (static files of `@agentry/web`, public: they hold no data), CORS, API-key auth (deny by default), the
 * `X-Agentry-Demo` header in demo mode, JSON bodies with a size limit, the MCP endpoint (`/mcp`, behind the
 * same keys), schema-validated routes, 404/405 answers, and the OpenAPI document generated from the same
 * route definitions.
 */
export function createServer(agentry: Agentry): AgentryServer {
  const settings = agentry.config.settings;
  const sessions = new SessionStore(agentry.apiKeys);
  const routes: AnyRoute[] = [
    ...apiRoutes(agentry),
    ...sessionRoutes(agentry.apiKeys, sessions, new SignInLimiter()),
  ];
  // Built per request: plugins loaded by a rescan add their config schemas.
  routes.push(
    ...docsRoutes(() =>
      buildOpenApi(routes, { version: serverVersion, extraSchemas: toolConfigSchemas(agentry) }),
    ),
  );

  const publicRoutes = new Set(
    routes.filter((route) => route.public).map((route) => `${route.method} ${route.path}`),
  );
  const router = new Router();
  mountRoutes(router, routes);

  const app = new Koa({ proxy: false });
  app.silent = true;
  if (settings.demo) app.use(demoHeader());
  app.use(requestContext(agentry.logger));
  app.use(problemHandler(agentry.logger));
  const serverPages = routes.filter((route) => !route.path.startsWith('/api/')).map((route) => route.path);
  // The MCP endpoint answers GET too (its event stream), and webhooks live under /hooks/: not console pages.
  app.use(serveConsole(locateConsole(), new Set([...serverPages, MCP_PATH]), [HOOKS_PREFIX]));
  if (settings.server.corsOrigins.length > 0) {
    const allowed = new Set(settings.server.corsOrigins);
    app.use(
      cors({
        origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
        exposeHeaders: ['Location', 'X-Request-Id', ...(settings.demo ? [DEMO_HEADER] : [])],
      }),
    );
  }
  app.use(
    authenticate(
      agentry.apiKeys,
      (method, path) =>
        publicRoutes.has(`${method === 'HEAD' ? 'GET' : method} ${path}`) ||
        (method === 'POST' && path.startsWith(HOOKS_PREFIX)),
      sessions,
    ),
  );
  app.use(webhookBody());
  for (const middleware of jsonBody(settings.server.bodyLimitBytes)) app.use(exceptWebhooks(middleware));
  const mcp = mcpEndpoint(new LocalToolBackend(agentry));
  app.use(mcp.middleware);
  app.use(router.routes());
  app.use(router.allowedMethods());
  // Registered MCP servers connect in the background: a slow or broken one never delays start-up.
  const mcpServers = McpServerSupervisor.of(agentry);
  mcpServers.start().catch((error: unknown) => {
    agentry.logger.warn({ err: error }, 'Registered MCP servers could not be read');
  });
  return { app, routes, mcp, mcpServers };
}

/** Each loaded tool's config schema, published as `ToolConfig_<tool>` under components.schemas. */
function toolConfigSchemas(agentry: Agentry): Record<string, object> {
  return Object.fromEntries(
    Object.entries(agentry.tools.configSchemas()).map(([tool, schema]) => [`ToolConfig_${tool}`, schema]),
  );
}
