import type { LoadedPlugin, LoadedTool } from './loaded-plugin';

/** A tool a plugin declares but may not provide, because another plugin already has its name. */
export interface RefusedTool {
  /** The tool name. */
  name: string;
  /** Always `TOOL_NAME_TAKEN`. */
  code: 'TOOL_NAME_TAKEN';
  /** Who has the name and what to do about it. */
  reason: string;
}

/** What one plugin ended up providing. */
export interface PluginClaims {
  /** Its tools that are in force. */
  tools: string[];
  /** Bundled tools it replaced because `plugins.allowOverride` names them. */
  overrides: string[];
  /** Its tools that were refused. */
  refused: RefusedTool[];
}

/** The outcome of {@link claimToolNames}. */
export interface ClaimedTools {
  /** The tool in force for each name. */
  tools: Map<string, LoadedTool>;
  /** Per plugin location. */
  plugins: Map<string, PluginClaims>;
  /** One `{ tool, plugin, replaced }` per bundled tool replaced, for the warn log. */
  overrides: { tool: string; plugin: string; replaced: string }[];
}

interface Owner {
  plugin: LoadedPlugin;
  /** True once a third-party plugin replaced the bundled owner: a name is replaced at most once. */
  replacement: boolean;
}

/**
 * Decides which plugin provides each tool name. Bundled plugins (given in code) claim their names first,
 * whatever order the plugins come in; then third-party plugins in the order given. A name already taken
 * is refused for that tool only (the plugin's other tools still load), unless the owner is bundled and
 * `allowOverride` names the tool: then the first third-party plugin providing it replaces the bundled one.
 */
export function claimToolNames(
  plugins: readonly LoadedPlugin[],
  allowOverride: readonly string[],
): ClaimedTools {
  const allowed = new Set(allowOverride);
  const owners = new Map<string, Owner>();
  const claims = new Map<string, PluginClaims>();
  const overrides: ClaimedTools['overrides'] = [];
  const ordered = [
    ...plugins.filter((plugin) => plugin.source === 'builtin'),
    ...plugins.filter((plugin) => plugin.source !== 'builtin'),
  ];
  for (const plugin of ordered) {
    const own: PluginClaims = { tools: [], overrides: [], refused: [] };
    claims.set(plugin.location, own);
    for (const { tool } of plugin.tools) {
      const owner = owners.get(tool.name);
      if (!owner) {
        owners.set(tool.name, { plugin, replacement: false });
        own.tools.push(tool.name);
      } else if (mayReplace(owner, plugin, allowed.has(tool.name))) {
        const previous = claims.get(owner.plugin.location);
        if (previous) previous.tools = previous.tools.filter((name) => name !== tool.name);
        owners.set(tool.name, { plugin, replacement: true });
        own.tools.push(tool.name);
        own.overrides.push(tool.name);
        overrides.push({ tool: tool.name, plugin: plugin.plugin.name, replaced: owner.plugin.plugin.name });
      } else {
        own.refused.push({
          name: tool.name,
          code: 'TOOL_NAME_TAKEN',
          reason: refusal(tool.name, owner, plugin),
        });
      }
    }
  }
  const tools = new Map<string, LoadedTool>();
  for (const plugin of ordered) {
    const active = new Set(claims.get(plugin.location)?.tools);
    for (const tool of plugin.tools) if (active.has(tool.tool.name)) tools.set(tool.tool.name, tool);
  }
  return { tools, plugins: claims, overrides };
}

function mayReplace(owner: Owner, newcomer: LoadedPlugin, allowed: boolean): boolean {
  return allowed && owner.plugin.source === 'builtin' && !owner.replacement && newcomer.source !== 'builtin';
}

function refusal(tool: string, owner: Owner, newcomer: LoadedPlugin): string {
  const { plugin } = owner;
  if (plugin.source === 'builtin' && !owner.replacement && newcomer.source !== 'builtin') {
    return `TOOL_NAME_TAKEN: tool '${tool}' is already provided by the bundled plugin ${plugin.plugin.name}; add it to plugins.allowOverride to replace it.`;
  }
  const how = owner.replacement ? ', which replaced the bundled one' : '';
  return `TOOL_NAME_TAKEN: tool '${tool}' is already provided by plugin ${plugin.plugin.name} (${plugin.location})${how}; rename the tool or remove one of the plugins.`;
}
