import { describe, expect, it } from 'vitest';
import { normaliseNativeToolCall } from './normalise-native-tool-call';

describe('normaliseNativeToolCall', () => {
  it('keeps object arguments as they are', () => {
    expect(normaliseNativeToolCall({ name: 'fetch_url', arguments: { url: 'x' } })).toEqual({
      ok: true,
      call: { name: 'fetch_url', arguments: { url: 'x' } },
    });
  });

  it('parses arguments sent as a JSON string, pseudo-JSON or a doubly encoded string', () => {
    for (const raw of ['{"url": "x"}', "{'url': 'x',}", JSON.stringify(JSON.stringify({ url: 'x' }))]) {
      expect(normaliseNativeToolCall({ name: 'fetch_url', arguments: raw })).toEqual({
        ok: true,
        call: { name: 'fetch_url', arguments: { url: 'x' } },
      });
    }
  });

  it('treats missing, null or empty arguments as none', () => {
    for (const raw of [undefined, null, '', '  ']) {
      const result = normaliseNativeToolCall({ name: 'get_time', arguments: raw });
      expect(result.ok && result.call.arguments).toEqual({});
    }
  });

  it('reports arguments that are not an object', () => {
    const result = normaliseNativeToolCall({ name: 'fetch_url', arguments: '["x"]' });
    expect(result).toEqual({
      ok: false,
      problem:
        'The call to "fetch_url" is wrong: the arguments must be a JSON object of parameter names and values, not a list.',
    });
  });

  it('matches the name to a known tool and reports unknown ones', () => {
    const known = ['fetch_url'];
    const matched = normaliseNativeToolCall({ name: 'Fetch-Url', arguments: {} }, known);
    expect(matched.ok && matched.call.name).toBe('fetch_url');
    const unknown = normaliseNativeToolCall({ name: 'browse', arguments: {} }, known);
    expect(!unknown.ok && unknown.problem).toBe(
      'There is no tool named "browse". Available tools: fetch_url.',
    );
  });
});
