import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runs/index';
import { reply } from '../testing/index';
import { useAgentKit } from './agent-test-kit.test-support';

const kit = useAgentKit();

/** The events a replay can rebuild, reduced to what a viewer shows: step ends and refusals in order. */
function replayable(events: readonly RunEvent[]): unknown[] {
  return events
    .filter(
      (event) =>
        ['run.started', 'step.started', 'step.finished', 'run.finished', 'run.failed'].includes(event.type) ||
        (event.type === 'tool.result' && (event.data as { seq?: number }).seq === undefined),
    )
    .map((event) => {
      const data = event.data as {
        step?: { seq: number; kind: string };
        tool?: string;
        ok?: boolean;
        text?: string;
      };
      if (event.type === 'tool.result') return [event.type, data.tool, data.ok, data.text];
      if (data.step) return [event.type, data.step.kind, data.step.seq];
      return [event.type];
    });
}

describe('replay of a stored run with refused tool calls', () => {
  it('replays the refused calls where the live stream had them', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_wether_report', arguments: { city: 'Paris' } },
      ]),
      reply.toolCalls([{ name: 'no_such_tool', arguments: {} }]),
      reply.text('Sunny in Paris.'),
    );
    const live: RunEvent[] = [];
    const run = await kit.agentry.agents.run(
      'forecaster',
      { task: 'Paris?' },
      { onEvent: (event) => live.push(event) },
    );
    expect(run.status).toBe('succeeded');
    const refusals = live.filter(
      (event) => event.type === 'tool.result' && (event.data as { ok: boolean }).ok === false,
    );
    expect(refusals).toHaveLength(2);

    const replayed: RunEvent[] = [];
    await kit.agentry.runs.subscribe(run.id, (event) => replayed.push(event));
    expect(replayed.at(-1)?.type).toBe('run.finished');
    expect(replayable(replayed)).toEqual(replayable(live));
    expect(replayable(replayed).filter((item) => (item as unknown[])[0] === 'tool.result')).toHaveLength(2);
  });
});
