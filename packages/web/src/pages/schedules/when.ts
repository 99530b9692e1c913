/** How a schedule fires, in words: `cron 0 9 * * * (Europe/Berlin)`, `every 15m`, `at 2030-…`. */
export function when(schedule: { cron?: string; at?: string; every?: string; timezone?: string }): string {
  if (schedule.cron) return `cron ${schedule.cron} (${schedule.timezone ?? 'UTC'})`;
  if (schedule.every) return `every ${schedule.every}`;
  return `at ${schedule.at ?? '?'}`;
}
