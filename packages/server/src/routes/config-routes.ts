import type { Agentry } from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const SettingsView = Type.Record(Type.String(), Type.Unknown(), {
  title: 'SettingsView',
  description: 'The settings in force, nested by area; secret values appear only as `{ "set": true }`.',
});
const SettingsChange = Type.Object(
  {
    settings: SettingsView,
    applied: Type.Array(Type.String(), { description: 'Settings that took effect immediately.' }),
    restartRequired: Type.Array(Type.String(), {
      description: 'Settings stored but in effect only after a restart.',
    }),
  },
  { title: 'SettingsChange' },
);

/** `GET /api/v1/config` and `PATCH /api/v1/config` (JSON merge patch). */
export function configRoutes(agentry: Agentry): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/config',
      operationId: 'getConfig',
      summary: 'The settings in force (secrets redacted).',
      tag: 'config',
      responses: { 200: { description: 'Settings.', schema: SettingsView } },
      handler: () => ({ body: agentry.config.redacted() }),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/v1/config',
      operationId: 'patchConfig',
      summary: 'Change settings at run time (JSON merge patch); persisted, applied live where safe.',
      description:
        'Ollama, agent, scheduler, tool-timeout and log settings apply at once; server settings and tools.dir are stored and need a restart (listed in restartRequired); database, security, data and log.format cannot be changed here.',
      tag: 'config',
      body: Type.Record(Type.String(), Type.Unknown(), { description: 'A partial settings document.' }),
      responses: { 200: { description: 'The change.', schema: SettingsChange } },
      handler: async ({ body }) => ({ body: await agentry.config.patch(body) }),
    }),
  ];
}
