import { useEffect, useReducer } from 'react';
import { connection } from '../../api/connection';
import { emptyTimeline, timelineReducer } from './timeline-reducer';
import type { TimelineEvent, TimelineState } from './timeline-types';

/** Names of the events a run's stream sends (`GET /api/v1/runs/{id}/events`). */
export const runEventTypes = [
  'run.started',
  'step.started',
  'token',
  'thought',
  'tool.call',
  'tool.result',
  'step.finished',
  'approval.requested',
  'approval.decided',
  'child.started',
  'child.finished',
  'run.finished',
  'run.failed',
] as const;

type Action = { type: 'events'; events: TimelineEvent[] } | { type: 'reset' };

function reduce(state: TimelineState, action: Action): TimelineState {
  if (action.type === 'reset') return emptyTimeline;
  return action.events.reduce(timelineReducer, state);
}

/** How long to wait before reconnecting after the stream drops, in milliseconds. */
const RECONNECT_MS = 1000;

/**
 * Follows a run's Server-Sent Events into a timeline. Events are applied once per animation frame (so a
 * fast run does not re-render per token); when the stream drops before the final event, it reconnects and
 * the server replays the run from the start, which the reducer applies idempotently.
 */
export function useRunEvents(runId: string): { timeline: TimelineState; connected: boolean } {
  const [timeline, dispatch] = useReducer(reduce, emptyTimeline);
  const [connected, setConnected] = useReducer((_: boolean, next: boolean) => next, false);

  useEffect(() => {
    let source: EventSource | undefined;
    let buffer: TimelineEvent[] = [];
    let frame = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    let closed = false;

    const flush = () => {
      frame = 0;
      const events = buffer;
      buffer = [];
      if (events.length > 0) dispatch({ type: 'events', events });
    };
    const receive = (type: string) => (message: MessageEvent<string>) => {
      buffer.push({
        id: Number(message.lastEventId) || 0,
        type,
        data: JSON.parse(message.data) as Record<string, unknown>,
      });
      if (type === 'run.finished' || type === 'run.failed') {
        finished = true;
        source?.close();
        flush();
        setConnected(false);
        return;
      }
      if (!frame) frame = requestAnimationFrame(flush);
    };
    const open = () => {
      if (closed) return;
      source = new EventSource(`/api/v1/runs/${encodeURIComponent(runId)}/events`);
      source.onopen = () => {
        setConnected(true);
        connection.reached();
      };
      for (const type of runEventTypes) source.addEventListener(type, receive(type) as EventListener);
      source.onerror = () => {
        source?.close();
        setConnected(false);
        if (finished || closed) return;
        retry = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      closed = true;
      source?.close();
      if (frame) cancelAnimationFrame(frame);
      if (retry) clearTimeout(retry);
    };
  }, [runId]);

  return { timeline, connected };
}
