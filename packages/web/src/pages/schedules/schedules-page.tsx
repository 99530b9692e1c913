import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';

function when(schedule: { cron?: string; at?: string; every?: string; timezone?: string }): string {
  if (schedule.cron) return `cron ${schedule.cron} (${schedule.timezone ?? 'UTC'})`;
  if (schedule.every) return `every ${schedule.every}`;
  return `at ${schedule.at ?? '?'}`;
}

/** Schedules: what fires when, the next firing, and pause/resume. */
export function SchedulesPage() {
  const schedules = useApi(
    async () => unwrap(await api.GET('/api/v1/schedules', { params: { query: { limit: 200 } } })).items,
    [],
    15_000,
  );
  const toggle = useAction(async (id: string, enabled: boolean) => {
    unwrap(await api.PATCH('/api/v1/schedules/{id}', { params: { path: { id } }, body: { enabled } }));
    schedules.reload();
  });
  return (
    <>
      <PageTitle>Schedules</PageTitle>
      <ErrorMessage error={schedules.error} />
      <ErrorMessage error={toggle.error} />
      {schedules.loading && !schedules.data && <Loading what="schedules" />}
      {schedules.data?.length === 0 && <p className="muted">No schedules yet.</p>}
      {schedules.data && schedules.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Schedules</caption>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">When</th>
                <th scope="col">State</th>
                <th scope="col">Next firing</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {schedules.data.map((schedule) => {
                const label = `${schedule.target.kind} ${schedule.target.name} (${when(schedule)})`;
                return (
                  <tr key={schedule.id}>
                    <td>
                      {schedule.target.kind} <strong>{schedule.target.name}</strong>
                    </td>
                    <td>{when(schedule)}</td>
                    <td>
                      <StatusBadge status={schedule.enabled ? 'active' : 'paused'} />
                    </td>
                    <td>{schedule.enabled ? <Time value={schedule.nextRunAt} /> : '—'}</td>
                    <td className="actions">
                      <button
                        type="button"
                        disabled={toggle.busy}
                        onClick={() => toggle.run(schedule.id, !schedule.enabled)}
                        aria-label={`${schedule.enabled ? 'Pause' : 'Resume'} ${label}`}
                      >
                        {schedule.enabled ? 'Pause' : 'Resume'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
