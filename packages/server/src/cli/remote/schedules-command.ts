import type { ScheduleView } from '@agentry/core';
import type { Command } from 'commander';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';

/** Registers `agentry schedules list|pause|resume` (docs/cli.md). */
export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description('Schedules on a running server');
  withRemoteOptions(schedules.command('list').description('List schedules')).action(listSchedules);
  withRemoteOptions(
    schedules.command('pause <id>').description('Disable a schedule: it stops firing'),
  ).action((id: string, flags: RemoteOptions) => setEnabled(id, false, flags));
  withRemoteOptions(
    schedules.command('resume <id>').description('Enable a schedule again; it fires from now on'),
  ).action((id: string, flags: RemoteOptions) => setEnabled(id, true, flags));
}

async function listSchedules(flags: RemoteOptions): Promise<void> {
  const items = await apiClient(flags).all<ScheduleView>('/api/v1/schedules');
  if (flags.json) return printJson(items);
  const rows = items.map((schedule) => [
    schedule.id,
    `${schedule.target.kind} ${schedule.target.name}`,
    timing(schedule),
    schedule.enabled ? schedule.status : 'paused',
    schedule.nextRunAt ?? '-',
  ]);
  printTable(['ID', 'TARGET', 'WHEN', 'STATE', 'NEXT'], rows, 'No schedules.');
}

async function setEnabled(id: string, enabled: boolean, flags: RemoteOptions): Promise<void> {
  const path = `/api/v1/schedules/${encodeURIComponent(id)}`;
  const schedule = await apiClient(flags).patch<ScheduleView>(path, { enabled });
  if (flags.json) return printJson(schedule);
  const next = enabled && schedule.nextRunAt ? `; next run ${schedule.nextRunAt}` : '';
  process.stdout.write(
    `${enabled ? 'Resumed' : 'Paused'} schedule ${schedule.id} (${timing(schedule)})${next}.\n`,
  );
}

function timing(schedule: ScheduleView): string {
  if (schedule.cron) return `cron ${schedule.cron} ${schedule.timezone}`;
  if (schedule.every) return `every ${schedule.every}`;
  return `at ${schedule.at ?? '?'}`;
}
