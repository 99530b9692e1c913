import { type ApprovalOverrides, toolsNeedingApproval } from '../approvals/approval-policy';
import type { Settings } from '../config/settings-schema';
import type { LlmToolDefinition } from '../llm/index';
import type { OllamaClient } from '../llm/ollama-client';
import type { MemoryManager } from '../memory/memory-manager';
import type { AgentDefinition } from '../models/agent-definition';
import type { ToolDescription } from '../tools/tool-manager';
import type { AgentToolbox } from './agent-toolbox';
import type { Message } from './context-budget/index';
import { buildSystemPrompt, type ToolMode } from './system-prompt';
import { ToolSelector } from './tool-selection/index';
import { memoryToMessages } from './transcript';

/** Largest share of the budget one tool output may take, and its absolute cap, in tokens. */
const TOOL_OUTPUT_SHARE = 4;
const TOOL_OUTPUT_CAP = 2000;
/** Largest reply reserve, in tokens (at most a quarter of the window). */
const REPLY_RESERVE_CAP = 1024;

/** Everything fixed for the whole run: window, budget, tool mode, prompt and remembered history. */
export interface RunSetup {
  /** `num_ctx` sent with every request. */
  numCtx: number;
  /** Tokens left free for the model's reply. */
  reserveForReply: number;
  /** Longest tool output the model sees. */
  maxToolOutputTokens: number;
  /** Native tools or the text protocol. */
  mode: ToolMode;
  /** Names of the tools offered (the agent's tools that are loaded and enabled). */
  toolNames: string[];
  /** Tools sent as Ollama `tools` (native mode only). */
  wireTools: LlmToolDefinition[] | undefined;
  /** The system prompt, offering every tool. */
  system: Message;
  /** The system prompt offering only `tools` (a turn under the tool budget). */
  systemFor(tools: readonly LlmToolDefinition[]): Message;
  /** Largest estimated size of the tool definitions offered per turn (0: no limit). */
  toolBudgetTokens: number;
  /** Chooses the tools offered each turn when the agent's tools exceed the budget. */
  toolSelector: ToolSelector;
  /** Messages from earlier runs, oldest first (the latest `memoryTurns` entries). */
  history: Message[];
  /** Most model turns in this run. */
  maxIterations: number;
  /** JSON Schema the final answer must follow (typed answers), if any. */
  outputSchema: Record<string, unknown> | undefined;
  /**
   * Whether the schema goes to Ollama as `format` (models reporting the `tools` capability); otherwise it
   * is only shown in the instructions (text protocol).
   */
  nativeFormat: boolean;
  /** Names of the offered tools whose calls wait for a person's decision (approval policy). */
  needsApproval: ReadonlySet<string>;
  /** Parameters schema of each offered tool, by name (to mask secret arguments shown to approvers). */
  toolSchemas: ReadonlyMap<string, object>;
}

/**
 * Prepares a run once: asks Ollama about the model (cached), sets `num_ctx` to the model's context
 * length capped by `ollama.contextTokens`, chooses native tools when the model supports them, writes the
 * system prompt and reads the latest `memoryTurns` memory entries (one indexed query). With an
 * `outputSchema`, the schema joins the instructions, and goes as Ollama's `format` on models with the
 * `tools` capability. The approval policy (the workflow step's and workflow's overrides, then the agent's) decides which tools' calls wait for a person. The tool
 * selector is built here too, over the agent's tools and the `agent.toolBudgetTokens` setting.
 */
export async function prepareRun(
  services: { ollama: OllamaClient; tools: AgentToolbox; memory: MemoryManager; settings: Settings },
  agent: AgentDefinition,
  model: string,
  context: string | Record<string, unknown> | undefined,
  signal: AbortSignal,
  outputSchema?: Record<string, unknown>,
  approvalOverrides: ApprovalOverrides = [],
): Promise<RunSetup> {
  const { settings } = services;
  const info = await services.ollama.showModel(model, { signal });
  const numCtx = Math.min(info.contextLength, settings.ollama.contextTokens);
  const reserveForReply = Math.min(REPLY_RESERVE_CAP, Math.floor(numCtx / 4));
  const budget = numCtx - reserveForReply;
  const offers = agent.tools.length > 0 || (agent.delegates?.length ?? 0) > 0;
  const descriptors = offers ? await services.tools.describe(agent.tools) : [];
  const mode: ToolMode = info.supportsTools && descriptors.length > 0 ? 'native' : 'text';
  const turns = agent.memoryTurns ?? settings.agent.memoryTurns;
  const systemFor = (tools: readonly LlmToolDefinition[]): Message => ({
    role: 'system',
    content: buildSystemPrompt(agent, tools.map(describedTool), mode, context, outputSchema),
  });
  const toolBudgetTokens = settings.agent.toolBudgetTokens;
  return {
    numCtx,
    reserveForReply,
    maxToolOutputTokens: Math.min(TOOL_OUTPUT_CAP, Math.floor(budget / TOOL_OUTPUT_SHARE)),
    mode,
    toolNames: descriptors.map((tool) => tool.name),
    wireTools: mode === 'native' ? descriptors : undefined,
    system: systemFor(descriptors),
    systemFor,
    toolBudgetTokens,
    toolSelector: new ToolSelector(descriptors, toolBudgetTokens),
    history: memoryToMessages(await services.memory.recent(agent.name, turns), mode),
    maxIterations: agent.maxIterations ?? settings.agent.maxIterations,
    outputSchema,
    nativeFormat: info.supportsTools,
    needsApproval: toolsNeedingApproval(
      descriptors,
      agent,
      settings.approvals.defaultPolicy,
      approvalOverrides,
    ),
    toolSchemas: new Map(descriptors.map((tool) => [tool.name, tool.parameters])),
  };
}

function describedTool(tool: LlmToolDefinition): ToolDescription {
  return { name: tool.name, description: tool.description ?? '', parameters: tool.parameters };
}
