import type { Run, RunStep } from '@agentry/core';
import { describe, expect, it } from 'vitest';
import { RunRenderer } from './render-run-event';

const runId = '45c8014d-8e56-4559-8901-e007298c4af2';
const run = (status: Run['status'], extra: Partial<Run> = {}): Run => ({
  id: runId,
  kind: 'agent',
  target: 'fetcher',
  status,
  input: { task: 't' },
  output: null,
  error: null,
  model: 'llama3',
  promptTokens: 0,
  completionTokens: 0,
  toolCalls: 0,
  toolErrors: 0,
  createdAt: '2026-12-05T18:32:18.000Z',
  startedAt: '2026-12-05T18:32:18.000Z',
  finishedAt: null,
  heartbeatAt: null,
  ...extra,
});
const step = (seq: number, kind: RunStep['kind'], status: RunStep['status'], extra: Partial<RunStep> = {}) =>
  ({
    runId,
    seq,
    stepId: null,
    kind,
    name: kind === 'llm' ? 'llama3' : 'http_get',
    status,
    input: {},
    output: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    metadata: {},
    ...extra,
  }) satisfies RunStep;
const finished = run('succeeded', {
  output: 'It is 9 pm in Tokyo.',
  promptTokens: 242,
  completionTokens: 3,
  toolCalls: 1,
  finishedAt: '2026-12-05T18:32:19.500Z',
});

function renderer(tty: boolean, color: boolean) {
  const written: string[] = [];
  const instance = new RunRenderer({ out: { write: (text: string) => written.push(text) }, tty, color });
  return { instance, text: () => written.join('') };
}

describe('RunRenderer', () => {
  it('on a terminal with colour: spinner while the model thinks, coloured tool lines, the answer and summary', async () => {
    const { instance, text } = renderer(true, true);
    instance.render('run.started', { run: run('running') });
    instance.render('step.started', { step: step(0, 'llm', 'running') });
    expect(text()).toContain('\r\u001b[2K⠋ thinking (llama3)…');
    instance.render('token', { seq: 0, text: 'a' });
    instance.render('token', { seq: 0, text: 'b' });
    while (!text().includes('thinking… 2 tokens')) await new Promise((resolve) => setTimeout(resolve, 20));
    const meta = { promptTokens: 65, completionTokens: 2, durationMs: 1500 };
    instance.render('step.finished', { step: step(0, 'llm', 'succeeded', { metadata: meta }) });
    instance.render('thought', { seq: 0, text: 'I should look it up.' });
    const args = { city: 'Tokyo' };
    instance.render('step.started', { step: step(1, 'tool', 'running', { input: args }) });
    instance.render('tool.call', { seq: 1, tool: 'http_get', arguments: args });
    instance.render('tool.result', { seq: 1, tool: 'http_get', ok: true, text: 'x'.repeat(500) });
    instance.render('step.finished', { step: step(1, 'tool', 'succeeded', { output: 'x'.repeat(500) }) });
    instance.render('run.finished', { run: finished });
    const out = text();
    expect(out).toContain('\u001b[2mmodel llama3: 65 prompt + 2 completion tokens, 1.5 s\u001b[22m\n');
    expect(out).toContain('\u001b[35mthought\u001b[39m \u001b[2mI should look it up.\u001b[22m\n');
    const call = '\u001b[36mtool call\u001b[39m \u001b[1mhttp_get\u001b[22m {"city":"Tokyo"}\n';
    expect(out.split(call)).toHaveLength(2);
    const result = `\u001b[36mtool result\u001b[39m \u001b[1mhttp_get\u001b[22m \u001b[32mok\u001b[39m: ${'x'.repeat(199)}…\n`;
    expect(out.split(result)).toHaveLength(2);
    expect(out).toContain('\n\u001b[1mAnswer\u001b[22m\nIt is 9 pm in Tokyo.\n');
    expect(
      out.endsWith(
        '\u001b[32m\u001b[1msucceeded\u001b[22m\u001b[39m in 1.5 s · 242 prompt + 3 completion tokens · 1 tool call\n',
      ),
    ).toBe(true);
    const afterEnd = out.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(text().length).toBe(afterEnd);
  });

  it('plain mode: one uncoloured line per event, no spinner; a replay shows tool calls and thoughts from steps', () => {
    const { instance, text } = renderer(false, false);
    const llmOutput = { content: 'Let me fetch it.', toolCalls: [{ name: 'http_get', arguments: {} }] };
    const llm = step(0, 'llm', 'succeeded', { output: llmOutput, metadata: { promptTokens: 5 } });
    const tool = step(1, 'tool', 'failed', {
      input: { url: 'x' },
      output: 'Error TOOL_FAILED: blocked',
      error: { code: 'TOOL_FAILED', message: 'blocked' },
    });
    instance.render('run.started', { run: finished });
    for (const replayed of [llm, tool]) {
      instance.render('step.started', { step: replayed });
      instance.render('step.finished', { step: replayed });
    }
    instance.render('run.failed', {
      run: run('failed', {
        error: { code: 'MAX_ITERATIONS', message: 'No final answer.' },
        toolCalls: 1,
        toolErrors: 1,
      }),
    });
    expect(text().split('\n').slice(0, -1)).toEqual([
      `run ${runId} started (agent fetcher, model llama3)`,
      'thought Let me fetch it.',
      'model llama3: 5 prompt + 0 completion tokens',
      'tool call http_get {"url":"x"}',
      'tool result http_get failed: Error TOOL_FAILED: blocked',
      'error MAX_ITERATIONS: No final answer.',
      expect.stringMatching(/^failed in .* · 0 prompt \+ 0 completion tokens · 1 tool call, 1 failed$/),
    ]);
  });
});
