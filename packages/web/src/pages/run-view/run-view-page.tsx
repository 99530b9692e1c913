import { listApprovals } from '../../api/approvals';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, StatusBadge } from '../../app/feedback';
import { Output } from '../../app/output';
import { PageTitle } from '../../app/page-title';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { ApprovalCard } from '../approvals/approval-card';
import { ChildRuns } from './child-runs';
import { Timeline } from './timeline';
import { timelineTotals } from './timeline-reducer';
import { useRunEvents } from './use-run-events';

/**
 * A run's live view: its timeline over the event stream, totals, the runs it started (with links), the final
 * answer or error, and cancel.
 */
export function RunViewPage({ id }: { id: string }) {
  const found = useApi(
    async () => unwrap(await api.GET('/api/v1/runs/{id}', { params: { path: { id } } })),
    [id],
  );
  const { timeline, connected } = useRunEvents(id);
  const cancel = useAction(async () =>
    unwrap(await api.POST('/api/v1/runs/{id}/cancel', { params: { path: { id } } })),
  );
  const run = timeline.run ?? found.data;
  const totals = timelineTotals(timeline);
  // A run that stopped before this page followed it is replayed from storage; until the replay's
  // `approval.requested` arrives, its pending call is asked for.
  const waitingStatus = run?.status === 'waiting_approval';
  const stored = useApi(async () => (waitingStatus ? listApprovals({ runId: id }) : []), [id, waitingStatus]);
  const pending = timeline.pending ?? (waitingStatus ? stored.data?.[0] : undefined);
  const active = run && ['queued', 'running', 'waiting_approval'].includes(run.status) && !timeline.done;
  return (
    <>
      <PageTitle>{run ? `Run of ${run.kind} ${run.target}` : 'Run'}</PageTitle>
      <ErrorMessage error={found.error} />
      {run && (
        <div className="run-header">
          <p>
            Status: <StatusBadge status={run.status} />{' '}
            <span className="muted" role="status">
              {active ? (connected ? 'Live' : 'Connecting…') : ''}
            </span>
          </p>
          <dl className="totals">
            <dt>Tokens</dt>
            <dd>{totals.tokens}</dd>
            <dt>Tool calls</dt>
            <dd>{totals.toolCalls}</dd>
            <dt>Tool errors</dt>
            <dd className={totals.toolErrors > 0 ? 'has-errors' : undefined}>{totals.toolErrors}</dd>
          </dl>
          {active && (
            <button type="button" className="danger" onClick={() => cancel.run()} disabled={cancel.busy}>
              Cancel run
            </button>
          )}
          <ErrorMessage error={cancel.error} />
        </div>
      )}
      {pending && !timeline.done && (
        <section aria-labelledby="waiting-heading" className="waiting">
          <h2 id="waiting-heading">Waiting for approval</h2>
          <p>The run stopped before this tool call; it goes on when someone approves or rejects it.</p>
          <ul className="cards">
            <ApprovalCard key={pending.id} approval={pending} onDecided={stored.reload} showRun={false} />
          </ul>
        </section>
      )}
      <ChildRuns runId={id} live={timeline.children} done={timeline.done} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline items={timeline.items} />
      </section>
      {timeline.done && timeline.run && (
        <section
          aria-labelledby="result-heading"
          className={timeline.run.status === 'succeeded' ? 'answer' : 'answer failed'}
        >
          <h2 id="result-heading">
            {timeline.run.status === 'succeeded' ? 'Final answer' : `Run ${timeline.run.status}`}
          </h2>
          {timeline.run.status === 'succeeded' ? (
            <Output label="Final answer text">{formatOutput(timeline.run.output)}</Output>
          ) : (
            <p>
              <code>{timeline.run.error?.code}</code> {timeline.run.error?.message}
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** An output as text: strings as they are, anything else as indented JSON. */
export function formatOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? '';
}
