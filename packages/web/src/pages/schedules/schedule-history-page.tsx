import { useState } from 'react';
import { getSchedule, listScheduleFirings } from '../../api/schedules';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { NextFireTimes } from './next-fire-times';
import { when } from './when';

type Firing = Awaited<ReturnType<typeof listScheduleFirings>>['items'][number];

async function load(id: string) {
  const [schedule, firings] = await Promise.all([getSchedule(id), listScheduleFirings(id)]);
  return { schedule, firings };
}

/** One schedule's firing history, newest first (status, attempts, the run, the error), and its next fire times. */
export function ScheduleHistoryPage({ id }: { id: string }) {
  const loaded = useApi(() => load(id), [id], 5_000);
  const [older, setOlder] = useState<{ items: Firing[]; cursor: string | null }>();
  const more = useAction(async () => {
    const page = await listScheduleFirings(id, older?.cursor ?? loaded.data?.firings.nextCursor ?? undefined);
    setOlder({ items: [...(older?.items ?? []), ...page.items], cursor: page.nextCursor });
  });
  const schedule = loaded.data?.schedule;
  const firings = [...(loaded.data?.firings.items ?? []), ...(older?.items ?? [])];
  const cursor = older ? older.cursor : loaded.data?.firings.nextCursor;
  return (
    <>
      <PageTitle>Schedule history</PageTitle>
      <p>
        <Link to="/schedules">All schedules</Link>
      </p>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && !schedule && <Loading what="the schedule" />}
      {schedule && (
        <p>
          {schedule.target.kind} <strong>{schedule.target.name}</strong>, {when(schedule)}{' '}
          <StatusBadge status={schedule.enabled ? schedule.status : 'paused'} />
        </p>
      )}
      {schedule?.enabled && <NextFireTimes times={schedule.nextRuns} />}
      <h2>Firings</h2>
      {loaded.data && firings.length === 0 && <p className="muted">It has not fired yet.</p>}
      {firings.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Firings, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Run</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {firings.map((firing) => (
                <tr key={firing.id}>
                  <td>
                    <Time value={firing.fireAt} />
                  </td>
                  <td>
                    <StatusBadge status={firing.status} />
                  </td>
                  <td>{firing.attempts}</td>
                  <td>{firing.runId ? <Link to={`/runs/${firing.runId}`}>Open run</Link> : '—'}</td>
                  <td>{firing.error ? `${firing.error.code}: ${firing.error.message}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" disabled={more.busy} onClick={() => more.run()}>
          Older firings
        </button>
      )}
      <ErrorMessage error={more.error} />
    </>
  );
}
