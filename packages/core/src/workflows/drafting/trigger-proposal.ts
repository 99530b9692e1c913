import { Type } from 'typebox';
import type { FieldIssue } from '../../errors/validation-error';
import { ValidationError } from '../../errors/validation-error';
import { Name } from '../../models/common';
import { EmailFilter } from '../../models/email-trigger';
import { TriggerKind } from '../../models/trigger';
import type { WorkflowInput } from '../../models/workflow-definition';
import type { WorkflowTriggerProposal } from '../../models/workflow-draft';
import { checkEventVariables } from '../../triggers/event-variables';
import { checkWorkflowInputMapping } from '../../triggers/workflow-input-mapping';
import { compileOnFirstUse, compileValidator } from '../../validation/validator';

/** The trigger as the model writes it: the email options' config scope and defaults are filled in after. */
interface DraftedTrigger {
  kind: 'email' | 'webhook';
  name: string;
  input: Record<string, unknown>;
  email?: { mailbox?: string; filter?: EmailFilter };
  webhook?: { payloadSchema?: Record<string, unknown> };
}

const draftedTrigger = compileOnFirstUse<DraftedTrigger>(
  Type.Object(
    {
      kind: TriggerKind,
      name: Name,
      input: Type.Record(Type.String(), Type.Unknown()),
      email: Type.Optional(
        Type.Object(
          { mailbox: Type.Optional(Type.String({ minLength: 1 })), filter: Type.Optional(EmailFilter) },
          { additionalProperties: false },
        ),
      ),
      webhook: Type.Optional(
        Type.Object(
          { payloadSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
);

/**
 * The JSON Schema of the optional `trigger` of a draft (part of Ollama's `format`): an email or a webhook
 * trigger whose `input` maps the workflow's declared inputs to strings (`{event.…}` variables).
 */
export function triggerProposalFormat(inputs: Record<string, WorkflowInput>): object {
  const input = {
    type: 'object',
    properties: Object.fromEntries(Object.keys(inputs).map((name) => [name, { type: 'string' }])),
    additionalProperties: false,
  };
  const name = {
    type: 'string',
    pattern: Name.pattern,
    description: 'Short trigger name, e.g. "invoice-mail".',
  };
  const filter = {
    type: 'object',
    properties: { from: { type: 'string' }, subjectContains: { type: 'string' } },
    additionalProperties: false,
  };
  return {
    anyOf: [
      {
        type: 'object',
        properties: {
          kind: { const: 'email' },
          name,
          input,
          email: {
            type: 'object',
            properties: { mailbox: { type: 'string' }, filter },
            additionalProperties: false,
          },
        },
        required: ['kind', 'name', 'input'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: {
          kind: { const: 'webhook' },
          name,
          input,
          webhook: {
            type: 'object',
            properties: { payloadSchema: { type: 'object' } },
            additionalProperties: false,
          },
        },
        required: ['kind', 'name', 'input'],
        additionalProperties: false,
      },
    ],
  };
}

/**
 * Checks the model's proposed trigger like a trigger about to be saved for this workflow: its shape
 * against the trigger schema, options of its own kind only, an `input` mapping that gives only declared
 * inputs and every input without a default, `{event.…}` variables that name fields of the kind's event
 * (and of the payload schema, which must compile). Returns the proposal (email triggers connect with the
 * `read_emails` tool configuration and watch `INBOX` unless told otherwise) or the issues, below `/trigger`.
 */
export function checkTriggerProposal(
  value: unknown,
  inputs: Record<string, WorkflowInput>,
): { proposal: WorkflowTriggerProposal } | { issues: FieldIssue[] } {
  const shapeIssues = draftedTrigger.issues(value);
  if (shapeIssues.length > 0) return { issues: below(shapeIssues) };
  const drafted = value as DraftedTrigger;
  const issues: FieldIssue[] = [];
  if (drafted.kind === 'email' && drafted.webhook !== undefined) {
    issues.push({ pointer: '/webhook', message: 'webhook options apply to webhook triggers only' });
  }
  if (drafted.kind === 'webhook' && drafted.email !== undefined) {
    issues.push({ pointer: '/email', message: 'email options apply to email triggers only' });
  }
  const payloadSchema = drafted.webhook?.payloadSchema;
  if (payloadSchema !== undefined) issues.push(...payloadSchemaIssues(payloadSchema));
  issues.push(...checkWorkflowInputMapping(inputs, drafted.input, 'this workflow'));
  issues.push(...checkEventVariables(drafted.kind, drafted.input, payloadSchema));
  if (issues.length > 0) return { issues: below(issues) };
  return { proposal: toProposal(drafted) };
}

function toProposal(drafted: DraftedTrigger): WorkflowTriggerProposal {
  const { kind, name, input } = drafted;
  if (kind === 'webhook') {
    return { name, kind, input, ...(drafted.webhook ? { webhook: drafted.webhook } : {}) };
  }
  const filter = drafted.email?.filter;
  return {
    name,
    kind,
    input,
    email: {
      configScope: { scope: 'tool' },
      mailbox: drafted.email?.mailbox ?? 'INBOX',
      ...(filter && Object.keys(filter).length > 0 ? { filter } : {}),
    },
  };
}

function payloadSchemaIssues(schema: Record<string, unknown>): FieldIssue[] {
  try {
    compileValidator(schema);
    return [];
  } catch (error) {
    const message = ValidationError.isInstance(error) ? error.issues[0]?.message : undefined;
    return [{ pointer: '/webhook/payloadSchema', message: message ?? 'not a valid JSON Schema' }];
  }
}

function below(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ ...issue, pointer: `/trigger${issue.pointer}` }));
}
