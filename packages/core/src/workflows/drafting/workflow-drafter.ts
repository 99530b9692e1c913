import { Type } from 'typebox';
import { UnprocessableError } from '../../errors/unprocessable-error';
import type { FieldIssue } from '../../errors/validation-error';
import type { ChatMessage } from '../../llm/llm-types';
import type { OllamaClient } from '../../llm/ollama-client';
import type { ApprovalPolicy } from '../../models/approval';
import { type WorkflowInput, WorkflowStep } from '../../models/workflow-definition';
import { compileOnFirstUse } from '../../validation/validator';
import type { WorkflowCatalog } from '../workflow-catalog';
import { workflowIssues } from '../workflow-issues';
import { draftFormat } from './draft-format';
import { draftCorrectionPrompt, draftSystemPrompt } from './draft-prompt';

/** What {@link WorkflowDrafter.draft} is asked to turn into steps. */
export interface DraftRequest {
  /** The workflow in natural language. */
  description: string;
  /** Inputs the steps may refer to. */
  inputs?: Record<string, WorkflowInput>;
  /** Aborts the model request. */
  signal?: AbortSignal;
}

/** Model settings for drafting. */
export interface DrafterSettings {
  /** Context window sent as `num_ctx`. */
  contextTokens(): number;
  /** The setting `approvals.defaultPolicy` (which tools the prompt marks as needing approval). */
  approvalDefaultPolicy(): ApprovalPolicy;
}

const draftShape = compileOnFirstUse<{ steps: WorkflowStep[] }>(
  Type.Object({ steps: Type.Array(WorkflowStep, { minItems: 1 }) }),
);

/**
 * Compiles a natural-language workflow description into steps with the LLM: structured output constrained
 * to the registered agents and tools, then the same validation as hand-written steps. An invalid draft is
 * sent back with its problems for one more try; a second invalid draft is an {@link UnprocessableError}
 * listing them.
 */
export class WorkflowDrafter {
  /** Creates a drafter over the Ollama client and the catalog of agents and tools. */
  constructor(
    private readonly ollama: OllamaClient,
    private readonly catalog: WorkflowCatalog,
    private readonly settings: DrafterSettings,
  ) {}

  /** Proposes steps for `request.description`; nothing is stored. */
  async draft(request: DraftRequest): Promise<WorkflowStep[]> {
    const [agents, tools] = await Promise.all([this.catalog.listAgents(), this.catalog.listTools()]);
    if (agents.length === 0 && tools.length === 0) {
      throw new UnprocessableError('No agents or tools are registered, so no steps can be drafted.', [
        { pointer: '/description', message: 'create an agent or install a tool first' },
      ]);
    }
    const inputs = request.inputs ?? {};
    const format = draftFormat(agents, tools);
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: draftSystemPrompt(agents, tools, inputs, this.settings.approvalDefaultPolicy()),
      },
      { role: 'user', content: request.description },
    ];
    let issues: FieldIssue[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (attempt > 0) messages.push({ role: 'user', content: draftCorrectionPrompt(issues) });
      const answer = await this.ollama.chat({
        messages,
        format,
        options: { num_ctx: this.settings.contextTokens(), temperature: 0 },
        signal: request.signal,
      });
      messages.push({ role: 'assistant', content: answer.message.content });
      const checked = await this.check(answer.message.content, inputs);
      if ('steps' in checked) return checked.steps;
      issues = checked.issues;
    }
    throw new UnprocessableError('The model could not produce valid workflow steps in two tries.', issues);
  }

  private async check(
    content: string,
    inputs: Record<string, WorkflowInput>,
  ): Promise<{ steps: WorkflowStep[] } | { issues: FieldIssue[] }> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return { issues: [{ pointer: '', message: 'the answer is not JSON; answer with {"steps": [...]}' }] };
    }
    const shapeIssues = draftShape.issues(parsed);
    if (shapeIssues.length > 0) return { issues: shapeIssues };
    const { steps } = parsed as { steps: WorkflowStep[] };
    const issues = await workflowIssues({ inputs, steps }, this.catalog);
    return issues.length > 0 ? { issues } : { steps };
  }
}
