import { describe, expect, it } from 'vitest';
import { parseAssistantReply } from './parse-assistant-reply';

const TOOLS = ['fetch_url', 'send_email', 'get_time'];
const parse = (text: string) => parseAssistantReply(text, TOOLS);

describe('parseAssistantReply: JSON calls', () => {
  it('reads the documented form', () => {
    expect(parse('{"tool": "fetch_url", "arguments": {"url": "https://a.example"}}')).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'https://a.example' } }],
    });
  });

  it('reads a call inside a ```json fence and inside a bare ``` fence', () => {
    for (const fence of ['```json', '```']) {
      const reply = parse(`${fence}\n{"tool": "get_time", "arguments": {}}\n\`\`\``);
      expect(reply).toEqual({ kind: 'tool_calls', calls: [{ name: 'get_time', arguments: {} }] });
    }
  });

  it('reads bare JSON amid prose and keeps the prose as the thought', () => {
    const reply = parse('Sure! {"tool": "fetch_url", "arguments": {"url": "x"}} Hope this helps');
    expect(reply).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
      thought: 'Sure!\nHope this helps',
    });
  });

  it('reads several objects as several calls, in order', () => {
    const reply = parse(
      '{"tool": "get_time", "arguments": {}}\n{"tool": "fetch_url", "arguments": {"url": "b"}}\n' +
        '[{"name": "send_email", "parameters": {"to": "c"}}]',
    );
    expect(reply.kind === 'tool_calls' && reply.calls.map((call) => call.name)).toEqual([
      'get_time',
      'fetch_url',
      'send_email',
    ]);
  });

  it('reads a tool_calls list wrapper', () => {
    const reply = parse(
      '{"tool_calls": [{"name": "get_time", "arguments": {}}, {"name": "fetch_url", "arguments": {"url": "u"}}]}',
    );
    expect(reply.kind === 'tool_calls' && reply.calls.length).toBe(2);
  });

  it('tolerates single quotes, trailing commas, unquoted keys and Python literals', () => {
    const reply = parse(
      "{'tool': 'send_email', arguments: {to: 'a@b.c', urgent: True, cc: None, tries: 2,},}",
    );
    expect(reply).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'send_email', arguments: { to: 'a@b.c', urgent: true, cc: null, tries: 2 } }],
    });
  });

  it('parses arguments given as a JSON string', () => {
    const reply = parse('{"tool": "fetch_url", "arguments": "{\\"url\\": \\"x\\"}"}');
    expect(reply).toEqual({ kind: 'tool_calls', calls: [{ name: 'fetch_url', arguments: { url: 'x' } }] });
  });

  it.each([
    ['parameters', '{"name": "fetch_url", "parameters": {"url": "x"}}'],
    ['args', '{"tool": "fetch_url", "args": {"url": "x"}}'],
    ['input', '{"tool": "fetch_url", "input": {"url": "x"}}'],
    ['tool_input', '{"tool": "fetch_url", "tool_input": {"url": "x"}}'],
    ['function', '{"function": "fetch_url", "arguments": {"url": "x"}}'],
    ['action', '{"action": "fetch_url", "action_input": {"url": "x"}}'],
    [
      'OpenAI nesting',
      '{"type": "function", "function": {"name": "fetch_url", "arguments": "{\\"url\\": \\"x\\"}"}}',
    ],
    ['tool_call tags', '<tool_call>\n{"name": "fetch_url", "arguments": {"url": "x"}}\n</tool_call>'],
    ['flattened arguments', '{"tool": "fetch_url", "url": "x"}'],
    ['a loosely written name', '{"tool": "Fetch-URL", "arguments": {"url": "x"}}'],
    ['a functions. prefix', '{"name": "functions.fetch_url", "arguments": {"url": "x"}}'],
  ])('reads a call written with %s', (_form, text) => {
    expect(parse(text)).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
    });
  });
});

describe('parseAssistantReply: Llama 3.2 habits', () => {
  it('drops special tokens such as <|python_tag|> from the thought', () => {
    expect(parse('<|python_tag|>{"name": "fetch_url", "parameters": {"url": "x"}}')).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
    });
  });

  it('reads a reply that is only a Python-style call with keyword arguments', () => {
    expect(parse('```python\nsend_email(to="a@b.c", subject=\'Hi = hello\', urgent=True)\n```')).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'send_email', arguments: { to: 'a@b.c', subject: 'Hi = hello', urgent: true } }],
    });
    expect(parse('get_time()')).toEqual({ kind: 'tool_calls', calls: [{ name: 'get_time', arguments: {} }] });
  });

  it('asks for named arguments when a Python-style call passes them by position', () => {
    const reply = parse('fetch_url("https://x.example")');
    expect(reply.kind === 'invalid' && reply.problem).toContain('write its arguments as a JSON object');
  });

  it('leaves prose that merely mentions a tool call as the final answer', () => {
    const text = 'I called fetch_url(url="x") and the page says hello.';
    expect(parse(text)).toEqual({ kind: 'final', answer: text });
  });
});

