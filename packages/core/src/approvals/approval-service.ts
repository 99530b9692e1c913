import type { AgentManager } from '../agents/agent-manager';
import { resumeStateOf } from '../agents/approval-pause';
import type { ConfigManager } from '../config/config-manager';
import { ConflictError, type FieldIssue, ValidationError } from '../errors/index';
import { type Logger, silentLogger } from '../logging/logger';
import type { Approval, ApprovalDecision } from '../models/approval';
import type { Page } from '../models/page';
import type { Run } from '../models/run';
import type { RunManager } from '../runs/index';
import type { ListOptions } from '../storage/pagination';
import { nowIso } from '../storage/queryable';
import type {
  ApprovalDecisionChanges,
  ApprovalFilter,
  ApprovalRecord,
  ApprovalRepository,
} from '../storage/repositories/approval-repository';
import type { ToolDescription } from '../tools/tool-manager';
import { maskArguments } from './mask-arguments';
import { publicApproval } from './public-approval';

/** Error code of a run failed because its approval timed out (setting `approvals.onTimeout: fail`). */
export const APPROVAL_TIMEOUT = 'APPROVAL_TIMEOUT';

/** What deciding needs to know of tools: their schemas, to check and mask edited arguments. */
export interface ApprovalToolbox {
  /** Problems of `params` for tool `name`. */
  validateParameters(name: string, params: unknown): FieldIssue[];
  /** Descriptions (with parameters schemas) of the named tools. */
  describe(names: readonly string[]): Promise<ToolDescription[]>;
}

/** Dependencies of an {@link ApprovalService}. */
export interface ApprovalServiceOptions {
  /** Approvals table. */
  approvals: ApprovalRepository;
  /** Runs (waiting runs are taken back through it). */
  runs: RunManager;
  /** Agents (a resumed agent run goes on there). */
  agents: AgentManager;
  /** Workflows (a resumed workflow run, stopped at a tool step, goes on there). */
  workflows: () => { continueAfterApproval(run: Run): Promise<Run> };
  /** Tool schemas. */
  tools: ApprovalToolbox;
  /** Settings `approvals.*`. */
  config: ConfigManager;
  /** Logger; default silent. */
  logger?: Logger;
  /** How often expired approvals and decided waiting runs are looked for, in ms; default 5000. */
  sweepIntervalMs?: number;
}

/**
 * Approvals of tool calls (`agentry.approvals`): lists them, records decisions exactly once, and goes on
 * with the waiting run — here at once, or, for a decision recorded by another process or before a
 * restart, at the next sweep. The sweep also expires approvals past their `expiresAt`.
 */
export class ApprovalService {
  private readonly logger: Logger;
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;

