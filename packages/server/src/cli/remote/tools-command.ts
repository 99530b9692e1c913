import type { ToolRegistration } from '@agentry/core';
import type { Command } from 'commander';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';
import { oneLine } from './run-format';

/** A plugin as `GET /api/v1/plugins` lists it. */
interface PluginStatus {
  name: string;
  version: string | null;
  source: string;
  location: string;
  status: 'loaded' | 'failed' | 'disabled';
  reason: string | null;
  tools: string[];
}

/** Registers `agentry tools list` and `agentry plugins list|rescan` (docs/cli.md). */
export function registerToolCommands(program: Command): void {
  const tools = program.command('tools').description('Tools on a running server');
  withRemoteOptions(tools.command('list').description('List registered tools')).action(listTools);
  const plugins = program.command('plugins').description('Plugins on a running server');
  withRemoteOptions(
    plugins.command('list').description('List plugins: loaded, failed (why) or disabled'),
  ).action((flags: RemoteOptions) => showPlugins(flags, false));
  withRemoteOptions(
    plugins.command('rescan').description('Discover plugins again (new ones load, changed ones reload)'),
  ).action((flags: RemoteOptions) => showPlugins(flags, true));
}

async function listTools(flags: RemoteOptions): Promise<void> {
  const items = await apiClient(flags).all<ToolRegistration>('/api/v1/tools');
  if (flags.json) return printJson(items);
  const rows = items.map((tool) => [
    tool.name,
    tool.plugin,
    !tool.available ? 'unavailable' : tool.enabled ? 'enabled' : 'disabled',
    oneLine(tool.descriptionOverride ?? tool.description, 80),
  ]);
  printTable(['NAME', 'PLUGIN', 'STATE', 'DESCRIPTION'], rows, 'No tools.');
}

async function showPlugins(flags: RemoteOptions, rescan: boolean): Promise<void> {
  const client = apiClient(flags);
  const page = rescan
    ? await client.post<{ items: PluginStatus[] }>('/api/v1/tools/rescan')
    : await client.get<{ items: PluginStatus[] }>('/api/v1/plugins');
  if (flags.json) return printJson(page.items);
  const rows = page.items.map((plugin) => [
    plugin.name,
    plugin.version ?? '-',
    plugin.source,
    plugin.status,
    plugin.tools.join(',') || '-',
    plugin.reason ? oneLine(plugin.reason, 120) : '',
  ]);
  printTable(['NAME', 'VERSION', 'SOURCE', 'STATUS', 'TOOLS', 'REASON'], rows, 'No plugins found.');
}
