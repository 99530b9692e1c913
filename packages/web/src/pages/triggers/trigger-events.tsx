import { listTriggerEvents } from '../../api/triggers';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { Link } from '../../app/router';
import { useApi } from '../../app/use-api';

/** The newest events of one trigger: when received, status, attempts, the run it started, the error. */
export function TriggerEvents({ id, name }: { id: string; name: string }) {
  const events = useApi(() => listTriggerEvents(id), [id], 5_000);
  if (events.error) return <ErrorMessage error={events.error} />;
  if (!events.data) return <Loading what={`events of ${name}`} />;
  if (events.data.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Events of {name}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Run</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {events.data.map((event) => (
            <tr key={event.id}>
              <td>
                <Time value={event.createdAt} />
              </td>
              <td>
                <StatusBadge status={event.status} />
                {event.duplicateOf && <span className="muted"> (duplicate)</span>}
              </td>
              <td>{event.attempts}</td>
              <td>{event.runId ? <Link to={`/runs/${event.runId}`}>Open run</Link> : '—'}</td>
              <td>{event.error ? `${event.error.code}: ${event.error.message}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
