import { Type } from 'typebox';
import { UnprocessableError } from '../../errors/unprocessable-error';
import type { FieldIssue } from '../../errors/validation-error';
import type { ChatMessage } from '../../llm/llm-types';
import type { OllamaClient } from '../../llm/ollama-client';
import type { ApprovalPolicy } from '../../models/approval';
import { type WorkflowInput, WorkflowStep } from '../../models/workflow-definition';
import type { WorkflowDraft } from '../../models/workflow-draft';
import { compileOnFirstUse } from '../../validation/validator';
import type { WorkflowCatalog } from '../workflow-catalog';
import { workflowIssues } from '../workflow-issues';
import { draftFormat } from './draft-format';
import { draftCorrectionPrompt, draftSystemPrompt } from './draft-prompt';
import { checkTriggerProposal } from './trigger-proposal';

/** What {@link WorkflowDrafter.draft} is asked to turn into steps. */
export interface DraftRequest {
  /** The workflow in natural language. */
  description: string;
  /** Inputs the steps may refer to. */
  inputs?: Record<string, WorkflowInput>;
  /**
   * Let the model propose the trigger an event in the description calls for ("when an email arrives…");
   * off by default (creating a workflow from a description wants only its steps).
   */
  proposeTrigger?: boolean;
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
 * listing them. Asked to, it also proposes a trigger (checked like one being saved), never creating it.
 */
export class WorkflowDrafter {
  /** Creates a drafter over the Ollama client and the catalog of agents and tools. */
  constructor(
    private readonly ollama: OllamaClient,
    private readonly catalog: WorkflowCatalog,
    private readonly settings: DrafterSettings,
  ) {}

  /** Proposes steps (and, when asked, a trigger) for `request.description`; nothing is stored. */
  async draft(request: DraftRequest): Promise<WorkflowDraft> {
    const [agents, tools] = await Promise.all([this.catalog.listAgents(), this.catalog.listTools()]);
    if (agents.length === 0 && tools.length === 0) {
      throw new UnprocessableError('No agents or tools are registered, so no steps can be drafted.', [
        { pointer: '/description', message: 'create an agent or install a tool first' },
      ]);
    }
    const inputs = request.inputs ?? {};
    const proposeTrigger = request.proposeTrigger ?? false;
    const format = draftFormat(agents, tools, proposeTrigger ? inputs : undefined);
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: draftSystemPrompt(
          agents,
          tools,
          inputs,
          this.settings.approvalDefaultPolicy(),
          proposeTrigger,
        ),
      },
      { role: 'user', content: request.description },
    ];
    let issues: FieldIssue[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (attempt > 0)
        messages.push({ role: 'user', content: draftCorrectionPrompt(issues, proposeTrigger) });
      const answer = await this.ollama.chat({
        messages,
        format,
        options: { num_ctx: this.settings.contextTokens(), temperature: 0 },
        signal: request.signal,
      });
      messages.push({ role: 'assistant', content: answer.message.content });
      const checked = await this.check(answer.message.content, inputs, proposeTrigger);
      if ('steps' in checked) return checked;
      issues = checked.issues;
    }
    throw new UnprocessableError('The model could not produce valid workflow steps in two tries.', issues);
  }

  private async check(
    content: string,
    inputs: Record<string, WorkflowInput>,
    proposeTrigger: boolean,
  ): Promise<WorkflowDraft | { issues: FieldIssue[] }> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return { issues: [{ pointer: '', message: 'the answer is not JSON; answer with {"steps": [...]}' }] };
    }
    const shapeIssues = draftShape.issues(parsed);
    if (shapeIssues.length > 0) return { issues: shapeIssues };
    const { steps, trigger } = parsed as { steps: WorkflowStep[]; trigger?: unknown };
    const issues = await workflowIssues({ inputs, steps }, this.catalog);
    const proposed =
      proposeTrigger && trigger !== undefined ? checkTriggerProposal(trigger, inputs) : undefined;
    if (proposed && 'issues' in proposed) issues.push(...proposed.issues);
    if (issues.length > 0) return { issues };
    return proposed && 'proposal' in proposed ? { steps, trigger: proposed.proposal } : { steps };
  }
}
