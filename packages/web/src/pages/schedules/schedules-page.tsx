import { useState } from 'react';
import { fieldErrors } from '../../api/problem';
import {
  createSchedule,
  listSchedules,
  listTargets,
  type ScheduleBody,
  setScheduleEnabled,
} from '../../api/schedules';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { NextFireTimes } from './next-fire-times';
import { ScheduleForm } from './schedule-form';
import { when } from './when';

/** Schedules: what fires when, the next firing, pause/resume, and create one (its next fire times shown). */
export function SchedulesPage() {
  const schedules = useApi(listSchedules, [], 15_000);
  const targets = useApi(listTargets, []);
  const [created, setCreated] = useState<Awaited<ReturnType<typeof createSchedule>>>();
  const toggle = useAction(async (id: string, enabled: boolean) => {
    await setScheduleEnabled(id, enabled);
    schedules.reload();
  });
  const create = useAction(async (body: ScheduleBody) => {
    setCreated(await createSchedule(body));
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
                      <Link to={`/schedules/${schedule.id}`} aria-label={`Firing history of ${label}`}>
                        History
                      </Link>
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
      <section aria-labelledby="schedule-create">
        <h2 id="schedule-create">Create a schedule</h2>
        <ErrorMessage error={targets.error} />
        {targets.data && (
          <ScheduleForm
            targets={targets.data}
            busy={create.busy}
            serverErrors={fieldErrors(create.error)}
            onSubmit={create.run}
          />
        )}
        <ErrorMessage error={create.error} />
        {created && (
          <div role="status" aria-label="Schedule created" className="card">
            <p>
              Created: {created.target.kind} <strong>{created.target.name}</strong>, {when(created)}.{' '}
              <Link to={`/schedules/${created.id}`}>Its firing history</Link>
            </p>
            <NextFireTimes times={created.nextRuns} />
          </div>
        )}
      </section>
    </>
  );
}
