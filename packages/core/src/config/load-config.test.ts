import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { loadConfig } from './load-config';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'agentry-config-'));
}

describe('loadConfig', () => {
  it('uses the defaults when nothing else is given', () => {
    const { settings } = loadConfig({ env: {}, cwd: tempDir() });
    expect(settings.ollama.model).toBe('llama3');
    expect(settings.database.url).toBe('./data/agentry.db');
    expect(settings.server.port).toBe(8080);
  });

  it('demo mode (AGENTRY_DEMO or an override) uses its own database unless one is set explicitly', () => {
    const fromEnv = loadConfig({ env: { AGENTRY_DEMO: '1' }, cwd: tempDir() }).settings;
    expect(fromEnv.demo).toBe(true);
    expect(fromEnv.database.url).toBe('./data/agentry-demo.db');
    expect(loadConfig({ env: {}, cwd: tempDir(), overrides: { demo: true } }).settings.database.url).toBe(
      './data/agentry-demo.db',
    );
    const explicit = loadConfig({
      env: { AGENTRY_DEMO: 'true', AGENTRY_DATABASE: './mine.db' },
      cwd: tempDir(),
    });
    expect(explicit.settings.database.url).toBe('./mine.db');
    expect(loadConfig({ env: {}, cwd: tempDir() }).settings.demo).toBe(false);
  });

  it('layers file over defaults, environment over file, overrides over environment', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'agentry.config.json'),
      JSON.stringify({ ollama: { model: 'from-file', url: 'http://file:1' }, server: { port: 1111 } }),
    );
    const { settings, sources } = loadConfig({
      cwd,
      env: { AGENTRY_OLLAMA_MODEL: 'from-env', AGENTRY_PORT: '2222' },
      overrides: { server: { port: 3333 } },
    });
    expect(settings.ollama.url).toBe('http://file:1');
    expect(settings.ollama.model).toBe('from-env');
    expect(settings.server.port).toBe(3333);
    expect(sources['ollama.url']).toContain('agentry.config.json');
    expect(sources['ollama.model']).toBe('environment variable AGENTRY_OLLAMA_MODEL');
  });

  it('reads every typed environment variable', () => {
    const { settings } = loadConfig({
      cwd: tempDir(),
      env: {
        AGENTRY_MAX_ITERATIONS: '7',
        AGENTRY_SCHEDULER_INTERVAL_MS: '250',
        AGENTRY_SCHEDULER_ENABLED: 'false',
        AGENTRY_CORS_ORIGINS: 'https://a.example, https://b.example',
        AGENTRY_TOOLS_DIR: '/opt/tools',
        AGENTRY_LOG_LEVEL: 'debug',
        AGENTRY_DATABASE: 'postgres://127.0.0.1/test',
      },
    });
    expect(settings.agent.maxIterations).toBe(7);
    expect(settings.scheduler).toEqual({ enabled: false, intervalMs: 250 });
    expect(settings.server.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(settings.tools.dir).toBe('/opt/tools');
    expect(settings.log.level).toBe('debug');
    expect(settings.database.url).toBe('postgres://127.0.0.1/test');
  });

  it('fails fast naming the setting and the environment variable it came from', () => {
    const run = () =>
      loadConfig({ cwd: tempDir(), env: { AGENTRY_MAX_ITERATIONS: 'lots', AGENTRY_PORT: '70000' } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/agent\.maxIterations .*AGENTRY_MAX_ITERATIONS/);
    expect(run).toThrow(/server\.port .*AGENTRY_PORT/);
  });

  it('lists the allowed values of an enum setting', () => {
    const run = () => loadConfig({ cwd: tempDir(), env: { AGENTRY_LOG_LEVEL: 'loud' } });
    expect(run).toThrow(
      'log.level must be one of: fatal, error, warn, info, debug, trace, silent (from environment variable AGENTRY_LOG_LEVEL)',
    );
  });

  it('reads the log format from AGENTRY_LOG_FORMAT and lists its values when it is none of them', () => {
    expect(loadConfig({ cwd: tempDir(), env: {} }).settings.log.format).toBe('auto');
    expect(loadConfig({ cwd: tempDir(), env: { AGENTRY_LOG_FORMAT: 'pretty' } }).settings.log.format).toBe(
      'pretty',
    );
    expect(() => loadConfig({ cwd: tempDir(), env: { AGENTRY_LOG_FORMAT: 'fancy' } })).toThrow(
      'log.format must be one of: auto, json, pretty (from environment variable AGENTRY_LOG_FORMAT)',
    );
  });

  it.each([' '.repeat(20), '  padded-admin-key-0123456789  '])(
    'refuses an API key of spaces or padded with them, like an empty one (%j)',
    (apiKey) => {
      const run = () => loadConfig({ cwd: tempDir(), env: { AGENTRY_API_KEY: apiKey } });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(/security\.apiKey .*AGENTRY_API_KEY/);
    },
  );

  it('names the file for a bad value or an unknown key in the settings file', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'agentry.config.json'),
      JSON.stringify({ agent: { maxIterations: 0, colour: 'red' } }),
    );
    const run = () => loadConfig({ cwd, env: {} });
    expect(run).toThrow(/agent\.maxIterations .*agentry\.config\.json/);
    expect(run).toThrow(/agent\.colour is not an allowed property/);
  });

  it('refuses a settings file that is not JSON, and a named file that is missing', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'agentry.config.json'), '{ not json');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ cwd: tempDir(), env: { AGENTRY_CONFIG: 'missing.json' } })).toThrow(
      /does not exist/,
    );
  });
});
