import { type Static, Type } from 'typebox';
import { JsonObject, Name, Timestamp } from './common';

/** A tool known to Agentry, as registered from a plugin. */
export const ToolRegistration = Type.Object(
  {
    name: Name,
    plugin: Type.String({ description: 'npm package name of the plugin that provides the tool.' }),
    pluginVersion: Type.String({ description: 'Version of that plugin.' }),
    description: Type.String({ description: 'Description given by the plugin.' }),
    descriptionOverride: Type.Union([Type.String(), Type.Null()], {
      description: 'Description set by the operator; shown to the model instead of the plugin one.',
    }),
    inputSchema: JsonObject,
    configSchema: Type.Union([JsonObject, Type.Null()], { description: 'JSON Schema of its configuration.' }),
    annotations: JsonObject,
    enabled: Type.Boolean({ description: 'Whether agents may call it.' }),
    available: Type.Boolean({
      description: 'False when its plugin is no longer installed or failed to load.',
    }),
    timeoutMs: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'Per-call timeout; null uses the default.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Tool', description: 'A registered tool.' },
);
/** A registered tool. */
export type ToolRegistration = Static<typeof ToolRegistration>;

/** The fields an operator may change on a tool. */
export const ToolUpdate = Type.Partial(
  Type.Pick(ToolRegistration, ['descriptionOverride', 'enabled', 'timeoutMs']),
  {
    title: 'ToolUpdate',
    description: 'Changes to a tool; omitted fields stay as they are.',
  },
);
/** Input to change a tool. */
export type ToolUpdate = Static<typeof ToolUpdate>;
