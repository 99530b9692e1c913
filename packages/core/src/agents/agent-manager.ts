import type { ConfigManager } from '../config/config-manager';
import { ConflictError, ValidationError } from '../errors/index';
import type { OllamaClient } from '../llm/ollama-client';
import { type Logger, silentLogger } from '../logging/logger';
import type { MemoryManager, MemoryQuery } from '../memory/memory-manager';
import type { AgentCreate, AgentDefinition, AgentUpdate } from '../models/agent-definition';
import type { MemoryEntry } from '../models/memory-entry';
import type { Page } from '../models/page';
import type { Run } from '../models/run';
import type { RunManager } from '../runs/index';
import type { ListOptions } from '../storage/pagination';
import type { AgentRepository } from '../storage/repositories/agent-repository';
import type { ApprovalRepository } from '../storage/repositories/approval-repository';
import type { ToolConfigRepository } from '../storage/repositories/tool-config-repository';
import type { ToolRepository } from '../storage/repositories/tool-repository';
import { AgentRun, type AgentRunPlan } from './agent-run';
import type { AgentRunOptions, AgentTask } from './agent-run-options';
import type { AgentToolbox } from './agent-toolbox';
import { type AgentFields, assertAgentValid } from './assert-agent-valid';
import { DelegateToolbox } from './delegation/index';
import { type AgentDraft, draftAgent, draftableTools } from './draft-agent';
import { outputSchemaIssues } from './typed-answer/index';

/** Dependencies of an {@link AgentManager}. */
export interface AgentManagerOptions {
  /** Agents table. */
  agents: AgentRepository;
  /** Registered tools (agents may name only these). */
  toolRegistry: ToolRepository;
  /** Stored tool configurations (an agent's are deleted with it). */
  toolConfigs: ToolConfigRepository;
  /** Tool descriptions and execution. */
  tools: AgentToolbox;
  /** Runs. */
  runs: RunManager;
  /** Long-term memory. */
  memory: MemoryManager;
  /** The model. */
  ollama: OllamaClient;
  /** Settings (`ollama.*`, `agent.*`), read at each run. */
  config: ConfigManager;
  /** Logger; default silent. */
  logger?: Logger;
  /** Approvals of tool calls that wait for a person. */
  approvals: ApprovalRepository;
}

/** A new agent: a full definition, or just a name and a description to draft the rest from. */
export type AgentCreateInput = AgentCreate | { name: string; description: string };

/**
 * Agents: definitions (CRUD, natural-language drafts) and runs. A run follows the reasoning loop of
 * docs/agents.md: the model answers, tools run, results go back, until a final answer or the iteration
 * limit.
 */
export class AgentManager {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: Logger;

