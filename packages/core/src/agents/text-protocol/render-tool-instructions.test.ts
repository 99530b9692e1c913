import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { parseAssistantReply } from './parse-assistant-reply';
import { renderToolInstructions } from './render-tool-instructions';

const fetchUrl = {
  name: 'fetch_url',
  description: 'Fetch a web page\n  and return its text.',
  parameters: Type.Object({
    url: Type.String({ format: 'uri', description: 'Address of the page' }),
    format: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('html')], { default: 'text' })),
    headers: Type.Optional(Type.Array(Type.String())),
    retry: Type.Optional(Type.Boolean()),
  }),
};
const getTime = { name: 'get_time', description: 'Current time.', parameters: Type.Object({}) };

describe('renderToolInstructions', () => {
  const text = renderToolInstructions([fetchUrl, getTime]);

  it('states the protocol: only a JSON object to call, final_answer or prose to finish', () => {
    expect(text).toContain('reply with ONLY this JSON object');
    expect(text).toContain('{"tool": "<tool name>", "arguments": {"<parameter>": <value>}}');
    expect(text).toContain('{"final_answer": "<your answer>"}');
  });

  it('lists each tool with its parameters on one line each', () => {
    expect(text).toContain('- fetch_url: Fetch a web page and return its text.');
    expect(text).toContain('  "url" (string, uri, required) - Address of the page');
    expect(text).toContain('  "format" ("text" or "html", optional, default "text")');
    expect(text).toContain('  "headers" (string[], optional)');
    expect(text).toContain('- get_time: Current time.\n  arguments: {} (none)');
  });

  it('ends with an example call that the parser accepts', () => {
    const example = text.split('\n').at(-1)!;
    expect(example).toBe('{"tool":"fetch_url","arguments":{"url":"<url>"}}');
    expect(parseAssistantReply(example, ['fetch_url']).kind).toBe('tool_calls');
  });

  it('tells the model to answer directly when there are no tools', () => {
    expect(renderToolInstructions([])).toBe('No tools are available. Answer directly in plain text.');
  });
});
