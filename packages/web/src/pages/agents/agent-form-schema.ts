import type { JsonSchema } from '../../forms/schema-fields';

/** The fields of the "create an agent" form (a subset of the API's `createAgent` body). */
export const agentFormSchema: JsonSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      title: 'Agent name',
      description: 'A letter or digit, then letters, digits, _, . or -.',
    },
    description: { type: 'string', title: 'Description', description: 'What the agent is for.' },
    role: { type: 'string', title: 'Role', description: 'The role it plays, e.g. "Research analyst".' },
    goals: { type: 'array', items: { type: 'string' }, title: 'Goals' },
    tools: {
      type: 'array',
      items: { type: 'string' },
      title: 'Tools',
      description: 'Tool names it may call.',
    },
    model: { type: 'string', title: 'Model', description: 'Ollama model; empty for the default.' },
    maxIterations: { type: 'integer', title: 'Max iterations', minimum: 1, maximum: 50 },
  },
};
