import { outputSchemaIssues } from '../agents/typed-answer/index';
import { approvalToolIssues } from '../approvals/approval-tool-issues';
import type { FieldIssue } from '../errors/validation-error';
import type { AgentApproval } from '../models/approval';
import type { WorkflowInput, WorkflowStep } from '../models/workflow-definition';
import { compileValidator } from '../validation/validator';
import { escapePointer, findVariables, outputPathProblem, type VariableUse } from './variables/index';
import type { WorkflowCatalog } from './workflow-catalog';

/** The parts of a workflow that validation checks. */
export interface WorkflowShape {
  /** Declared inputs by name. */
  inputs?: Record<string, WorkflowInput>;
  /** The steps, in order. */
  steps: WorkflowStep[];
  /** The workflow's approval overrides, when they are being set. */
  approval?: AgentApproval | null;
}

/**
 * Every problem of a workflow's inputs and steps, each with its JSON pointer: input schemas and defaults,
 * duplicate step ids, unknown agents and tools (also in the workflow's and the steps' `approval.tools`), literal tool parameters that break the tool's schema,
 * invalid output schemas, variables that refer to no declared input or to no earlier step, and variable
 * paths into a typed step output that its output schema (the step's, else its agent's) does not declare.
 * Empty when the workflow is valid.
 */
export async function workflowIssues(
  workflow: WorkflowShape,
  catalog: WorkflowCatalog,
): Promise<FieldIssue[]> {
  const toolExists = (tool: string) => catalog.hasTool(tool);
  const issues = inputIssues(workflow.inputs ?? {});
  issues.push(...(await approvalToolIssues(workflow.approval, '/approval', toolExists)));
  if (workflow.steps.length === 0)
    issues.push({ pointer: '/steps', message: 'a workflow needs at least one step' });
  const seen = new Map<string, number>();
  const schemas: (Record<string, unknown> | undefined)[] = [];
  for (const [index, step] of workflow.steps.entries()) {
    const at = `/steps/${index}`;
    const earlier = seen.get(step.id);
    if (earlier !== undefined) {
      issues.push({
        pointer: `${at}/id`,
        message: `step id '${step.id}' is already used by /steps/${earlier}`,
      });
    }
    issues.push(...(await stepIssues(step, at, catalog)));
    issues.push(...(await stepConfigIssues(step, at, catalog)));
    issues.push(...(await approvalToolIssues(step.approval, `${at}/approval`, toolExists)));
    issues.push(...variableIssues(step, index, at, workflow.inputs ?? {}, seen, schemas));
    schemas.push(await outputSchemaOf(step, at, catalog, issues));
    if (earlier === undefined) seen.set(step.id, index);
  }
  return issues;
}

/** Input names a variable can refer to: no dots or braces. */
const inputName = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function inputIssues(inputs: Record<string, WorkflowInput>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    if (!inputName.test(name)) {
      issues.push({
        pointer: `/inputs/${escapePointer(name)}`,
        message:
          'an input name starts with a letter or _ and has only letters, digits, _ and -, so {inputs.<name>} can refer to it',
      });
    }
    if (input.schema === undefined || input.default === undefined) {
      if (input.schema !== undefined)
        schemaIssue(input.schema, `/inputs/${escapePointer(name)}/schema`, issues);
      continue;
    }
    const validator = schemaIssue(input.schema, `/inputs/${escapePointer(name)}/schema`, issues);
    for (const issue of validator?.issues(input.default) ?? []) {
      issues.push({
        pointer: `/inputs/${escapePointer(name)}/default${issue.pointer}`,
        message: issue.message,
      });
    }
  }
  return issues;
}

function schemaIssue(schema: object, pointer: string, issues: FieldIssue[]) {
  try {
    return compileValidator(schema);
  } catch (error) {
    issues.push({ pointer, message: (error as Error).message });
    return undefined;
  }
}

