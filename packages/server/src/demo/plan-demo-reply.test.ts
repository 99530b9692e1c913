import type { RecordedRequest, ScriptedMessageReply } from '@agentry/core/testing';
import { describe, expect, it } from 'vitest';
import { planDemoReply } from './plan-demo-reply';

const tools = ['clock_now', 'calculate'].map((name) => ({ type: 'function', function: { name } }));

function chat(messages: Array<Record<string, unknown>>, offered = tools): RecordedRequest {
  return {
    path: '/api/chat',
    body: { model: 'llama3', tools: offered, messages: messages as never },
    receivedAt: new Date(),
  };
}

describe('planDemoReply', () => {
  it('calls each relevant tool once, one per turn, then answers from the results', () => {
    const task = { role: 'user', content: 'What time is it in Tokyo, and what is 17 * 23?' };
    const first = planDemoReply(
      chat([{ role: 'system', content: 'You are…' }, task]),
    ) as ScriptedMessageReply;
    expect(first.toolCalls).toEqual([{ name: 'calculate', arguments: { expression: '17 * 23' } }]);

    const afterCalculate = [
      task,
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'calculate', arguments: {} } }] },
      { role: 'tool', tool_name: 'calculate', content: '{"expression":"17 * 23","result":391}' },
    ];
    const second = planDemoReply(chat(afterCalculate)) as ScriptedMessageReply;
    expect(second.toolCalls).toEqual([{ name: 'clock_now', arguments: { timeZone: 'Asia/Tokyo' } }]);

    const done = [
      ...afterCalculate,
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'clock_now', arguments: {} } }] },
      {
        role: 'tool',
        tool_name: 'clock_now',
        content: '{"utc":"2026-12-06T03:00:00.000Z","timeZone":"Asia/Tokyo","local":"Sunday 12:00"}',
      },
    ];
    const answer = planDemoReply(chat(done)) as ScriptedMessageReply;
    expect(answer.toolCalls).toEqual([]);
    expect(answer.content).toContain('17 * 23 = 391.');
    expect(answer.content).toContain('It is Sunday 12:00 in Asia/Tokyo');
  });

  it('plans from the current task, not from tasks remembered from earlier runs', () => {
    const reply = planDemoReply(
      chat([
        { role: 'user', content: 'What is 2 + 2?' },
        { role: 'assistant', content: '2 + 2 = 4.' },
        { role: 'user', content: 'What is the date today?' },
      ]),
    ) as ScriptedMessageReply;
    expect(reply.toolCalls).toEqual([{ name: 'clock_now', arguments: {} }]);
  });

  it('only calls tools the request offers, and says so when none fits', () => {
    const reply = planDemoReply(
      chat([{ role: 'user', content: 'What is 3 * 3?' }], [tools[0] as (typeof tools)[0]]),
    ) as ScriptedMessageReply;
    expect(reply.toolCalls).toEqual([]);
    expect(reply.content).toContain('found nothing');
  });

  it('reports a failed tool call in the answer', () => {
    const reply = planDemoReply(
      chat([
        { role: 'user', content: 'What is 1 / 0?' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'calculate', arguments: {} } }] },
        { role: 'tool', tool_name: 'calculate', content: "Error INVALID_ARGUMENTS from tool 'calculate': x" },
      ]),
    ) as ScriptedMessageReply;
    expect(reply.content).toContain("calculate failed: Error INVALID_ARGUMENTS from tool 'calculate'");
  });

  it('refuses structured-output requests (drafting), which need a real model', () => {
    const request = chat([{ role: 'user', content: 'draft' }]);
    request.body.format = 'json';
    expect(planDemoReply(request)).toMatchObject({ kind: 'error', status: 400 });
  });
});
