import { Name } from '../../models/common';
import type { WorkflowInput } from '../../models/workflow-definition';
import type { CatalogAgent, CatalogTool } from '../workflow-catalog';
import { triggerProposalFormat } from './trigger-proposal';

const onError = { enum: ['stop', 'continue', 'retry'] };
const stepId = { type: 'string', pattern: Name.pattern, description: 'Short unique id, e.g. "fetch".' };
const stepDescription = { type: 'string', description: 'What the step does.' };
const policy = { enum: ['never', 'always', 'destructive'] };
const approval = {
  type: 'object',
  description: "When the step's tool calls wait for a person: only when the description asks for it.",
  properties: { default: policy, tools: { type: 'object', additionalProperties: policy } },
  additionalProperties: false,
};

/**
 * The JSON Schema the model's draft must follow (sent as Ollama's `format`): `{ steps: [...] }`, where each
 * step runs one of the registered agents with a task, or calls one of the registered tools with parameters
 * shaped by that tool's schema; either may carry an `approval` override (`{ default?, tools? }`). With
 * `triggerInputs` (the workflow's inputs) the draft may also hold a `trigger` proposal whose `input` maps them.
 */
export function draftFormat(
  agents: readonly CatalogAgent[],
  tools: readonly CatalogTool[],
  triggerInputs?: Record<string, WorkflowInput>,
): object {
  const choices: object[] = [];
  if (agents.length > 0) {
    choices.push({
      type: 'object',
      properties: {
        id: stepId,
        description: stepDescription,
        agent: { enum: agents.map((agent) => agent.name) },
        task: { type: 'string', minLength: 1 },
        outputSchema: {
          type: 'object',
          description: 'JSON Schema of the answer, when later steps use its fields.',
        },
        onError,
        approval,
      },
      required: ['id', 'agent', 'task'],
      additionalProperties: false,
    });
  }
  for (const tool of tools) {
    choices.push({
      type: 'object',
      properties: {
        id: stepId,
        description: stepDescription,
        tool: { const: tool.name },
        parameters: withoutSchemaKeywords(tool.inputSchema),
        onError,
        approval,
      },
      required: ['id', 'tool', 'parameters'],
      additionalProperties: false,
    });
  }
  return {
    type: 'object',
    properties: {
      steps: { type: 'array', minItems: 1, items: { anyOf: choices } },
      ...(triggerInputs ? { trigger: triggerProposalFormat(triggerInputs) } : {}),
    },
    required: ['steps'],
    additionalProperties: false,
  };
}

/** Drops `$schema`/`$id`, which only make sense at a document's root. */
function withoutSchemaKeywords(schema: object): object {
  const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}
