import { Name } from '@agentry/core';
import { Type } from 'typebox';

/** Path parameters naming a tool. */
export const ToolNameParams = Type.Object({ name: Name });

/** One plugin as `GET /api/v1/plugins` shows it. */
export const PluginStatusSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union(
      ['builtin', 'directory', 'file', 'dependency', 'registered'].map((source) => Type.Literal(source)),
      { description: 'How it was found.' },
    ),
    location: Type.String({
      description:
        'Its folder or file, `builtin:<name>`, or `runtime:mcp:<server>` for an MCP server registered over REST.',
    }),
    status: Type.Union(
      [Type.Literal('loaded'), Type.Literal('failed'), Type.Literal('disabled'), Type.Literal('connecting')],
      { description: '`connecting`: an MCP server registered over REST, still being connected.' },
    ),
    reason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it failed or is disabled, or which of its tools were refused (TOOL_NAME_TAKEN).',
    }),
    tools: Type.Array(Type.String(), { description: 'Names of the tools it provides.' }),
    overrides: Type.Array(Type.String(), {
      description: 'Bundled tools it replaced, as the setting plugins.allowOverride allows.',
    }),
    refusedTools: Type.Array(
      Type.Object({
        name: Type.String({ description: 'The tool name.' }),
        code: Type.Literal('TOOL_NAME_TAKEN'),
        reason: Type.String({ description: 'Which plugin has the name, and what to do.' }),
      }),
      { description: 'Its tools refused because another plugin already provides the name.' },
    ),
    isolation: Type.Union([Type.Literal('worker'), Type.Literal('in-process')], {
      description:
        'Where its code runs: `worker` (its own worker thread; third-party plugins by default, see plugins.isolation) or `in-process` (bundled plugins, plugins.inProcess, or plugins.isolation none).',
    }),
    lastFault: Type.Union(
      [
        Type.Object({
          time: Type.String({
            format: 'date-time',
            description: 'When its worker crashed or was terminated.',
          }),
          message: Type.String({ description: 'What happened, e.g. an uncaught exception or process.exit.' }),
        }),
        Type.Null(),
      ],
      {
        description: 'The last crash or termination of its worker; null when none (always null in process).',
      },
    ),
  },
  { title: 'PluginStatus' },
);

/** A `ToolError` as it appears in an execution outcome. */
export const ToolErrorSchema = Type.Object(
  {
    code: Type.String({
      description: 'TOOL_NOT_FOUND, INVALID_ARGUMENTS, TOOL_TIMEOUT, … (see docs/tools.md).',
    }),
    message: Type.String({ description: 'What went wrong and how to fix the call.' }),
    issues: Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() })),
    retryable: Type.Boolean(),
  },
  { title: 'ToolError' },
);

/** The outcome of `POST /api/v1/tools/{name}/execute`. */
export const ToolOutcomeSchema = Type.Object(
  {
    ok: Type.Boolean({ description: 'False when the call failed; `error` says why.' }),
    tool: Type.String(),
    output: Type.Optional(Type.Unknown({ description: 'The full result, secrets masked (when ok).' })),
    error: Type.Optional(ToolErrorSchema),
    text: Type.String({
      description: 'What a model would see: output or error as text, cut to 8 000 characters.',
    }),
    truncated: Type.Boolean(),
    durationMs: Type.Integer(),
  },
  { title: 'ToolOutcome' },
);
