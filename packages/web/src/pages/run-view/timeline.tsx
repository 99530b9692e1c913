import { StatusBadge } from '../../app/feedback';
import { Output } from '../../app/output';
import { Link } from '../../app/router';
import type { TimelineItem, TimelineStep } from './timeline-types';

function duration(step: TimelineStep | undefined): string {
  const ms = step?.metadata?.durationMs;
  if (typeof ms === 'number') return `${ms} ms`;
  if (step?.startedAt && step.finishedAt)
    return `${Date.parse(step.finishedAt) - Date.parse(step.startedAt)} ms`;
  return '';
}

function tokens(step: TimelineStep): string {
  const meta = step.metadata ?? {};
  const prompt = typeof meta.promptTokens === 'number' ? meta.promptTokens : undefined;
  const completion = typeof meta.completionTokens === 'number' ? meta.completionTokens : undefined;
  if (prompt === undefined && completion === undefined) return '';
  return `${prompt ?? 0} + ${completion ?? 0} tokens`;
}

function json(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '');
}

/** The run's timeline as an ordered list: model turns, thoughts, tool calls (expandable) and steps. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="muted">Waiting for the first step…</p>;
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li
          key={itemKey(item)}
          className={`entry entry-${item.kind}${item.kind === 'tool' && item.result && !item.result.ok ? ' entry-error' : ''}`}
        >
          <Entry item={item} />
        </li>
      ))}
    </ol>
  );
}

function itemKey(item: TimelineItem): string {
  if (item.kind === 'thought' || item.kind === 'tool') return item.key;
  return `${item.kind}${item.seq}`;
}

function Entry({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case 'model':
      return (
        <>
          <p className="entry-title">
            Model turn <StatusBadge status={item.step.status} />{' '}
            <span className="muted">
              {[tokens(item.step), duration(item.step)].filter(Boolean).join(' · ')}
            </span>
          </p>
          {item.text && <Output label={`Model output ${item.seq}`}>{item.text}</Output>}
        </>
      );
    case 'thought':
      return (
        <p>
          <span className="entry-title">Thought:</span> {item.text}
        </p>
      );
    case 'tool': {
      const failed = item.result && !item.result.ok;
      return (
        <details open={failed}>
          <summary>
            Tool call <code>{item.tool}</code>{' '}
            {item.result ? (
              <StatusBadge status={item.result.ok ? 'ok' : 'error'} />
            ) : (
              <StatusBadge status="running" />
            )}
            {item.result?.error && <span className="field-error"> {item.result.error.code}</span>}{' '}
            <span className="muted">{duration(item.step)}</span>
          </summary>
          <h3 className="small">Arguments</h3>
          <Output label={`Arguments of ${item.tool}`}>{json(item.arguments)}</Output>
          {item.result && (
            <>
              <h3 className="small">{item.result.ok ? 'Output' : 'Error'}</h3>
              <Output label={`${item.result.ok ? 'Output' : 'Error'} of ${item.tool}`}>
                {item.result.text}
              </Output>
              {item.result.truncated && <p className="muted">The output was truncated for the model.</p>}
            </>
          )}
        </details>
      );
    }
    case 'step': {
      const child = item.step.metadata?.runId;
      return (
        <details>
          <summary>
            Step <code>{item.step.stepId ?? item.step.name}</code> ({item.step.kind}){' '}
            <StatusBadge status={item.step.status} /> <span className="muted">{duration(item.step)}</span>
          </summary>
          <h3 className="small">Input</h3>
          <Output label={`Input of step ${item.step.stepId ?? item.seq}`}>{json(item.step.input)}</Output>
          {item.step.output !== undefined && item.step.output !== null && (
            <>
              <h3 className="small">Output</h3>
              <Output label={`Output of step ${item.step.stepId ?? item.seq}`}>
                {json(item.step.output)}
              </Output>
            </>
          )}
          {item.step.error && <p className="field-error">{item.step.error.message}</p>}
          {typeof child === 'string' && (
            <Link to={`/runs/${child}`}>Open the agent run of step {item.step.stepId}</Link>
          )}
        </details>
      );
    }
  }
}
