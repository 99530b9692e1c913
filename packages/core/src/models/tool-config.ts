import { type Static, Type } from 'typebox';
import { JsonObject, Name, Timestamp } from './common';

/** Where a tool configuration applies: the tool default, one agent, or one workflow. */
export const ToolConfigScope = Type.Union(
  [Type.Literal('tool'), Type.Literal('agent'), Type.Literal('workflow')],
  {
    title: 'ToolConfigScope',
  },
);
/** Scope of a tool configuration. */
export type ToolConfigScope = Static<typeof ToolConfigScope>;

/**
 * A tool's configuration in one scope. Secret fields (marked `secret: true` in the tool's config schema)
 * are stored encrypted and never returned in clear.
 */
export const ToolConfig = Type.Object(
  {
    tool: Name,
    scope: ToolConfigScope,
    scopeName: Type.String({ description: "Agent or workflow name; '' for the tool default." }),
    config: JsonObject,
    updatedAt: Timestamp,
  },
  { title: 'ToolConfig', description: 'Configuration of a tool in one scope.' },
);
/** A stored tool configuration. */
export type ToolConfig = Static<typeof ToolConfig>;

/** What a client sends to set a tool configuration (the tool, scope and scope name come from the URL). */
export const ToolConfigInput = Type.Object(
  { config: JsonObject },
  { title: 'ToolConfigInput', description: 'A tool configuration to store.' },
);
/** Input to set a tool configuration. */
export type ToolConfigInput = Static<typeof ToolConfigInput>;
