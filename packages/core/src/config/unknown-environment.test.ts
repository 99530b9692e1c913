import { describe, expect, it } from 'vitest';
import { describeUnknownEnvironmentVariable, findUnknownEnvironmentVariables } from './unknown-environment';

describe('findUnknownEnvironmentVariables', () => {
  it('suggests the known variable a typo was meant to be', () => {
    const unknown = findUnknownEnvironmentVariables({ AGENTRY_OLAMA_URL: 'http://x', PATH: '/bin' });
    expect(unknown).toEqual([{ variable: 'AGENTRY_OLAMA_URL', suggestion: 'AGENTRY_OLLAMA_URL' }]);
    expect(describeUnknownEnvironmentVariable(unknown[0] as never)).toBe(
      'AGENTRY_OLAMA_URL is not a known Agentry variable and is ignored; did you mean AGENTRY_OLLAMA_URL?',
    );
  });

  it('accepts setting variables and the ones read outside settings', () => {
    const env = {
      AGENTRY_PORT: '1',
      AGENTRY_CONFIG: 'a.json',
      AGENTRY_URL: 'http://127.0.0.1:8080',
      AGENTRY_API_KEY: 'k',
      AGENTRY_MODEL: 'llama3',
      AGENTRY_TEST_POSTGRES_URL: 'x',
    };
    expect(findUnknownEnvironmentVariables(env)).toEqual([]);
  });

  it('reports a far-off name without a guess', () => {
    expect(findUnknownEnvironmentVariables({ AGENTRY_SOMETHING_ELSE_ENTIRELY: '1' })).toEqual([
      { variable: 'AGENTRY_SOMETHING_ELSE_ENTIRELY' },
    ]);
  });
});
