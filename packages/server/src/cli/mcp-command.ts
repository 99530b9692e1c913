import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { buildMcpServer } from '../mcp/build-mcp-server';
import { RemoteToolBackend } from '../mcp/remote-tool-backend';
import { type RemoteOptions, serverUrl } from './remote/remote-options';

/**
 * Registers `agentry mcp`: an MCP server on stdin/stdout for desktop clients, offering the agents and
 * workflows of a running server (`--url`/AGENTRY_URL, `--api-key`/AGENTRY_API_KEY) through its `/mcp`
 * endpoint. Stdout carries only the protocol; messages go to stderr.
 */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('Serve the agents and workflows of a running server over MCP on stdio (for desktop clients)')
    .option(
      '--url <url>',
      'server address (default: AGENTRY_URL, else http://127.0.0.1:$AGENTRY_PORT or 8080)',
    )
    .option('--api-key <key>', 'API key (default: AGENTRY_API_KEY)')
    .action(mcpCommand);
}

async function mcpCommand(flags: RemoteOptions): Promise<void> {
  const backend = new RemoteToolBackend(
    serverUrl(flags),
    flags.apiKey || process.env.AGENTRY_API_KEY || undefined,
  );
  const server = buildMcpServer(backend);
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(new StdioServerTransport());
  await closed;
  await backend.close().catch(() => undefined);
  await server.close();
}
