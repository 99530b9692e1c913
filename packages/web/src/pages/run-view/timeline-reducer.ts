import type { Approval } from '../../api/approvals';
import type {
  StepError,
  TimelineChild,
  TimelineEvent,
  TimelineItem,
  TimelineRun,
  TimelineState,
  TimelineStep,
} from './timeline-types';

/** The timeline before any event. */
export const emptyTimeline: TimelineState = {
  run: undefined,
  items: [],
  lastEventId: 0,
  pending: undefined,
  children: [],
  done: false,
};

/**
 * Applies one run event to the timeline. Following a live run and replaying a finished one are the same
 * fold over the same events; an event whose id was already applied changes nothing.
 */
export function timelineReducer(state: TimelineState, event: TimelineEvent): TimelineState {
  if (event.id > 0 && event.id <= state.lastEventId) return state;
  const next = { ...state, lastEventId: Math.max(state.lastEventId, event.id) };
  const data = event.data;
  switch (event.type) {
    case 'run.started':
      return { ...next, run: data.run as TimelineRun };
    case 'run.finished':
    case 'run.failed':
      return { ...next, run: data.run as TimelineRun, pending: undefined, done: true };
    case 'approval.requested': {
      // The run stopped before the call: it is stored `waiting_approval` until someone decides.
      const run = state.run ? { ...state.run, status: 'waiting_approval' } : state.run;
      return { ...next, run, pending: data.approval as Approval };
    }
    case 'approval.decided':
      return { ...next, pending: undefined };
    case 'step.started':
    case 'step.finished':
      return { ...next, items: applyStep(state.items, data.step as TimelineStep) };
    case 'token':
      return { ...next, items: appendModelText(state.items, data.seq as number, String(data.text ?? '')) };
    case 'thought':
      return {
        ...next,
        items: [
          ...state.items,
          { kind: 'thought', key: `t${event.id}`, seq: data.seq as number, text: String(data.text ?? '') },
        ],
      };
    case 'tool.call':
      return { ...next, items: applyToolCall(state.items, event) };
    case 'tool.result':
      return { ...next, items: applyToolResult(state.items, event) };
    case 'child.started':
    case 'child.finished':
      return { ...next, children: applyChild(state.children, data) };
    default:
      return next;
  }
}

function applyStep(items: TimelineItem[], step: TimelineStep): TimelineItem[] {
  const index = items.findIndex((item) => item.kind !== 'thought' && item.seq === step.seq);
  if (step.kind === 'tool') {
    if (index >= 0) return replace(items, index, { ...(items[index] as TimelineItem), step } as TimelineItem);
    // The step row is written before the tool.call event; the call fills in the arguments.
    return [
      ...items,
      {
        kind: 'tool',
        seq: step.seq,
        key: `s${step.seq}`,
        tool: step.name ?? '',
        arguments: step.input,
        step,
      },
    ];
  }
  if (index >= 0) {
    const existing = items[index] as TimelineItem;
    return replace(items, index, { ...existing, step } as TimelineItem);
  }
  if (step.kind === 'llm') return [...items, { kind: 'model', seq: step.seq, step, text: '' }];
  return [...items, { kind: 'step', seq: step.seq, step }];
}

function appendModelText(items: TimelineItem[], seq: number, text: string): TimelineItem[] {
  const index = items.findIndex((item) => item.kind === 'model' && item.seq === seq);
  if (index < 0) return items;
  const item = items[index] as Extract<TimelineItem, { kind: 'model' }>;
  return replace(items, index, { ...item, text: item.text + text });
}

function applyToolCall(items: TimelineItem[], event: TimelineEvent): TimelineItem[] {
  const { seq, tool, arguments: args } = event.data as { seq?: number; tool?: string; arguments?: unknown };
  const index = items.findIndex((item) => item.kind === 'tool' && seq !== undefined && item.seq === seq);
  if (index >= 0) {
    const item = items[index] as Extract<TimelineItem, { kind: 'tool' }>;
    return replace(items, index, { ...item, tool: tool ?? item.tool, arguments: args });
  }
  return [...items, { kind: 'tool', seq, key: `c${event.id}`, tool: tool ?? '', arguments: args }];
}

function applyToolResult(items: TimelineItem[], event: TimelineEvent): TimelineItem[] {
  const data = event.data as {
    seq?: number;
    tool?: string;
    ok?: boolean;
    text?: string;
    truncated?: boolean;
    error?: StepError;
  };
  const result = {
    ok: data.ok === true,
    text: String(data.text ?? ''),
    ...(data.truncated ? { truncated: true } : {}),
    ...(data.error ? { error: data.error } : {}),
  };
  const index = items.findIndex(
    (item) => item.kind === 'tool' && data.seq !== undefined && item.seq === data.seq,
  );
  if (index >= 0)
    return replace(items, index, { ...(items[index] as Extract<TimelineItem, { kind: 'tool' }>), result });
  // A call refused before it ran (unknown tool, bad arguments) has no step: it is its own entry.
  return [
    ...items,
    { kind: 'tool', seq: data.seq, key: `r${event.id}`, tool: data.tool ?? '', arguments: undefined, result },
  ];
}

function applyChild(children: TimelineChild[], data: Record<string, unknown>): TimelineChild[] {
  const child = {
    runId: String(data.runId),
    agent: String(data.agent ?? ''),
    status: String(data.status ?? ''),
  };
  const index = children.findIndex((known) => known.runId === child.runId);
  return index >= 0 ? replace(children, index, child) : [...children, child];
}

function replace<T>(items: T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

/** Tokens, tool calls and tool errors of the run so far (from the run, or counted from the timeline). */
export function timelineTotals(state: TimelineState): {
  tokens: number;
  toolCalls: number;
  toolErrors: number;
} {
  const tools = state.items.filter((item) => item.kind === 'tool');
  const run = state.run;
  return {
    tokens: (run?.promptTokens ?? 0) + (run?.completionTokens ?? 0),
    toolCalls: Math.max(run?.toolCalls ?? 0, tools.length),
    toolErrors: Math.max(run?.toolErrors ?? 0, tools.filter((item) => item.result && !item.result.ok).length),
  };
}
