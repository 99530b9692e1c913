import { type Agentry, NotFoundError } from '@agentry/core';

/** Name of the seeded demo agent. */
export const DEMO_AGENT = 'demo-assistant';
/** Name of the seeded demo workflow. */
export const DEMO_WORKFLOW = 'demo-briefing';

/** What {@link seedDemo} created this time (empty when everything was already there). */
export interface DemoSeedResult {
  /** Names or ids of what was created: `agent demo-assistant`, `workflow demo-briefing`, `schedule <id>`. */
  created: string[];
}

/**
 * Seeds the demo examples, each only when absent (so restarts and user edits are kept): the agent
 * `demo-assistant` (tools `clock_now`, `calculate`), the two-step workflow `demo-briefing` using
 * `{inputs.*}` and `{previous}`, and a paused daily schedule of that workflow.
 */
export async function seedDemo(agentry: Agentry): Promise<DemoSeedResult> {
  const created: string[] = [];
  if (!(await exists(() => agentry.agents.get(DEMO_AGENT)))) {
    await agentry.agents.create({
      name: DEMO_AGENT,
      description: 'Answers questions about the time and arithmetic with its two demo tools.',
      role: 'Demo assistant',
      goals: ['Answer with facts from tools, never guesses', 'Show each tool call it makes'],
      backstory: 'A small assistant that shows how Agentry agents call tools and remember their runs.',
      tools: ['clock_now', 'calculate'],
    });
    created.push(`agent ${DEMO_AGENT}`);
  }
  if (!(await exists(() => agentry.workflows.get(DEMO_WORKFLOW)))) {
    await agentry.workflows.create({
      name: DEMO_WORKFLOW,
      description: 'A two-step briefing: the time in a city, then a calculation added to it.',
      inputs: {
        city: { description: 'City whose local time opens the briefing.', default: 'Tokyo' },
        expression: { description: 'Arithmetic to add to the briefing.', default: '17 * 23' },
      },
      steps: [
        { id: 'time', agent: DEMO_AGENT, task: 'What time is it in {inputs.city}?' },
        {
          id: 'figure',
          agent: DEMO_AGENT,
          task: 'Work out {inputs.expression} and add it to this briefing: {previous}',
        },
      ],
    });
    created.push(`workflow ${DEMO_WORKFLOW}`);
  }
  if (!(await hasScheduleFor(agentry, DEMO_WORKFLOW))) {
    const schedule = await agentry.scheduler.create({
      target: { kind: 'workflow', name: DEMO_WORKFLOW },
      input: { city: 'Tokyo', expression: '17 * 23' },
      cron: '0 8 * * *',
      timezone: 'UTC',
      enabled: false,
    });
    created.push(`schedule ${schedule.id}`);
  }
  return { created };
}

async function exists(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return true;
  } catch (error) {
    if (NotFoundError.isInstance(error)) return false;
    throw error;
  }
}

async function hasScheduleFor(agentry: Agentry, workflow: string): Promise<boolean> {
  let cursor: string | null = null;
  do {
    const page = await agentry.scheduler.list({ limit: 200, cursor });
    if (page.items.some((s) => s.target.kind === 'workflow' && s.target.name === workflow)) return true;
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}