  /** Creates the manager. */
  constructor(private readonly options: AgentManagerOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'agents' });
  }

  /**
   * Stores a new agent. Given only `name` and `description`, the definition is drafted by the model
   * first. Throws `ValidationError` naming unregistered tools, `ConflictError` when the name is taken.
   */
  async create(input: AgentCreateInput): Promise<AgentDefinition> {
    if (!('role' in input)) {
      const draft = await this.draft(input.description);
      return this.create({
        name: input.name,
        description: input.description,
        role: draft.role,
        goals: draft.goals,
        backstory: draft.backstory,
        tools: draft.tools,
      });
    }
    await this.assertValid(input.name, input);
    return this.options.agents.create(input);
  }

  /** Asks the model for a definition matching `description`, validated, for review (not saved). */
  async draft(description: string, options: { signal?: AbortSignal } = {}): Promise<AgentDraft> {
    const settings = this.options.config.settings;
    const info = await this.options.ollama.showModel(settings.ollama.model, options);
    return draftAgent(this.options.ollama, description, await draftableTools(this.options.toolRegistry), {
      numCtx: Math.min(info.contextLength, settings.ollama.contextTokens),
      signal: options.signal,
    });
  }

  /** The agent `name`; throws `NotFoundError`. */
  get(name: string): Promise<AgentDefinition> {
    return this.options.agents.get(name);
  }

  /** One page of agents in name order. */
  list(options: ListOptions = {}): Promise<Page<AgentDefinition>> {
    return this.options.agents.list(options);
  }

  /** Replaces an agent's definition (fields left out are cleared). */
  async replace(name: string, definition: Omit<AgentCreate, 'name'>): Promise<AgentDefinition> {
    await this.assertValid(name, definition);
    const cleared = {
      delegates: null,
      description: null,
      model: null,
      maxIterations: null,
      memoryTurns: null,
      outputSchema: null,
      approval: null,
    };
    return this.options.agents.update(name, { ...cleared, ...definition } as unknown as AgentUpdate);
  }

  /** Changes the given fields of an agent. */
  async update(name: string, changes: AgentUpdate): Promise<AgentDefinition> {
    await this.assertValid(name, changes);
    return this.options.agents.update(name, changes);
  }

  /**
   * Deletes an agent, its memory and its tool configurations. When it has memory, `confirm` must be true, otherwise a
   * `ConflictError` (INVALID_STATE) says so and nothing is deleted. Its runs stay.
   */
  async delete(name: string, options: { confirm?: boolean } = {}): Promise<void> {
    await this.options.agents.get(name);
    if (!options.confirm && (await this.options.memory.has(name))) {
      throw new ConflictError(
        'INVALID_STATE',
        `Agent '${name}' has memory; deleting it deletes its memory too. Repeat with ?confirm=true to go ahead.`,
      );
    }
    await this.options.memory.forget(name);
    await this.options.toolConfigs.deleteForScope('agent', name);
    await this.options.agents.delete(name);
  }

  /** One page of what agent `name` remembers, newest first; throws `NotFoundError` for an unknown agent. */
  async memoryOf(
    name: string,
    filter: Omit<MemoryQuery, 'agent'> = {},
    options: ListOptions = {},
  ): Promise<Page<MemoryEntry>> {
    const page = await this.options.memory.list({ ...filter, agent: name }, options);
    // Entries exist only for existing agents (deleting an agent deletes its memory first), so the agent
    // is looked up only when the page is empty: one query instead of two for the usual request.
    if (page.items.length === 0) await this.options.agents.get(name);
    return page;
  }

  /** Forgets everything agent `name` remembers (the agent stays); returns how many entries were deleted. */
  async forgetMemory(name: string): Promise<number> {
    await this.options.agents.get(name);
    return this.options.memory.forget(name);
  }

  /**
   * Runs agent `name` on a task. Waits for the end and returns the run (whatever its status), or with
   * `async` returns the queued run at once. Throws only when the agent does not exist (`NotFoundError`)
   * or the task's `outputSchema` is not valid JSON Schema (`ValidationError` at `/outputSchema`).
   */
  async run(name: string, task: AgentTask, options: AgentRunOptions = {}): Promise<Run> {
    const schemaIssues = outputSchemaIssues(task.outputSchema, '/outputSchema');
    if (schemaIssues.length > 0) throw new ValidationError(schemaIssues);
    const stored = await this.options.agents.getCached(name);
    const { runs, config } = this.options;
    const budget = options.delegation?.maxIterations;
    const own = stored.maxIterations ?? config.settings.agent.maxIterations;
    const agent = budget === undefined ? stored : { ...stored, maxIterations: Math.min(own, budget) };
    // The run starts at once: unless the caller wants to see it queued, it is stored `running` straight away.
    const run = await runs.create(
      {
        kind: 'agent',
        target: name,
        input: {
          task: task.task,
          ...(task.context === undefined ? {} : { context: task.context }),
          ...(task.outputSchema === undefined ? {} : { outputSchema: task.outputSchema }),
        },
        model: agent.model ?? config.settings.ollama.model,
        ...options.link,
      },
      { start: !options.async || options.skipQueued === true, trigger: options.trigger },
    );
    if (options.onEvent) await runs.subscribe(run.id, options.onEvent);
    const plan = {
      task: task.task,
      context: task.context,
      outputSchema: task.outputSchema ?? agent.outputSchema,
      toolScope: options.toolScope,
      signal: options.signal,
    };
    const execution = this.start(agent, run, plan, options.delegation?.ancestors ?? []);
    if (options.async) return run;
    const ended = await execution; // a workflow's agent step waits through approvals, then goes on
    const waiting = ended.status === 'waiting_approval' && options.link?.parentRunId !== undefined;
    return waiting ? runs.waitFor(run.id, options.signal) : ended;
  }

  /** Executes the stored `run` of `agent` per `plan` (e.g. to go on after an approval); see {@link run}. */
  execute(agent: AgentDefinition, run: Run, plan: Omit<AgentRunPlan, 'agent' | 'run'>): Promise<Run> {
    return this.start(agent, run, plan, []);
  }

  /** Waits for runs in progress to end (call after cancelling them through the run manager). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Executes `run` of `agent` as `plan` says, with its toolbox (`ask_<delegate>` tools included, below
   * `ancestors` in the delegation chain), and keeps the execution until it settles.
   */
  private start(
    agent: AgentDefinition,
    run: Run,
    plan: Omit<AgentRunPlan, 'agent' | 'run'>,
    ancestors: readonly string[],
  ): Promise<Run> {
    let agentRun: AgentRun | undefined;
    const remaining = () => (agentRun === undefined ? 0 : agentRun.remainingIterations());
    const services = {
      ollama: this.options.ollama,
      runs: this.options.runs,
      memory: this.options.memory,
      tools: this.toolboxFor(agent, run.id, ancestors, remaining),
      settings: () => this.options.config.settings,
      logger: this.logger,
      approvals: this.options.approvals,
    };
    agentRun = new AgentRun(services, { agent, run, ...plan });
    return this.track(agentRun.execute(), run.id);
  }

  /** Keeps `execution` until it settles (see {@link stop}); a failure to record its end is logged. */
  private track(execution: Promise<Run>, runId: string): Promise<Run> {
    const settled = execution.then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error, runId }, 'Could not record the end of a run.'),
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return execution;
  }

  /**
   * The toolbox of a run of `agent`: the shared one, or for an agent with delegates its tools plus
   * `ask_<delegate>` (see docs/agents.md).
   */
  private toolboxFor(
    agent: AgentDefinition,
    runId: string,
    ancestors: readonly string[],
    remainingIterations: () => number,
  ): AgentToolbox {
    if ((agent.delegates?.length ?? 0) === 0) return this.options.tools;
    return new DelegateToolbox({
      base: this.options.tools,
      agent,
      runId,
      link: { ancestors },
      runs: this.options.runs,
      findAgent: (name) => this.options.agents.find(name),
      maxDepth: () => this.options.config.settings.agent.maxDelegationDepth,
      remainingIterations,
      startChild: (name, task, child) =>
        this.run(name, task, {
          link: { parentRunId: child.parentRunId },
          trigger: 'agent',
          signal: child.signal,
          onEvent: child.onEvent,
          delegation: { ...child.delegation, maxIterations: child.maxIterations },
        }),
    });
  }

  /** Throws `ValidationError` for unregistered tools, a bad output schema, unknown or cyclic delegates. */
  private assertValid(name: string, fields: AgentFields): Promise<void> {
    const { toolRegistry, agents } = this.options;
    return assertAgentValid(name, fields, {
      findTool: (tool) => toolRegistry.find(tool),
      findAgent: (agent) => agents.find(agent),
    });
  }
}
