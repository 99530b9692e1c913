import type { JsonSchema, ToolAnnotations, ToolContext } from './tool-types';

const toolBrand = Symbol.for('agentry.tool');

/**
 * The class every Agentry tool extends. Declare `name`, `description` and `parameters` (JSON Schema,
 * typically written with typebox), optionally `configSchema` (mark secret fields `secret: true`),
 * `annotations` and `timeoutMs`, and implement `execute`. Throw {@link ToolError} with a message the
 * model can act on; any other throw is wrapped as `TOOL_FAILED`.
 *
 * @example
 * ```ts
 * class Echo extends BaseTool<{ text: string }> {
 *   readonly name = 'echo';
 *   readonly description = 'Repeats the text it is given.';
 *   readonly parameters = Type.Object({ text: Type.String() });
 *   async execute(params: { text: string }) { return params.text; }
 * }
 * ```
 */
export abstract class BaseTool<
  Params = Record<string, unknown>,
  Config = Record<string, unknown>,
  Output = unknown,
> {
  /** Brand recognised by the registry (never `instanceof`, since two copies of core may be installed). */
  static readonly [toolBrand] = true;
  /** Unique tool name the model calls, e.g. `http_get` (letters, digits, `_`, `-`). */
  abstract readonly name: string;
  /** What the tool does and when to use it, written for the model. */
  abstract readonly description: string;
  /** JSON Schema of the parameters object. */
  abstract readonly parameters: JsonSchema;
  /** JSON Schema of the configuration (credentials, limits); fields marked `secret: true` are encrypted at rest. */
  readonly configSchema?: JsonSchema;
  /** MCP behaviour hints. */
  readonly annotations?: ToolAnnotations;
  /** Default time limit for one call, in milliseconds (the host default is 30 000). */
  readonly timeoutMs?: number;

  /** Runs the tool. Resolve with a JSON-serialisable value or a string. */
  abstract execute(params: Params, context: ToolContext<Config>): Promise<Output>;

  /** The parameters schema under its MCP name. */
  get inputSchema(): JsonSchema {
    return this.parameters;
  }
}

/** Shape of a tool instance as the registry sees it (whatever copy of core built it). */
export interface ToolLike {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
  readonly configSchema?: JsonSchema;
  readonly annotations?: ToolAnnotations;
  readonly timeoutMs?: number;
  execute(params: unknown, context: ToolContext<never>): Promise<unknown>;
}

/** A tool class with a no-argument constructor. */
export type ToolClass = new () => ToolLike;

/** True when `value` is a tool instance: an object with a name, description, parameters and execute. */
export function isToolInstance(value: unknown): value is ToolLike {
  if (typeof value !== 'object' || value === null) return false;
  const tool = value as Partial<ToolLike>;
  return (
    typeof tool.name === 'string' &&
    typeof tool.description === 'string' &&
    typeof tool.parameters === 'object' &&
    tool.parameters !== null &&
    typeof tool.execute === 'function'
  );
}

/** True when `value` is a class branded as an Agentry tool (it extends some copy of {@link BaseTool}). */
export function isToolClass(value: unknown): value is ToolClass {
  return typeof value === 'function' && toolBrand in value;
}
