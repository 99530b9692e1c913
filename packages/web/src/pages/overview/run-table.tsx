import { StatusBadge, Time } from '../../app/feedback';
import { Link } from '../../app/router';

/** The fields of a run that run lists show. */
export interface RunSummary {
  id: string;
  kind: string;
  target: string;
  status: string;
  toolCalls: number;
  toolErrors: number;
  createdAt: string;
}

/** A table of runs: target, status, tool calls and errors, start time, with a link to each run's view. */
export function RunTable({ runs, empty, caption }: { runs: RunSummary[]; empty: string; caption: string }) {
  if (runs.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Tool calls</th>
            <th scope="col">Tool errors</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to={`/runs/${run.id}`}>
                  {run.kind} {run.target}
                </Link>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{run.toolCalls}</td>
              <td className={run.toolErrors > 0 ? 'has-errors' : undefined}>{run.toolErrors}</td>
              <td>
                <Time value={run.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
