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

    await expect(tool.execute({ text: 'one two  three' }, context)).resolves.toEqual({ words: 3 });
  });

  it('tells the model how to fix an empty text', async () => {
    const tool = new WordCount();
    const context = createToolContext();

    const error = await tool.execute({ text: '   ' }, context).catch((thrown: unknown) => thrown);

    expect(ToolError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENTS', issues: [{ pointer: '/text' }] });
  });
});
