import { outputSchemaIssues } from '../agents/typed-answer/index';
import { ValidationError } from '../errors/index';
import type { Page } from '../models/page';
import type { ScheduleFiring } from '../models/schedule-firing';
import type {
  ScheduleCreate,
  ScheduledTask,
  SchedulePreview,
  SchedulePreviewRequest,
  ScheduleUpdate,
  ScheduleView,
} from '../models/scheduled-task';
import type { ListOptions } from '../storage/pagination';
import type {
  AgentRepository,
  ScheduleChanges,
  ScheduleFiringRepository,
  ScheduleRepository,
  WorkflowRepository,
} from '../storage/repositories/index';
import { upcomingFireTimes } from './fire-times';
import { validateTiming } from './validate-timing';

/** What a {@link ScheduleService} needs. */
export interface ScheduleServiceDeps {
  schedules: ScheduleRepository;
  firings: ScheduleFiringRepository;
  agents: AgentRepository;
  workflows: WorkflowRepository;
  now: () => Date;
}

/** How many upcoming fire times a schedule's representation lists. */
const UPCOMING = 5;

/** Creates, reads, changes and deletes schedules; every answer carries the next fire times. */
export class ScheduleService {
  /** Creates the service. */
  constructor(protected readonly deps: ScheduleServiceDeps) {}

  /**
   * Stores a new schedule. Throws {@link ValidationError} naming the field for a bad cron, a past `at`,
   * an unknown time zone, not exactly one of cron/at/every, or an unknown target agent/workflow.
   */
  async create(input: ScheduleCreate): Promise<ScheduleView> {
    await this.assertTargetExists(input.target);
    assertAgentTask(input.target, input.input ?? {});
    const first = validateTiming({ ...input, timezone: input.timezone ?? 'UTC' }, this.deps.now());
    const stored = await this.deps.schedules.create({ ...input, nextRunAt: first?.toISOString() ?? null });
    return this.view(stored);
  }

  /**
   * The next five fire times a schedule with `timing` would have if it were created now, computed as the
   * scheduler computes them. Stores nothing. Throws {@link ValidationError} naming the field, as
   * {@link ScheduleService.create} does for the same timing.
   */
  preview(timing: SchedulePreviewRequest): SchedulePreview {
    const full = { ...timing, timezone: timing.timezone ?? 'UTC' };
    const first = validateTiming(full, this.deps.now());
    const times = first === null ? [] : upcomingFireTimes(full, first, UPCOMING);
    return { nextRuns: times.map((time) => time.toISOString()) };
  }

  /** The schedule with `id`; NotFoundError when there is none. */
  async get(id: string): Promise<ScheduleView> {
    return this.view(await this.deps.schedules.get(id));
  }

  /** One page of schedules, oldest first. */
  async list(options: ListOptions = {}): Promise<Page<ScheduleView>> {
    const page = await this.deps.schedules.list({}, options);
    return { items: page.items.map((schedule) => this.view(schedule)), nextCursor: page.nextCursor };
  }

  /**
   * Changes a schedule (enable/disable, edit). Setting one of cron/at/every replaces the others. The next
   * fire time is computed afresh from now when the timing, the time zone or `enabled` changes, so times
   * that passed while a schedule was disabled are not caught up.
   */
  async update(id: string, changes: ScheduleUpdate): Promise<ScheduleView> {
    const current = await this.deps.schedules.get(id);
    if (changes.target !== undefined) await this.assertTargetExists(changes.target);
    assertAgentTask(changes.target ?? current.target, changes.input ?? current.input);
    const timingChanged =
      changes.cron !== undefined || changes.at !== undefined || changes.every !== undefined;
    const next: ScheduleChanges = { ...changes };
    if (timingChanged) {
      // null clears the stored column; the codec reads it back as absent.
      Object.assign(next, {
        cron: changes.cron ?? null,
        at: changes.at ?? null,
        every: changes.every ?? null,
      });
    }
    const merged = {
      ...current,
      ...changes,
      ...(timingChanged ? { cron: changes.cron, at: changes.at, every: changes.every } : {}),
    };
    const recompute =
      timingChanged ||
      (changes.timezone !== undefined && changes.timezone !== current.timezone) ||
      (changes.enabled === true && !current.enabled);
    if (recompute) {
      const first = validateTiming(merged, this.deps.now());
      next.nextRunAt = first?.toISOString() ?? null;
      next.status = first === null ? 'completed' : 'active';
    }
    return this.view(await this.deps.schedules.update(id, next));
  }

  /** Deletes the schedule and its firing history; NotFoundError when there is none. */
  async delete(id: string): Promise<void> {
    await this.deps.schedules.delete(id);
  }

  /** One page of the schedule's firings (latest first), each with its status, attempts, run id and error. */
  async listFirings(id: string, options: ListOptions = {}): Promise<Page<ScheduleFiring>> {
    await this.deps.schedules.get(id);
    return this.deps.firings.listForSchedule(id, options);
  }

  /** The representation of a stored schedule: adds the next five fire times (none when it cannot fire). */
  protected view(schedule: ScheduledTask): ScheduleView {
    const active = schedule.enabled && schedule.status === 'active' && schedule.nextRunAt !== null;
    const nextRuns = active
      ? upcomingFireTimes(schedule, new Date(schedule.nextRunAt as string), UPCOMING).map((time) =>
          time.toISOString(),
        )
      : [];
    return { ...schedule, nextRuns };
  }

  private async assertTargetExists(target: ScheduleCreate['target']): Promise<void> {
    const found =
      target.kind === 'agent'
        ? await this.deps.agents.find(target.name)
        : await this.deps.workflows.find(target.name);
    if (found === undefined) {
      throw new ValidationError([
        { pointer: '/target/name', message: `No ${target.kind} named '${target.name}'.` },
      ]);
    }
  }
}

/**
 * An agent's scheduled input is its task: `{ task, context?, outputSchema? }` with a non-empty `task` and,
 * if given, a valid output schema.
 */
function assertAgentTask(target: ScheduleCreate['target'], input: Record<string, unknown>): void {
  if (target.kind !== 'agent') return;
  const issues = outputSchemaIssues(input.outputSchema, '/input/outputSchema');
  if (typeof input.task !== 'string' || input.task.trim() === '') {
    issues.unshift({
      pointer: '/input/task',
      message: 'A scheduled agent run needs a non-empty task, e.g. { "task": "…" }.',
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
