import { isAgentryPlugin, ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { WordCount } from './index';

describe('word_count', () => {
  it('is exported as an Agentry plugin', () => {
    expect(isAgentryPlugin(plugin)).toBe(true);
    expect(plugin.tools).toContain(WordCount);
  });

  it('counts the words of the text it is given', async () => {
    const tool = new WordCount();
    const context = createToolContext();

    await expect(tool.execute({ text: 'one two  three' }, context)).resolves.toMatchObject({
      words: 3,
      uniqueWords: 3,
    });
  });

  it('lists the most used words, ignoring case and punctuation', async () => {
    const tool = new WordCount();
    const text = 'The cat saw the dog. The dog didn’t see the cat — a well-known story!';

    const result = await tool.execute({ text, top: 3 }, createToolContext());

    expect(result).toEqual({
      words: 14,
      uniqueWords: 9,
      mostUsed: [
        { word: 'the', count: 4 },
        { word: 'cat', count: 2 },
        { word: 'dog', count: 2 },
      ],
    });
  });

  it('counts words in any script', async () => {
    const result = await new WordCount().execute(
      { text: 'Grüße aus Köln, 2026 — こんにちは' },
      createToolContext(),
    );

    expect(result.words).toBe(5);
  });

  it('tells the model how to fix a text without words', async () => {
    const tool = new WordCount();
    const context = createToolContext();

    const error = await tool.execute({ text: '  — !  ' }, context).catch((thrown: unknown) => thrown);

    expect(ToolError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENTS', issues: [{ pointer: '/text' }] });
  });
});
