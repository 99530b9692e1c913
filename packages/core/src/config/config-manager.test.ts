import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { ConfigManager } from './config-manager';
import { loadConfig } from './load-config';
import type { JsonObject } from './merge-patch';
import type { SettingsStore } from './settings-store';

/** A SettingsStore kept in memory: the real store is the database, covered by the server tests. */
class MemoryStore implements SettingsStore {
  saved: JsonObject | undefined;
  writes = 0;
  async read() {
    return this.saved;
  }
  async write(overlay: JsonObject) {
    this.saved = structuredClone(overlay);
    this.writes += 1;
  }
}

function manager(env: Record<string, string> = {}) {
  return new ConfigManager(loadConfig({ env, cwd: '/nonexistent-agentry-dir' }));
}

describe('ConfigManager', () => {
  it('applies a merge patch live and tells which settings need a restart', async () => {
    const config = manager();
    const store = new MemoryStore();
    await config.attachStore(store);
    const seen: string[][] = [];
    config.onChange((_settings, changed) => seen.push(changed));

    const change = await config.patch({ ollama: { model: 'llama3.2:1b' }, server: { port: 9090 } });

    expect(config.settings.ollama.model).toBe('llama3.2:1b');
    expect(change.applied).toEqual(['ollama.model']);
    expect(change.restartRequired).toEqual(['server.port']);
    expect(seen).toEqual([['ollama.model']]);
    expect(store.saved).toEqual({ ollama: { model: 'llama3.2:1b' }, server: { port: 9090 } });
  });

  it('rejects a bad value naming the field, and stores nothing', async () => {
    const config = manager();
    const store = new MemoryStore();
    await config.attachStore(store);
    const error = await config.patch({ agent: { maxIterations: -3 } }).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.pointer)).toEqual(['/agent/maxIterations']);
    expect(store.writes).toBe(0);
    expect(config.settings.agent.maxIterations).toBe(10);
  });

  it('refuses run-time changes to the database, security and data settings', async () => {
    const config = manager();
    const error = await config
      .patch({ database: { url: 'x.db' }, security: { apiKey: 'a'.repeat(20) } })
      .catch((e) => e);
    expect((error as ValidationError).issues.map((issue) => issue.pointer).sort()).toEqual([
      '/database/url',
      '/security/apiKey',
    ]);
  });

  it('restores the start-up value when a patch sets a runtime setting to null', async () => {
    const config = manager({ AGENTRY_MAX_ITERATIONS: '4' });
    await config.patch({ agent: { maxIterations: 12 } });
    expect(config.settings.agent.maxIterations).toBe(12);
    await config.patch({ agent: { maxIterations: null } });
    expect(config.settings.agent.maxIterations).toBe(4);
  });

  it('reapplies the persisted overlay on the next start, above the environment', async () => {
    const store = new MemoryStore();
    await manager().attachStore(store);
    const first = manager();
    await first.attachStore(store);
    await first.patch({ scheduler: { intervalMs: 500 } });
    const restarted = manager({ AGENTRY_SCHEDULER_INTERVAL_MS: '2000' });
    await restarted.attachStore(store);
    expect(restarted.settings.scheduler.intervalMs).toBe(500);
  });

  it('never shows a secret value', () => {
    const config = manager({ AGENTRY_API_KEY: 'k'.repeat(32), AGENTRY_SECRET_KEY: 's'.repeat(32) });
    const shown = JSON.stringify(config.redacted());
    expect(shown).not.toContain('kkkk');
    expect(shown).not.toContain('ssss');
    expect(config.redacted().security).toEqual({ apiKey: { set: true }, secretKey: { set: true } });
  });
});