  /** Creates the service; nothing runs in the background until {@link start}. */
  constructor(private readonly options: ApprovalServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'approvals' });
  }

  /** One page of approvals, newest first. */
  async list(filter: ApprovalFilter = {}, options: ListOptions = {}): Promise<Page<Approval>> {
    const page = await this.options.approvals.list(filter, options);
    return { ...page, items: page.items.map(publicApproval) };
  }

  /** The approval `id`; throws `NotFoundError`. */
  async get(id: string): Promise<Approval> {
    return publicApproval(await this.options.approvals.get(id));
  }

  /** Every approval of run `runId`, oldest first. */
  async forRun(runId: string): Promise<Approval[]> {
    return (await this.options.approvals.listForRun(runId)).map(publicApproval);
  }

  /**
   * Records `decision` by `who` on pending approval `id` with a conditional update (once, whoever else
   * tries: a second decision is a `ConflictError` `ALREADY_DECIDED`), publishes `approval.decided` and
   * goes on with the run in the background. Edited `arguments` (approve only) are checked against the
   * tool's schema: a `ValidationError` under `/arguments` names each bad field.
   */
  async decide(id: string, decision: ApprovalDecision, who: string): Promise<Approval> {
    const current = await this.options.approvals.get(id);
    if (current.status !== 'pending') throw alreadyDecided(current);
    const changes: ApprovalDecisionChanges = {
      status: decision.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: who,
      decidedAt: nowIso(),
      reason: decision.reason ?? null,
      ...(await this.edited(current, decision)),
    };
    const decided = await this.options.approvals.decide(id, changes);
    if (decided === undefined) throw alreadyDecided(await this.options.approvals.get(id));
    this.announce(decided);
    this.background(this.resume(decided));
    return publicApproval(decided);
  }

  /**
   * Takes the run of decided `approval` back from `waiting_approval` (a conditional update: one process
   * wins) and goes on from the decided call. Returns the run as it ends or waits again; undefined when it
   * was not waiting any more.
   */
  async resume(approval: ApprovalRecord): Promise<Run | undefined> {
    const { runs, agents } = this.options;
    const run = await runs.waits.resume(approval.runId);
    if (run === undefined) return undefined;
    if (approval.status === 'expired' && this.options.config.settings.approvals.onTimeout === 'fail') {
      return runs.finish(run.id, 'failed', null, timedOut(approval)); // expired, but its run not failed yet
    }
    if (run.kind === 'workflow') return this.options.workflows().continueAfterApproval(run);
    const agent = await agents.get(run.target).catch(() => undefined);
    if (agent === undefined) {
      const error = { code: 'NOT_FOUND', message: `Agent '${run.target}' no longer exists.` };
      return runs.finish(run.id, 'failed', null, error);
    }
    const input = run.input as { task?: unknown; context?: string | Record<string, unknown> };
    const schema = run.input.outputSchema as Record<string, unknown> | undefined;
    return agents.execute(agent, run, {
      task: String(input.task ?? ''),
      context: input.context,
      outputSchema: schema ?? agent.outputSchema,
      toolScope: resumeStateOf(approval).toolScope,
      resume: approval,
    });
  }

  /**
   * Expires pending approvals past `expiresAt` (decided by `system`, reason "approval timed out"): the run
   * goes on with the rejection, or fails with `APPROVAL_TIMEOUT` (setting `approvals.onTimeout`). Then goes
   * on with every waiting run whose approval was decided (elsewhere, or before a restart), and expires
   * the pending approvals of runs that ended meanwhile (cancelled while waiting).
   */
  async sweep(): Promise<void> {
    const { approvals, runs, config } = this.options;
    for (const expired of await approvals.expiredBy(nowIso())) {
      const changes = { status: 'expired' as const, decidedBy: 'system', decidedAt: nowIso() };
      const decided = await approvals.decide(expired.id, { ...changes, reason: 'approval timed out' });
      if (decided === undefined) continue;
      this.announce(decided);
      if (config.settings.approvals.onTimeout !== 'fail') continue; // resumed below, as a rejection
      if ((await runs.waits.resume(decided.runId)) === undefined) continue;
      await runs.finish(decided.runId, 'failed', null, timedOut(decided));
    }
    for (const orphan of await approvals.pendingOfEndedRuns()) {
      const changes = { status: 'expired' as const, decidedBy: 'system', decidedAt: nowIso() };
      const ended = await approvals.decide(orphan.id, {
        ...changes,
        reason: 'the run ended before a decision',
      });
      if (ended !== undefined) this.announce(ended);
    }
    for (const decided of await approvals.decidedWaiting()) this.background(this.resume(decided));
  }

  /** Sweeps now, then every `sweepIntervalMs`. */
  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'approval sweep failed'));
    }, this.options.sweepIntervalMs ?? 5000);
    this.timer.unref();
  }

  /** Stops sweeping and waits for resumptions in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** The edited arguments of `decision`, checked against the tool's schema, as changes. */
  private async edited(
    current: ApprovalRecord,
    decision: ApprovalDecision,
  ): Promise<Partial<ApprovalDecisionChanges>> {
    const args = decision.arguments;
    if (args === undefined) return {};
    if (decision.decision !== 'approve') {
      throw new ValidationError([
        { pointer: '/arguments', message: 'Edited arguments go with approve only.' },
      ]);
    }
    const issues = this.options.tools.validateParameters(current.tool, args);
    if (issues.length > 0) {
      throw new ValidationError(issues.map((issue) => ({ ...issue, pointer: `/arguments${issue.pointer}` })));
    }
    const [tool] = await this.options.tools.describe([current.tool]);
    return { editedArguments: maskArguments(args, tool?.parameters), callArguments: args };
  }

  /** Publishes `approval.decided` on the run's stream and logs the decision (the audit line). */
  private announce(decided: ApprovalRecord): void {
    const { id, runId, tool, status, decidedBy, reason } = decided;
    const edited = decided.editedArguments !== null;
    this.options.runs.publish(runId, 'approval.decided', { approval: publicApproval(decided) });
    this.logger.info({ approvalId: id, runId, tool, status, decidedBy, reason, edited }, 'approval decided');
  }

  /** Keeps `work` until it settles; its failure is logged. */
  private background(work: Promise<unknown>): void {
    const settled = work.catch((error: unknown) =>
      this.logger.error({ err: error }, 'Could not go on with a run after its approval.'),
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }
}

/** The error of a run failed because `approval` timed out (setting `approvals.onTimeout: fail`). */
function timedOut(approval: ApprovalRecord): { code: string; message: string } {
  return { code: APPROVAL_TIMEOUT, message: `The approval of the call of ${approval.tool} timed out.` };
}

function alreadyDecided(approval: ApprovalRecord): ConflictError {
  return new ConflictError(
    'ALREADY_DECIDED',
    `Approval ${approval.id} was already decided (${approval.status}${approval.decidedBy ? ` by ${approval.decidedBy}` : ''}).`,
  );
}
