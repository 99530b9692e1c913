import type { Run, RunStep } from '@agentry/core';
import type { Command } from 'commander';
import { exitCodeFor, followRun } from './follow-run';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';
import { asText, formatDuration, oneLine, runDurationMs, runSummary } from './run-format';

interface RunListFlags extends RemoteOptions {
  agent?: string;
  workflow?: string;
  status?: string;
  limit: string;
}

/** Registers `agentry runs list|show|follow|cancel` (docs/cli.md). */
export function registerRunCommands(program: Command): void {
  const runs = program.command('runs').description('Runs of agents and workflows on a running server');
  withRemoteOptions(
    runs
      .command('list')
      .description('List runs, newest first')
      .option('--agent <name>', 'only runs of this agent')
      .option('--workflow <name>', 'only runs of this workflow')
      .option('--status <status>', 'queued, running, succeeded, failed or cancelled')
      .option('--limit <n>', 'how many', '20'),
  ).action(listRuns);
  withRemoteOptions(runs.command('show <id>').description('Show a run with its steps')).action(showRun);
  withRemoteOptions(
    runs.command('follow <id>').description('Follow a run live (or replay a finished one) until it ends'),
  ).action(followCommand);
  withRemoteOptions(runs.command('cancel <id>').description('Cancel a queued or running run')).action(
    cancelRun,
  );
}

async function listRuns(flags: RunListFlags): Promise<void> {
  const { agent, workflow, status } = flags;
  const page = await apiClient(flags).get<{ items: Run[] }>('/api/v1/runs', {
    agent,
    workflow,
    status,
    limit: flags.limit,
  });
  if (flags.json) return printJson(page.items);
  const rows = page.items.map((run) => {
    const duration = runDurationMs(run);
    return [
      run.id,
      `${run.kind} ${run.target}`,
      run.status,
      run.createdAt,
      duration === undefined ? '-' : formatDuration(duration),
      String(run.promptTokens + run.completionTokens),
      String(run.toolCalls),
    ];
  });
  printTable(['ID', 'TARGET', 'STATUS', 'CREATED', 'DURATION', 'TOKENS', 'TOOLS'], rows, 'No runs.');
}

async function showRun(id: string, flags: RemoteOptions): Promise<void> {
  const run = await apiClient(flags).get<Run & { steps: RunStep[] }>(
    `/api/v1/runs/${encodeURIComponent(id)}`,
  );
  if (flags.json) return printJson(run);
  const write = (text: string) => process.stdout.write(`${text}\n`);
  write(`run ${run.id}: ${run.kind} ${run.target}`);
  write(`input: ${oneLine(asText(run.input), 500)}`);
  write(runSummary(run));
  for (const step of run.steps) {
    const name = [step.stepId, step.kind, step.name].filter(Boolean).join(' ');
    const detail = step.error ? `${step.error.code}: ${step.error.message}` : asText(step.output ?? '');
    write(`  #${step.seq} ${name} ${step.status}: ${oneLine(detail)}`);
  }
  if (run.error) write(`error: ${run.error.code}: ${run.error.message}`);
  if (run.output !== null) write(`output: ${asText(run.output, 2)}`);
}

async function followCommand(id: string, flags: RemoteOptions): Promise<void> {
  exitCodeFor(await followRun(apiClient(flags), id, flags.json));
}

async function cancelRun(id: string, flags: RemoteOptions): Promise<void> {
  const run = await apiClient(flags).post<Run>(`/api/v1/runs/${encodeURIComponent(id)}/cancel`);
  if (flags.json) return printJson(run);
  process.stdout.write(`Cancelled run ${run.id} (${run.kind} ${run.target}): ${run.status}.\n`);
}
