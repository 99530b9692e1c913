import { approvalPolicyFor, policyRequiresApproval } from '../../approvals/approval-policy';
import type { FieldIssue } from '../../errors/validation-error';
import type { ApprovalPolicy } from '../../models/approval';
import type { WorkflowInput } from '../../models/workflow-definition';
import { EVENT_FIELDS } from '../../triggers/event-variables';
import type { CatalogAgent, CatalogTool } from '../workflow-catalog';

/**
 * The instructions that turn a workflow description into steps, listing what the steps may use: which
 * tools are destructive and whose calls wait for a person's approval (under `defaultPolicy`, the setting
 * `approvals.defaultPolicy`, and each agent's overrides), and how a step asks for approval; with
 * `proposeTrigger`, also how to propose the trigger an event in the description calls for.
 */
export function draftSystemPrompt(
  agents: readonly CatalogAgent[],
  tools: readonly CatalogTool[],
  inputs: Record<string, WorkflowInput>,
  defaultPolicy: ApprovalPolicy = 'destructive',
  proposeTrigger = false,
): string {
  const destructive = new Set(tools.filter((tool) => tool.destructive).map((tool) => tool.name));
  const waits = (tool: string, agent?: CatalogAgent) =>
    policyRequiresApproval(approvalPolicyFor(tool, agent, defaultPolicy), destructive.has(tool));
  const agentLines = agents.map((agent) => {
    const waiting = agent.tools.filter((tool) => waits(tool, agent));
    return (
      `- ${agent.name}: ${agent.description}${agent.tools.length ? ` (tools: ${agent.tools.join(', ')})` : ''}` +
      (waiting.length ? `\n  its calls of ${waiting.join(', ')} wait for a person's approval` : '') +
      (agent.outputSchema ? `\n  answers JSON following: ${JSON.stringify(agent.outputSchema)}` : '')
    );
  });
  const toolLines = tools.map(
    (tool) =>
      `- ${tool.name}: ${tool.description}${toolNote(tool, waits(tool.name))}\n  parameters schema: ${JSON.stringify(tool.inputSchema)}`,
  );
  const inputLines = Object.entries(inputs).map(
    ([name, input]) => `- ${name}${input.description ? `: ${input.description}` : ''}`,
  );
  return [
    'You turn the description of a workflow into the steps Agentry runs, in order.',
    'Answer only with JSON: {"steps": [...]}. Each step is either',
    '  {"id", "description", "agent", "task", "outputSchema"?} - give an agent a task in plain words, or',
    '  {"id", "description", "tool", "parameters"} - call a tool directly with parameters that follow its schema.',
    'Step ids are short, unique, lowercase words such as "fetch" or "summarise".',
    'Prefer a tool step when one tool call does the job; use an agent when the step needs judgement or writing.',
    'Pass results forward with variables inside tasks and parameter values:',
    "  {previous} - the previous step's output;",
    "  {steps.<id>.output} - an earlier step's output, {steps.<id>.output.field.0.name} - a part of it;",
    '  {inputs.<name>} - a workflow input.',
    'Only refer to earlier steps. Write literal braces as {{ and }}.',
    'When a later step needs fields of an agent step\'s answer, give that step an "outputSchema" (a JSON Schema',
    'object with "properties") so the answer is JSON, and address its fields as {steps.<id>.output.<field>}.',
    'An agent listed with "answers JSON" already answers that way; use only the fields its schema declares.',
    'Approvals: a tool marked [destructive] changes or deletes something; [needs approval] calls wait for a',
    'person before they run. A step may carry "approval": {"default": "always"|"never"|"destructive",',
    '"tools": {"<tool>": ...}}. Give a step {"default": "always"} when the description asks to confirm or',
    'to be asked first (e.g. "ask me before sending"), {"default": "never"} only when it says to go ahead',
    'without asking; otherwise leave "approval" out.',
    '',
    'Agents you may use:',
    ...(agentLines.length ? agentLines : ['(none)']),
    '',
    'Tools you may call:',
    ...(toolLines.length ? toolLines : ['(none)']),
    '',
    'Workflow inputs:',
    ...(inputLines.length ? inputLines : ['(none)']),
    ...(proposeTrigger ? triggerLines() : []),
  ].join('\n');
}

/** How to propose a trigger, with the event variables of each kind. */
function triggerLines(): string[] {
  const variables = (kind: 'email' | 'webhook') =>
    Object.entries(EVENT_FIELDS[kind]).map(([field, meaning]) => `  {event.${field}} - ${meaning}`);
  return [
    '',
    'When the description says the workflow starts on an event, also propose the trigger that starts it as',
    '"trigger" next to "steps"; leave "trigger" out when no event is named.',
    '  {"kind": "email", "name", "email": {"mailbox"?, "filter"?: {"from"?, "subjectContains"?}}, "input"}',
    '    - when an email arrives ("filter.from" for "from invoices@example.com");',
    '  {"kind": "webhook", "name", "webhook"?: {"payloadSchema"?}, "input"} - when another system calls us',
    '    (a form is submitted, a service posts an event); declare the payload fields in "payloadSchema".',
    '"input" maps the workflow inputs to the event with variables, e.g. {"text": "{event.body}"}. Map every',
    'workflow input without a default, and only workflow inputs. An email event has:',
    ...variables('email'),
    'A webhook event has:',
    ...variables('webhook'),
  ];
}

/** The marks of a tool in the prompt's list: destructive, needs approval. */
function toolNote(tool: CatalogTool, waits: boolean): string {
  const marks = [...(tool.destructive ? ['destructive'] : []), ...(waits ? ['needs approval'] : [])];
  return marks.map((mark) => ` [${mark}]`).join('');
}

/** The message that sends the model its draft's problems and asks for a corrected one. */
export function draftCorrectionPrompt(issues: readonly FieldIssue[], proposeTrigger = false): string {
  const whole = proposeTrigger ? '{"steps": [...], "trigger"?: {...}}' : '{"steps": [...]}';
  return [
    'That draft is not valid:',
    ...issues.map((issue) => `- ${issue.pointer || '(draft)'}: ${issue.message}`),
    `Answer with the corrected JSON draft, the whole ${whole} again.`,
  ].join('\n');
}
