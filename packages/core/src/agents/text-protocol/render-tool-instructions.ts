import type { JsonSchema } from '../../tools/tool-types';
import { describeSchemaType, type SchemaRecord } from './describe-schema-type';

/** A tool as the model is told about it. */
export interface ToolDescription {
  /** Registered name. */
  name: string;
  /** What the tool does, for the model. */
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

const MAX_DESCRIPTION = 300;

/**
 * Writes the system-prompt section that teaches a model without native tool support how to call
 * tools: reply with only `{"tool": "<name>", "arguments": {...}}` (a ```json fence is fine), several
 * objects for several calls, and `{"final_answer": "..."}` or plain prose to finish. Each tool is listed
 * with its parameters on one line each: name, type, required or optional, allowed values, default,
 * description. Kept short and literal because it is written for small models.
 */
export function renderToolInstructions(tools: readonly ToolDescription[]): string {
  if (tools.length === 0) return 'No tools are available. Answer directly in plain text.';
  const [first] = tools;
  return [
    'You can call tools. To call a tool, reply with ONLY this JSON object and nothing else:',
    '{"tool": "<tool name>", "arguments": {"<parameter>": <value>}}',
    'To call several tools at once, write one such JSON object per tool, one per line.',
    'You will then receive each tool result and can call another tool or finish.',
    'To finish, reply with {"final_answer": "<your answer>"} or just write your answer as plain text without JSON.',
    'Use only the tools below, use double quotes in JSON, and put every parameter inside "arguments".',
    '',
    'Tools:',
    ...tools.map(describeTool),
    '',
    'Example:',
    exampleCall(first!),
  ].join('\n');
}

function describeTool(tool: ToolDescription): string {
  const properties = propertiesOf(tool.parameters);
  const required = requiredOf(tool.parameters);
  const lines = [`- ${tool.name}: ${oneLine(tool.description)}`];
  if (properties.length === 0) lines.push('  arguments: {} (none)');
  for (const [name, schema] of properties) {
    const details = [describeSchemaType(schema), required.has(name) ? 'required' : 'optional'];
    if (schema.default !== undefined) details.push(`default ${JSON.stringify(schema.default)}`);
    const description = typeof schema.description === 'string' ? ` - ${oneLine(schema.description)}` : '';
    lines.push(`  "${name}" (${details.join(', ')})${description}`);
  }
  return lines.join('\n');
}

function exampleCall(tool: ToolDescription): string {
  const required = requiredOf(tool.parameters);
  const args = Object.fromEntries(
    propertiesOf(tool.parameters)
      .filter(([name]) => required.has(name))
      .map(([name, schema]) => [name, placeholder(name, schema)]),
  );
  return JSON.stringify({ tool: tool.name, arguments: args });
}

function placeholder(name: string, schema: SchemaRecord): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return `<${name}>`;
  }
}

function propertiesOf(schema: JsonSchema): [string, SchemaRecord][] {
  const properties = (schema as SchemaRecord).properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, SchemaRecord>);
}

function requiredOf(schema: JsonSchema): Set<unknown> {
  const required = (schema as SchemaRecord).required;
  return new Set(Array.isArray(required) ? required : []);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 3)}...` : line;
}
