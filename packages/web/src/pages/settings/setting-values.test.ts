import { describe, expect, it } from 'vitest';
import { parseSettingText, settingKey, settingPatch, settingRows, settingText } from './setting-values';

describe('settings rows and patches', () => {
  it('flattens the settings document into dotted rows, secrets as one row', () => {
    expect(
      settingRows({ ollama: { url: 'http://x', numCtx: 8192 }, security: { apiKey: { set: true } } }),
    ).toEqual([
      { key: 'ollama.url', value: 'http://x', secret: false },
      { key: 'ollama.numCtx', value: 8192, secret: false },
      { key: 'security.apiKey', value: true, secret: true },
    ]);
  });

  it('reads strings as typed and other values as JSON; null removes the runtime change', () => {
    expect(parseSettingText('llama3', 'llama3.2:1b')).toEqual({ ok: true, value: 'llama3.2:1b' });
    expect(parseSettingText(10, '12')).toEqual({ ok: true, value: 12 });
    expect(parseSettingText(true, 'false')).toEqual({ ok: true, value: false });
    expect(parseSettingText(10, 'twelve')).toEqual({ ok: false });
    expect(parseSettingText(10, 'null')).toEqual({ ok: true, value: null });
    expect(settingText(['a'])).toBe('["a"]');
  });

  it('builds the merge patch for a dotted key and maps a problem pointer back to it', () => {
    expect(settingPatch('agent.maxIterations', 12)).toEqual({ agent: { maxIterations: 12 } });
    expect(settingKey('/agent/maxIterations')).toBe('agent.maxIterations');
  });
});