async function stepIssues(step: WorkflowStep, at: string, catalog: WorkflowCatalog): Promise<FieldIssue[]> {
  if ('agent' in step) {
    return (await catalog.hasAgent(step.agent))
      ? []
      : [{ pointer: `${at}/agent`, message: `no agent is called '${step.agent}'` }];
  }
  if (!(await catalog.hasTool(step.tool))) {
    return [{ pointer: `${at}/tool`, message: `no tool is called '${step.tool}'` }];
  }
  const variablePointers = findVariables(step.parameters, '').uses.map((use) => use.pointer);
  const issues = await catalog.parameterIssues(step.tool, step.parameters);
  return issues
    .filter(
      (issue) =>
        !variablePointers.some(
          (pointer) => issue.pointer === pointer || issue.pointer.startsWith(`${pointer}/`),
        ),
    )
    .map((issue) => ({ pointer: `${at}/parameters${issue.pointer}`, message: issue.message }));
}

/** Step tool configs are stored in clear with the steps: secrets belong in the encrypted workflow config. */
async function stepConfigIssues(
  step: WorkflowStep,
  at: string,
  catalog: WorkflowCatalog,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [tool, config] of Object.entries(step.toolConfigs ?? {})) {
    const pointer = `${at}/toolConfigs/${escapePointer(tool)}`;
    if (!(await catalog.hasTool(tool))) {
      issues.push({ pointer, message: `no tool is called '${tool}'` });
      continue;
    }
    for (const field of await catalog.secretConfigFields(tool)) {
      if (Object.hasOwn(config, field)) {
        issues.push({
          pointer: `${pointer}/${escapePointer(field)}`,
          message: `'${field}' is secret: set it in the workflow's tool config (PUT /api/v1/workflows/<name>/tools/${tool}/config), which is encrypted`,
        });
      }
    }
  }
  return issues;
}

/** The output schema of an agent step (its own, else its agent's), after checking the step's own. */
async function outputSchemaOf(
  step: WorkflowStep,
  at: string,
  catalog: WorkflowCatalog,
  issues: FieldIssue[],
): Promise<Record<string, unknown> | undefined> {
  if (!('agent' in step)) return undefined;
  if (step.outputSchema === undefined) return catalog.agentOutputSchema(step.agent);
  const found = outputSchemaIssues(step.outputSchema, `${at}/outputSchema`);
  issues.push(...found);
  return found.length === 0 ? step.outputSchema : undefined;
}

function variableIssues(
  step: WorkflowStep,
  index: number,
  at: string,
  inputs: Record<string, WorkflowInput>,
  earlierSteps: ReadonlyMap<string, number>,
  schemas: readonly (Record<string, unknown> | undefined)[],
): FieldIssue[] {
  const found =
    'agent' in step
      ? findVariables(step.task, `${at}/task`)
      : findVariables(step.parameters, `${at}/parameters`);
  const issues: FieldIssue[] = found.issues.map((issue) => ({ ...issue }));
  for (const use of found.uses) {
    const message =
      referenceProblem(use, index, inputs, earlierSteps) ?? fieldProblem(use, index, earlierSteps, schemas);
    if (message !== undefined) issues.push({ pointer: use.pointer, message });
  }
  return issues;
}

function referenceProblem(
  use: VariableUse,
  index: number,
  inputs: Record<string, WorkflowInput>,
  earlierSteps: ReadonlyMap<string, number>,
): string | undefined {
  const { source, text } = use.variable;
  if (source.kind === 'input') {
    return Object.hasOwn(inputs, source.name)
      ? undefined
      : `${text} refers to input '${source.name}', which is not declared under inputs`;
  }
  if (source.kind === 'previous') {
    return index === 0 ? `${text} cannot be used in the first step: there is no previous step` : undefined;
  }
  return earlierSteps.has(source.stepId)
    ? undefined
    : `${text} refers to step '${source.stepId}', which is not an earlier step of this workflow`;
}

/** A path into a typed step output that the step's output schema does not declare. */
function fieldProblem(
  use: VariableUse,
  index: number,
  earlierSteps: ReadonlyMap<string, number>,
  schemas: readonly (Record<string, unknown> | undefined)[],
): string | undefined {
  const { source, text, path } = use.variable;
  if (source.kind === 'input' || path.length === 0) return undefined;
  const stepIndex = source.kind === 'previous' ? index - 1 : earlierSteps.get(source.stepId);
  const schema = stepIndex === undefined ? undefined : schemas[stepIndex];
  if (schema === undefined) return undefined;
  const problem = outputPathProblem(schema, path);
  if (problem === undefined) return undefined;
  const step = source.kind === 'step' ? `step '${source.stepId}'` : 'the previous step';
  return `${text}: ${step} ${problem}`;
}
