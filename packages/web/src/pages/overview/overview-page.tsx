import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link } from '../../app/router';
import { useApi } from '../../app/use-api';
import { RunTable } from './run-table';

async function loadReadiness() {
  // /ready answers 503 with the same body when a check fails: show it either way.
  const { data, error } = await api.GET('/ready');
  const body = (data ?? error) as
    | { status: string; checks: Record<string, { ok: boolean; detail: string }> }
    | undefined;
  if (!body?.checks) throw new Error('The server did not say whether it is ready.');
  return body;
}

/** Server and Ollama status, runs in progress, recent runs, next schedule firings and failed plugins. */
export function OverviewPage() {
  const ready = useApi(loadReadiness, [], 10_000);
  const running = useApi(
    async () =>
      unwrap(await api.GET('/api/v1/runs', { params: { query: { limit: 20, status: 'running' } } })).items,
    [],
    5_000,
  );
  const recent = useApi(
    async () => unwrap(await api.GET('/api/v1/runs', { params: { query: { limit: 10 } } })).items,
    [],
    10_000,
  );
  const schedules = useApi(
    async () => unwrap(await api.GET('/api/v1/schedules', { params: { query: { limit: 100 } } })).items,
    [],
  );
  const plugins = useApi(async () => unwrap(await api.GET('/api/v1/plugins')).items, []);
  const upcoming = (schedules.data ?? [])
    .filter((schedule) => schedule.enabled && schedule.nextRunAt)
    .sort((a, b) => String(a.nextRunAt).localeCompare(String(b.nextRunAt)))
    .slice(0, 5);
  const failed = (plugins.data ?? []).filter((plugin) => plugin.status === 'failed');
  return (
    <>
      <PageTitle>Overview</PageTitle>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Server and Ollama</h2>
        <ErrorMessage error={ready.error} />
        {ready.data ? (
          <ul className="checks">
            <li>
              Server: <StatusBadge status={ready.data.status === 'ready' ? 'ready' : 'not_ready'} />
            </li>
            {Object.entries(ready.data.checks).map(([name, check]) => (
              <li key={name}>
                {name}: <StatusBadge status={check.ok ? 'ok' : 'failed'} />{' '}
                <span className="muted">{check.detail}</span>
              </li>
            ))}
          </ul>
        ) : (
          !ready.error && <Loading what="status" />
        )}
      </section>
      <section aria-labelledby="running-heading">
        <h2 id="running-heading">Runs in progress</h2>
        <ErrorMessage error={running.error} />
        {running.data && (
          <RunTable runs={running.data} empty="Nothing is running." caption="Runs in progress" />
        )}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent runs</h2>
        <ErrorMessage error={recent.error} />
        {recent.data ? (
          <RunTable runs={recent.data} empty="No runs yet." caption="Recent runs" />
        ) : (
          !recent.error && <Loading what="runs" />
        )}
      </section>
      <section aria-labelledby="next-heading">
        <h2 id="next-heading">Next schedule firings</h2>
        <ErrorMessage error={schedules.error} />
        {upcoming.length === 0 ? (
          <p className="muted">No schedule is due.</p>
        ) : (
          <ul>
            {upcoming.map((schedule) => (
              <li key={schedule.id}>
                {schedule.target.kind} <strong>{schedule.target.name}</strong> at{' '}
                <Time value={schedule.nextRunAt} />
              </li>
            ))}
          </ul>
        )}
        <Link to="/schedules">All schedules</Link>
      </section>
      <section aria-labelledby="plugins-heading">
        <h2 id="plugins-heading">Failed plugins</h2>
        <ErrorMessage error={plugins.error} />
        {failed.length === 0 ? (
          <p className="muted">No plugin failed to load.</p>
        ) : (
          <ul>
            {failed.map((plugin) => (
              <li key={plugin.location}>
                <strong>{plugin.name}</strong>: {plugin.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
