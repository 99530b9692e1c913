import { describe, expect, it } from 'vitest';
import { emptyTimeline, timelineReducer, timelineTotals } from './timeline-reducer';
import type { TimelineEvent } from './timeline-types';

const run = { id: 'r1', kind: 'agent', target: 'helper', status: 'running' };
const llm = (seq: number, status: string, extra: object = {}) => ({
  seq,
  kind: 'llm',
  status,
  name: 'model',
  ...extra,
});

/** The events of a run that thinks, calls a tool that fails, calls another that works, then answers. */
const events: TimelineEvent[] = [
  { id: 1, type: 'run.started', data: { run } },
  { id: 2, type: 'step.started', data: { step: llm(0, 'running') } },
  { id: 3, type: 'token', data: { seq: 0, text: 'Let me ' } },
  { id: 4, type: 'token', data: { seq: 0, text: 'look.' } },
  {
    id: 5,
    type: 'step.finished',
    data: {
      step: llm(0, 'succeeded', { metadata: { durationMs: 12, promptTokens: 30, completionTokens: 5 } }),
    },
  },
  { id: 6, type: 'thought', data: { seq: 0, text: 'I need the page.' } },
  { id: 7, type: 'tool.result', data: { tool: 'nope', ok: false, text: 'Unknown tool "nope".' } },
  {
    id: 8,
    type: 'step.started',
    data: { step: { seq: 1, kind: 'tool', name: 'http_get', status: 'running', input: { url: 'x' } } },
  },
  { id: 9, type: 'tool.call', data: { seq: 1, tool: 'http_get', arguments: { url: 'https://example.com' } } },
  {
    id: 10,
    type: 'step.finished',
    data: {
      step: { seq: 1, kind: 'tool', name: 'http_get', status: 'succeeded', metadata: { durationMs: 40 } },
    },
  },
  { id: 11, type: 'tool.result', data: { seq: 1, tool: 'http_get', ok: true, text: '{"status":200}' } },
  {
    id: 12,
    type: 'run.finished',
    data: {
      run: {
        ...run,
        status: 'succeeded',
        output: 'It says hello.',
        promptTokens: 30,
        completionTokens: 5,
        toolCalls: 2,
        toolErrors: 1,
      },
    },
  },
];

describe('timelineReducer', () => {
  const state = events.reduce(timelineReducer, emptyTimeline);

  it('builds model turns from streamed tokens, thoughts, and tool calls with their results in order', () => {
    expect(state.items.map((item) => item.kind)).toEqual(['model', 'thought', 'tool', 'tool']);
    expect(state.items[0]).toMatchObject({
      kind: 'model',
      text: 'Let me look.',
      step: { status: 'succeeded' },
    });
    expect(state.items[1]).toMatchObject({ kind: 'thought', text: 'I need the page.' });
    expect(state.items[3]).toMatchObject({
      kind: 'tool',
      tool: 'http_get',
      arguments: { url: 'https://example.com' },
      result: { ok: true, text: '{"status":200}' },
      step: { status: 'succeeded', metadata: { durationMs: 40 } },
    });
  });

  it('keeps a refused tool call (no step) as an error entry', () => {
    expect(state.items[2]).toMatchObject({
      kind: 'tool',
      tool: 'nope',
      result: { ok: false, text: 'Unknown tool "nope".' },
    });
  });

  it('ends with the final run and its totals', () => {
    expect(state.done).toBe(true);
    expect(state.run).toMatchObject({ status: 'succeeded', output: 'It says hello.' });
    expect(timelineTotals(state)).toEqual({ tokens: 35, toolCalls: 2, toolErrors: 1 });
  });

  it('applies a replay of events it already has as a no-op (reconnect after a dropped stream)', () => {
    const half = events.slice(0, 6).reduce(timelineReducer, emptyTimeline);
    const replayed = events.reduce(timelineReducer, half);
    expect(replayed).toEqual(state);
  });

  it('shows a workflow step with its input and output', () => {
    const step = {
      seq: 0,
      kind: 'agent',
      stepId: 'summarise',
      status: 'succeeded',
      input: { task: 'Sum up' },
      output: 'ok',
    };
    const workflow = [
      { id: 1, type: 'step.started', data: { step: { ...step, status: 'running', output: null } } },
      { id: 2, type: 'step.finished', data: { step } },
    ].reduce(timelineReducer, emptyTimeline);
    expect(workflow.items).toEqual([{ kind: 'step', seq: 0, step }]);
  });
});

describe('timelineReducer and approvals', () => {
  const approval = {
    id: 'a1',
    runId: 'r1',
    agent: 'helper',
    tool: 'http_get',
    arguments: { url: 'http://127.0.0.1/x' },
    reasoning: 'I need the page.',
    status: 'pending',
  };
  const waiting = [
    { id: 1, type: 'run.started', data: { run } },
    { id: 2, type: 'approval.requested', data: { approval } },
  ].reduce(timelineReducer, emptyTimeline);

  it('shows the run waiting for approval with the pending call', () => {
    expect(waiting.run?.status).toBe('waiting_approval');
    expect(waiting.pending).toMatchObject({
      id: 'a1',
      tool: 'http_get',
      arguments: { url: 'http://127.0.0.1/x' },
    });
    expect(waiting.done).toBe(false);
  });

  it('forgets the pending call once decided, and the resumed run is running again', () => {
    const resumed = [
      { id: 3, type: 'approval.decided', data: { approval: { ...approval, status: 'approved' } } },
      { id: 4, type: 'run.started', data: { run } },
    ].reduce(timelineReducer, waiting);
    expect(resumed.pending).toBeUndefined();
    expect(resumed.run?.status).toBe('running');
  });
});

describe('timelineReducer: child runs', () => {
  const child = (id: number, type: string, runId: string, status: string): TimelineEvent => ({
    id,
    type,
    data: { runId, agent: `agent-${runId}`, status },
  });

  it('lists each delegated run once, in start order, with its latest status', () => {
    const state = [
      child(1, 'child.started', 'c1', 'running'),
      child(2, 'child.started', 'c2', 'running'),
      child(3, 'child.finished', 'c1', 'succeeded'),
      child(4, 'child.finished', 'c2', 'failed'),
    ].reduce(timelineReducer, emptyTimeline);
    expect(state.children).toEqual([
      { runId: 'c1', agent: 'agent-c1', status: 'succeeded' },
      { runId: 'c2', agent: 'agent-c2', status: 'failed' },
    ]);
  });

  it('ignores a replayed child event it already applied', () => {
    const finished = [
      child(1, 'child.started', 'c1', 'running'),
      child(2, 'child.finished', 'c1', 'succeeded'),
    ].reduce(timelineReducer, emptyTimeline);
    expect(timelineReducer(finished, child(1, 'child.started', 'c1', 'running'))).toBe(finished);
  });
});
