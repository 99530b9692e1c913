// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` references are the syntax under test, not templates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { loadConfig } from './load-config';

/** A folder holding `agentry.config.json` with `document`. */
function withSettingsFile(document: unknown): string {
  const cwd = mkdtempSync(join(tmpdir(), 'agentry-mcp-config-'));
  writeFileSync(join(cwd, 'agentry.config.json'), JSON.stringify(document));
  return cwd;
}

describe('mcpServers in the settings file', () => {
  it('reads stdio and http entries in name order, resolving ${env:NAME} in env values and headers', () => {
    const cwd = withSettingsFile({
      ollama: { model: 'from-file' },
      mcpServers: {
        tickets: {
          url: 'https://mcp.example.com/mcp',
          headers: { Authorization: 'Bearer ${env:TICKETS_TOKEN}' },
          timeoutSeconds: 20,
        },
        fs: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
          env: { FS_TOKEN: '${env:FS_TOKEN}', PLAIN: 'as written' },
          enabled: false,
        },
      },
    });
    const loaded = loadConfig({ cwd, env: { TICKETS_TOKEN: 't-123', FS_TOKEN: 'f-456' } });
    expect(loaded.settings.ollama.model).toBe('from-file');
    expect(loaded.mcpServers).toEqual([
      {
        name: 'fs',
        enabled: false,
        transport: {
          type: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
          env: { FS_TOKEN: 'f-456', PLAIN: 'as written' },
        },
      },
      {
        name: 'tickets',
        enabled: true,
        timeoutSeconds: 20,
        transport: {
          type: 'http',
          url: 'https://mcp.example.com/mcp',
          headers: { Authorization: 'Bearer t-123' },
        },
      },
    ]);
    expect(loaded.sources).not.toHaveProperty('mcpServers.fs.command');
  });

  it('has none without a settings file or without the key', () => {
    expect(loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'agentry-mcp-none-')), env: {} }).mcpServers).toEqual(
      [],
    );
    expect(loadConfig({ cwd: withSettingsFile({}), env: {} }).mcpServers).toEqual([]);
  });

  it('refuses bad entries at start-up, naming each field and the file', () => {
    const cwd = withSettingsFile({
      mcpServers: {
        'bad.name': { command: 'node' },
        nocommand: { args: ['x'] },
        web: { url: 'https://a.example/mcp', headers: { Authorization: 42 } },
        extra: { command: 'node', colour: 'red' },
        slow: { command: 'node', timeoutSeconds: 0 },
      },
    });
    const run = () => loadConfig({ cwd, env: {} });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/mcpServers\.bad\.name is not a valid name/);
    expect(run).toThrow(/mcpServers\.nocommand\.command is required .from file .*agentry\.config\.json/);
    expect(run).toThrow(/mcpServers\.web\.headers\.Authorization must be string/);
    expect(run).toThrow(/mcpServers\.extra\.colour is not an allowed property/);
    expect(run).toThrow(/mcpServers\.slow\.timeoutSeconds must be >= 1/);
  });

  it('refuses a reference to an unset environment variable, naming the field and the variable', () => {
    const cwd = withSettingsFile({
      mcpServers: { fs: { command: 'node', env: { TOKEN: '${env:MISSING_TOKEN}' } } },
    });
    expect(() => loadConfig({ cwd, env: {} })).toThrow(
      /mcpServers\.fs\.env\.TOKEN refers to \$\{env:MISSING_TOKEN\}, but the environment variable MISSING_TOKEN is not set/,
    );
  });

  it('refuses mcpServers that is not an object', () => {
    expect(() => loadConfig({ cwd: withSettingsFile({ mcpServers: [] }), env: {} })).toThrow(
      /mcpServers must be an object/,
    );
  });
});
