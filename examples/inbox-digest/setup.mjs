#!/usr/bin/env node
/**
 * Sets up the daily inbox digest on a running Agentry server: the agent, the workflow, the workflow's
 * IMAP and SMTP settings (passwords stored as secrets) and the cron schedule. Safe to run again: each
 * piece is created, or updated when it exists.
 *
 *   node setup.mjs            # set up, print the next fire times
 *   node setup.mjs --run-now  # ... and run the workflow once now, which sends a digest
 *
 * Environment: AGENTRY_URL (default http://127.0.0.1:8080), AGENTRY_API_KEY, and the DIGEST_*, IMAP_*,
 * SMTP_* variables of README.md (`node --env-file=digest.env setup.mjs` reads them from a file).
 */
import { agentryApi } from './agentry-api.mjs';
import {
  AGENT,
  agent,
  digestSettings,
  schedule,
  toolConfigs,
  WORKFLOW,
  workflow,
} from './digest-definitions.mjs';

const runNow = process.argv.includes('--run-now');
const settings = digestSettings(process.env);
const api = agentryApi(process.env.AGENTRY_URL || 'http://127.0.0.1:8080', process.env.AGENTRY_API_KEY);

try {
  await api.save('/agents', agent);
  console.log(`Agent ${AGENT}: saved`);
  await api.save('/workflows', workflow);
  console.log(`Workflow ${WORKFLOW}: saved (${workflow.steps.map((step) => step.id).join(' → ')})`);

  for (const [tool, config] of Object.entries(toolConfigs(settings))) {
    const stored = await api.put(`/workflows/${WORKFLOW}/tools/${tool}/config`, { config });
    console.log(`Config of ${tool} for ${WORKFLOW}: ${describeConfig(stored.config)}`);
  }

  const saved = await saveSchedule(schedule(settings));
  console.log(`Schedule ${saved.id}: "${saved.cron}" in ${saved.timezone}; next runs:`);
  for (const time of saved.nextRuns) console.log(`  ${time}  (${localTime(time, saved.timezone)})`);

  if (runNow) {
    console.log(`Running ${WORKFLOW} now...`);
    const run = await api.post(`/workflows/${WORKFLOW}/run`, { inputs: { to: settings.to } });
    console.log(`Run ${run.id}: ${run.status}`);
    if (run.status !== 'succeeded') {
      console.log(`Error: ${run.error?.code}: ${run.error?.message}`);
      process.exitCode = 1;
    } else {
      const steps = /** @type {{ stepId?: string, output: unknown }[]} */ (run.steps ?? []);
      const digest = steps.find((step) => step.stepId === 'summarise')?.output ?? run.output;
      console.log(
        `Digest sent to ${settings.to}:\n${typeof digest === 'string' ? digest : JSON.stringify(digest)}`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

/**
 * Creates the workflow's schedule, or updates the one that already targets it.
 * @param {ReturnType<typeof schedule>} definition
 */
async function saveSchedule(definition) {
  let cursor = null;
  do {
    const page = await api.get(
      `/schedules?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const items = /** @type {{ id: string, target: { kind: string, name: string } }[]} */ (page.items);
    const existing = items.find(
      (item) => item.target.kind === 'workflow' && item.target.name === definition.target.name,
    );
    if (existing) return api.patch(`/schedules/${existing.id}`, definition);
    cursor = page.nextCursor;
  } while (cursor);
  return api.post('/schedules', definition);
}

/**
 * A stored config as the API shows it: secrets only as `{ "set": true }`.
 * @param {Record<string, unknown>} config
 */
function describeConfig(config) {
  return Object.entries(config)
    .map(([key, value]) => {
      const secret = typeof value === 'object' && value !== null && 'set' in value && value.set === true;
      return `${key}=${secret ? '(secret, set)' : JSON.stringify(value)}`;
    })
    .join(' ');
}

/**
 * `time` written in `timezone`, e.g. `26 Nov 2026, 07:00`.
 * @param {string} time  ISO 8601
 * @param {string} timezone  IANA zone
 */
function localTime(time, timezone) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(time));
}
