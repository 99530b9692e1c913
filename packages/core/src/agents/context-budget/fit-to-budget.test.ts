import { describe, expect, it } from 'vitest';
import { ContextBudgetError } from './context-budget-error';
import { estimateMessageTokens } from './estimate-tokens';
import { fitToBudget } from './fit-to-budget';
import type { Message } from './message';

const system: Message = { role: 'system', content: 'You are a helpful agent.' };
const task: Message = { role: 'user', content: 'Summarise https://example.com' };
const user = (content: string): Message => ({ role: 'user', content });
const assistant = (content: string): Message => ({ role: 'assistant', content });
const call = (id: number): Message => ({
  role: 'assistant',
  content: '',
  toolCalls: [{ name: 'fetch_url', arguments: { url: `https://example.com/${id}` } }],
});
const result = (content: string): Message => ({ role: 'tool', toolName: 'fetch_url', content });
const total = (messages: Message[]) =>
  messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);

/** Mulberry32: a small seeded PRNG, so the random cases are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fitToBudget', () => {
  it('sends everything, in order, when it fits', () => {
    const history = [user('hi'), assistant('hello'), call(1), result('page')];
    const fitted = fitToBudget({
      system,
      pinned: [task],
      history,
      contextTokens: 4096,
      reserveForReply: 512,
      maxToolOutputTokens: 1000,
    });
    expect(fitted.messages).toEqual([system, ...history, task]);
    expect(fitted).toMatchObject({ droppedCount: 0, truncatedCount: 0, warnings: [] });
    expect(fitted.estimatedTokens).toBe(total(fitted.messages));
  });

  it('drops the oldest turns of a huge history and keeps the newest in order', () => {
    const history = Array.from({ length: 5000 }, (_, index) => user(`turn ${index} ${'words '.repeat(20)}`));
    const fitted = fitToBudget({
      system,
      pinned: [task],
      history,
      contextTokens: 2048,
      reserveForReply: 256,
      maxToolOutputTokens: 500,
    });
    const kept = fitted.messages.slice(1, -1);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(history.slice(-kept.length));
    expect(fitted.droppedCount).toBe(5000 - kept.length);
    expect(fitted.estimatedTokens).toBeLessThanOrEqual(2048 - 256);
  });

  it('trims a huge tool output to its head and tail instead of dropping it', () => {
    const page = `<title>Example</title>${'lorem ipsum '.repeat(50_000)}<footer>end</footer>`;
    const fitted = fitToBudget({
      system,
      pinned: [task, call(1), result(page)],
      history: [],
      contextTokens: 8192,
      reserveForReply: 1024,
      maxToolOutputTokens: 2000,
    });
    const output = fitted.messages.at(-1)!.content;
    expect(output.startsWith('<title>Example</title>')).toBe(true);
    expect(output.endsWith('<footer>end</footer>')).toBe(true);
    expect(output).toMatch(/\[\.\.\. \d+ characters trimmed \.\.\.\]/);
    expect(fitted).toMatchObject({ truncatedCount: 1, droppedCount: 0, warnings: [] });
  });

  it('keeps a tool call and its results together, never one without the other', () => {
    const history = [call(1), result('a'.repeat(3000)), call(2), result('short'), result('short too')];
    const fitted = fitToBudget({
      system,
      pinned: [task],
      history,
      contextTokens: 400,
      reserveForReply: 100,
      maxToolOutputTokens: 5000,
    });
    expect(fitted.messages).toEqual([system, call(2), result('short'), result('short too'), task]);
    expect(fitted.droppedCount).toBe(2);
  });

  it('drops tool results whose call is outside the history window', () => {
    const fitted = fitToBudget({
      system,
      pinned: [task],
      history: [result('orphan'), user('hi')],
      contextTokens: 4096,
      reserveForReply: 512,
      maxToolOutputTokens: 1000,
    });
    expect(fitted.messages).toEqual([system, user('hi'), task]);
    expect(fitted.droppedCount).toBe(1);
  });

  it('keeps the call that belongs to pinned tool results', () => {
    const fitted = fitToBudget({
      system,
      pinned: [result('x'.repeat(600))],
      history: [user('old '.repeat(200)), call(7)],
      contextTokens: 400,
      reserveForReply: 100,
      maxToolOutputTokens: 1000,
    });
    expect(fitted.messages.map((message) => message.role)).toEqual(['system', 'assistant', 'tool']);
    expect(fitted.droppedCount).toBe(1);
  });

  it('never drops pinned messages: it shortens the largest one and says so', () => {
    const document = user(`Translate this: ${'bonjour le monde '.repeat(2000)}`);
    const fitted = fitToBudget({
      system,
      pinned: [task, document],
      history: [user('earlier')],
      contextTokens: 1024,
      reserveForReply: 256,
      maxToolOutputTokens: 500,
    });
    expect(fitted.messages[0]).toEqual(system);
    expect(fitted.messages.slice(1)).toHaveLength(2);
    expect(fitted.messages[1]).toEqual(task);
    expect(fitted.messages[2]!.content).toContain('characters trimmed');
    expect(fitted.warnings).toEqual([
      expect.stringMatching(/^A pinned user message was shortened by \d+ characters/),
    ]);
    expect(fitted).toMatchObject({ droppedCount: 1, truncatedCount: 1 });
    expect(fitted.estimatedTokens).toBeLessThanOrEqual(1024 - 256);
  });

  it('refuses a budget with no room at all', () => {
    const fit = (contextTokens: number, reserveForReply: number) => () =>
      fitToBudget({
        system,
        pinned: [task],
        history: [],
        contextTokens,
        reserveForReply,
        maxToolOutputTokens: 100,
      });
    expect(fit(512, 512)).toThrow(ContextBudgetError);
    expect(fit(20, 5)).toThrow(/Raise the model's context window/);
  });

  it('never exceeds the budget and never drops pinned messages, for random sizes', () => {
    const random = seededRandom(20261125);
    const text = (max: number) => 'word '.repeat(Math.floor(random() * max));
    for (let run = 0; run < 300; run++) {
      const history: Message[] = [];
      const length = Math.floor(random() * 40);
      while (history.length < length) {
        const pick = random();
        if (pick < 0.3)
          history.push(
            call(run),
            ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => result(text(4000))),
          );
        else history.push(pick < 0.65 ? user(text(300)) : assistant(text(300)));
      }
      const pinned = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        random() < 0.3 ? result(text(3000)) : user(text(800)),
      );
      const contextTokens = 600 + Math.floor(random() * 8000);
      const reserveForReply = Math.floor(random() * 400);
      const fitted = fitToBudget({
        system: { role: 'system', content: text(200) },
        pinned,
        history,
        contextTokens,
        reserveForReply,
        maxToolOutputTokens: 50 + Math.floor(random() * 1500),
      });
      expect(total(fitted.messages)).toBe(fitted.estimatedTokens);
      expect(fitted.estimatedTokens).toBeLessThanOrEqual(contextTokens - reserveForReply);
      expect(fitted.messages.slice(-pinned.length).map((message) => message.role)).toEqual(
        pinned.map((message) => message.role),
      );
      const sent = fitted.messages.slice(1, -pinned.length);
      sent.forEach((message, index) => {
        let owner = index - 1;
        while (message.role === 'tool' && sent[owner]?.role === 'tool') owner--;
        if (message.role === 'tool') expect(sent[owner]?.toolCalls).toBeDefined();
        if (message.toolCalls && index + 1 < sent.length) expect(sent[index + 1]!.role).toBe('tool');
      });
      expect(fitted.droppedCount + sent.length).toBe(history.length);
    }
  });
});
