import type { AgentDefinition } from '../../models/agent-definition';
import type { Run } from '../../models/run';
import type { RunEvent, RunEventListener, RunManager } from '../../runs/index';
import type { ToolCall, ToolOutcome } from '../../tools/tool-call';
import { ToolError, type ToolErrorCode } from '../../tools/tool-error';
import type { ToolDescription } from '../../tools/tool-manager';
import { errorText } from '../../tools/tool-output';
import type { AgentToolbox } from '../agent-toolbox';
import { DELEGATION_CYCLE, DELEGATION_DEPTH_EXCEEDED } from './check-delegates';
import { describeDelegate, readDelegateArguments } from './delegate-tool';

/** Where a run stands in a delegation tree. */
export interface DelegationLink {
  /** Agents of the runs above this one, from the top run down to its parent. */
  ancestors: readonly string[];
}

/** How a delegate call starts the child run: agent, task and the child's place in the tree. */
export type StartChildRun = (
  agent: string,
  task: { task: string; context?: string },
  options: {
    parentRunId: string;
    signal?: AbortSignal;
    delegation: DelegationLink;
    maxIterations: number;
    onEvent: RunEventListener;
  },
) => Promise<Run>;

/** What a {@link DelegateToolbox} needs. */
export interface DelegateToolboxOptions {
  /** The tools of the agent itself. */
  base: AgentToolbox;
  /** The calling agent. */
  agent: AgentDefinition;
  /** The calling run. */
  runId: string;
  /** The calling run's place in the tree. */
  link: DelegationLink;
  /** Run events (child lifecycle events go to the calling run's stream). */
  runs: RunManager;
  /** Reads a stored agent. */
  findAgent(name: string): Promise<AgentDefinition | undefined>;
  /** Starts a child run and waits for its end. */
  startChild: StartChildRun;
  /** `agent.maxDelegationDepth` in force. */
  maxDepth(): number;
  /** Model turns the calling run has left after the current one. */
  remainingIterations(): number;
}

/**
 * The toolbox of one run of an agent with delegates: its own tools plus one `ask_<name>` tool per
 * delegate. A delegate call starts a child run of that agent (linked by `parentRunId`, cancelled with
 * the caller, with at most the caller's remaining iterations), waits for it and returns its answer. A
 * refused call (too deep, or an agent already in the chain) and a failed child are tool errors the
 * model sees.
 */
export class DelegateToolbox implements AgentToolbox {
  private readonly delegates = new Map<string, AgentDefinition>();

  /** Wraps `options.base` for one run. */
  constructor(private readonly options: DelegateToolboxOptions) {}

  /** The agent's tools named in `names`, then one tool per delegate that still exists. */
  async describe(names: readonly string[]): Promise<ToolDescription[]> {
    const own = names.length > 0 ? await this.options.base.describe(names) : [];
    const asks: ToolDescription[] = [];
    for (const name of this.options.agent.delegates ?? []) {
      const delegate = await this.options.findAgent(name);
      if (delegate === undefined) continue; // deleted since the agent was saved
      const description = describeDelegate(delegate);
      if (this.delegates.has(description.name)) continue; // two names sanitised alike: the first wins
      this.delegates.set(description.name, delegate);
      asks.push(description);
    }
    return [...own, ...asks];
  }

  /** Executes a call: a delegate call here, any other on the agent's own toolbox. */
  execute(call: ToolCall): Promise<ToolOutcome> {
    const delegate = this.delegates.get(call.tool);
    return delegate === undefined ? this.options.base.execute(call) : this.delegate(call, delegate);
  }

  private async delegate(call: ToolCall, delegate: AgentDefinition): Promise<ToolOutcome> {
    const began = Date.now();
    const fail = (code: ToolErrorCode, message: string, issues?: ToolError['issues']): ToolOutcome => {
      const error = new ToolError(code, call.tool, message, { issues });
      return {
        ok: false,
        tool: call.tool,
        text: errorText(error),
        truncated: false,
        durationMs: Date.now() - began,
        error,
      };
    };
    const args = readDelegateArguments(call.parameters);
    if (!args.ok) {
      const detail = args.issues.map((issue) => issue.message).join('; ');
      return fail('INVALID_ARGUMENTS', detail, args.issues);
    }
    const { runId, runs, agent, link } = this.options;
    const chain = [...link.ancestors, agent.name];
    if (chain.includes(delegate.name)) {
      const cycle = [...chain, delegate.name].join(' → ');
      return fail(
        DELEGATION_CYCLE,
        `"${delegate.name}" is already working on this task (${cycle}); answer without it.`,
      );
    }
    const maxDepth = this.options.maxDepth();
    if (chain.length > maxDepth) {
      return fail(
        DELEGATION_DEPTH_EXCEEDED,
        `Delegating to "${delegate.name}" would go ${chain.length} levels deep; agent.maxDelegationDepth is ${maxDepth}. Do the task yourself.`,
      );
    }
    const publish = (event: RunEvent): void => {
      if (event.type === 'run.started') {
        runs.publish(runId, 'child.started', { runId: event.runId, agent: delegate.name, status: 'running' });
      } else if (event.type === 'run.finished' || event.type === 'run.failed') {
        const child = (event.data as { run: Run }).run;
        runs.publish(runId, 'child.finished', {
          runId: child.id,
          agent: delegate.name,
          status: child.status,
        });
      }
    };
    let child: Run;
    try {
      child = await this.options.startChild(delegate.name, args, {
        parentRunId: runId,
        signal: call.signal,
        delegation: { ancestors: chain },
        maxIterations: Math.max(1, this.options.remainingIterations()),
        onEvent: publish,
      });
    } catch (error) {
      return fail('DELEGATE_FAILED', `Could not start "${delegate.name}": ${(error as Error).message}`);
    }
    if (child.status !== 'succeeded') {
      const reason = child.error ? `${child.error.code}: ${child.error.message}` : child.status;
      return fail('DELEGATE_FAILED', `Run ${child.id} of "${delegate.name}" ${child.status} (${reason}).`);
    }
    const text = typeof child.output === 'string' ? child.output : JSON.stringify(child.output);
    return {
      ok: true,
      tool: call.tool,
      output: child.output,
      text,
      truncated: false,
      durationMs: Date.now() - began,
    };
  }
}
