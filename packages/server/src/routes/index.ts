import type { Agentry } from '@agentry/core';
import type { AnyRoute } from '../http/route';
import { agentRoutes } from './agent-routes';
import { approvalRoutes } from './approval-routes';
import { configRoutes } from './config-routes';
import { hookRoutes } from './hook-routes';
import { keyRoutes } from './key-routes';
import { mcpServerConfigRoutes } from './mcp-server-config-routes';
import { mcpServerRoutes } from './mcp-server-routes';
import { memoryRoutes } from './memory-routes';
import { runRoutes } from './run-routes';
import { scheduleRoutes } from './schedule-routes';
import { systemRoutes } from './system-routes';
import { toolConfigRoutes } from './tool-config-routes';
import { toolRoutes } from './tool-routes';
import { triggerRoutes } from './trigger-routes';
import { workflowRoutes } from './workflow-routes';

/** Every API route except the docs routes. A new resource adds its route file and one line here. */
export function apiRoutes(agentry: Agentry): AnyRoute[] {
  return [
    ...systemRoutes(agentry),
    ...configRoutes(agentry),
    ...agentRoutes(agentry),
    ...memoryRoutes(agentry),
    ...runRoutes(agentry),
    ...approvalRoutes(agentry),
    ...toolRoutes(agentry),
    ...toolConfigRoutes(agentry),
    ...mcpServerRoutes(agentry),
    ...mcpServerConfigRoutes(agentry),
    ...workflowRoutes(agentry),
    ...scheduleRoutes(agentry),
    ...triggerRoutes(agentry),
    ...hookRoutes(agentry),
    ...keyRoutes(agentry),
  ];
}