describe('parseAssistantReply: final answers', () => {
  it('treats plain prose as the final answer', () => {
    expect(parse('Paris is the capital of France.')).toEqual({
      kind: 'final',
      answer: 'Paris is the capital of France.',
    });
  });

  it('reads {"final_answer": ...}, also fenced', () => {
    expect(parse('```json\n{"final_answer": "It is 42."}\n```')).toEqual({
      kind: 'final',
      answer: 'It is 42.',
    });
  });

  it('reads LangChain\'s {"action": "Final Answer"} form', () => {
    expect(parse('{"action": "Final Answer", "action_input": "Done."}')).toEqual({
      kind: 'final',
      answer: 'Done.',
    });
  });

  it('keeps JSON data without a tool-call key as part of a prose answer', () => {
    const text = 'Here is the user: {"name": "Alice", "age": 31}. Anything else?';
    expect(parse(text)).toEqual({ kind: 'final', answer: text });
  });

  it('keeps prose with stray braces as the final answer', () => {
    const text = "Use a template like {name} or {{greeting}}, it's easy.";
    expect(parse(text)).toEqual({ kind: 'final', answer: text });
  });
});

describe('parseAssistantReply: ReAct form', () => {
  it('reads Thought, Action and Action Input', () => {
    const reply = parse('Thought: I need the page.\nAction: fetch_url\nAction Input: {"url": "x"}');
    expect(reply).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
      thought: 'I need the page.',
    });
  });

  it('tolerates markdown labels, fenced input and ignores an invented Observation', () => {
    const reply = parse(
      '**Action:** get_time\n**Action Input:**\n```json\n{}\n```\nObservation: 12:00\nFinal Answer: noon',
    );
    expect(reply).toEqual({ kind: 'tool_calls', calls: [{ name: 'get_time', arguments: {} }] });
  });

  it('reads the input written on the Action line', () => {
    expect(parse('Action: fetch_url({"url": "x"})')).toEqual({
      kind: 'tool_calls',
      calls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
    });
  });

  it('reads Final Answer as the final answer', () => {
    expect(parse('Thought: I know this.\nFinal Answer: Paris\nis the capital.')).toEqual({
      kind: 'final',
      answer: 'Paris\nis the capital.',
    });
  });

  it('reads "Action: Final Answer" as the final answer', () => {
    expect(parse('Action: Final Answer\nAction Input: "All done."')).toEqual({
      kind: 'final',
      answer: 'All done.',
    });
  });

  it('explains that Action Input must be a JSON object', () => {
    const reply = parse('Action: fetch_url\nAction Input: https://x.example');
    expect(reply.kind).toBe('invalid');
    expect(reply.kind === 'invalid' && reply.problem).toContain('must be a JSON object');
  });
});

describe('parseAssistantReply: invalid calls', () => {
  it('names an unknown tool and lists the known ones', () => {
    const reply = parse('{"tool": "browse_web", "arguments": {"url": "x"}}');
    expect(reply.kind).toBe('invalid');
    const problem = reply.kind === 'invalid' ? reply.problem : '';
    expect(problem).toContain('There is no tool named "browse_web"');
    expect(problem).toContain('Available tools: fetch_url, send_email, get_time.');
    expect(problem).toContain('{"tool": "<tool name>"');
  });

  it('names an unknown tool in the ReAct form', () => {
    const reply = parse('Action: search\nAction Input: {"q": "x"}');
    expect(reply.kind === 'invalid' && reply.problem).toContain('There is no tool named "search"');
  });

  it('says when a call is cut off, keeping the prose as the thought', () => {
    const reply = parse('Let me fetch it. {"tool": "fetch_url", "arguments": {"url": "https://x');
    expect(reply).toMatchObject({ kind: 'invalid', thought: 'Let me fetch it.' });
    expect(reply.kind === 'invalid' && reply.problem).toContain('cut off');
  });

  it('says when braces do not balance', () => {
    const reply = parse('{"tool": "fetch_url", "arguments": {"url": "x"}');
    expect(reply.kind === 'invalid' && reply.problem).toContain('cut off');
  });

  it('says what is wrong with a call that is not JSON', () => {
    const reply = parse('{"tool": "fetch_url", "arguments": {"url": https://x}}');
    expect(reply.kind === 'invalid' && reply.problem).toContain('not valid JSON');
  });

  it('rejects arguments that are not an object', () => {
    const reply = parse('{"tool": "fetch_url", "arguments": ["x"]}');
    expect(reply.kind === 'invalid' && reply.problem).toContain('must be a JSON object');
  });

  it('asks for a tool name when a call has none', () => {
    const reply = parse('{"arguments": {"url": "x"}}');
    expect(reply.kind === 'invalid' && reply.problem).toContain('no tool name');
  });

  it('rejects an empty reply', () => {
    expect(parse('   ').kind).toBe('invalid');
  });

  it('handles a long reply with many braces in linear time', () => {
    const text = `${'{"a": "}'.repeat(20_000)} ${"it's {".repeat(20_000)}`;
    expect(['final', 'invalid']).toContain(parse(text).kind);
  });
});
