import type { JsonSchema } from '../../forms/schema-fields';

const properties: Record<string, JsonSchema> = {
  name: {
    type: 'string',
    title: 'Agent name',
    description: 'A letter or digit, then letters, digits, _, . or -.',
  },
  description: { type: 'string', title: 'Description', description: 'What the agent is for.' },
  role: { type: 'string', title: 'Role', description: 'The role it plays, e.g. "Research analyst".' },
  goals: { type: 'array', items: { type: 'string' }, title: 'Goals' },
  backstory: { type: 'string', title: 'Backstory', description: 'Background that shapes how it works.' },
  model: { type: 'string', title: 'Model', description: 'Ollama model; empty for the default.' },
  maxIterations: { type: 'integer', title: 'Max iterations', minimum: 1, maximum: 50 },
  outputSchema: {
    type: 'object',
    title: 'Output schema',
    description: 'JSON Schema the final answer must follow (JSON); empty for free text.',
  },
};

/**
 * The fields of the agent form (the API's agent definition): `tools` is a multi-select of the registered
 * `toolNames`; for editing (`edit`), the name is fixed and the role required, as `PUT` wants.
 */
export function agentFormSchema(toolNames: readonly string[], edit = false): JsonSchema {
  const { name, ...rest } = properties;
  const tools: JsonSchema = {
    type: 'array',
    items: { type: 'string', enum: [...toolNames] },
    title: 'Tools',
    description: 'Tools it may call (Ctrl/⌘-click to pick several).',
  };
  return edit
    ? { type: 'object', required: ['role'], properties: { ...rest, tools } }
    : { type: 'object', required: ['name'], properties: { name: name as JsonSchema, ...rest, tools } };
}
