// A tiny MCP server for tests, built with the SDK's own server. Tools: `shout` (upper-cases `text`),
// `secret` (answers the MCP_TOKEN environment variable it was started with), `pid` (its process id) and, when MCP_MARKER names a
// file, `grow`: it creates that file and announces a changed tool list, which then also has `late`. Over stdio by default; with
// `--http` it serves Streamable HTTP (stateless) on 127.0.0.1 and prints its URL on stdout.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const marker = process.env.MCP_MARKER;

function build() {
  const server = new Server(
    { name: 'tiny', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true } } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      {
        name: 'shout',
        description: 'Upper-cases a text.',
        inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
        annotations: { readOnlyHint: true },
      },
      { name: 'secret', description: 'Tells the token it was given.', inputSchema: { type: 'object' } },
      { name: 'pid', description: 'Tells its process id.', inputSchema: { type: 'object' } },
      ...(marker ? [{ name: 'grow', description: 'Adds a tool.', inputSchema: { type: 'object' } }] : []),
      ...(marker && existsSync(marker)
        ? [{ name: 'late', description: 'Came later.', inputSchema: { type: 'object' } }]
        : []),
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name === 'shout') {
      return { content: [{ type: 'text', text: String(request.params.arguments?.text).toUpperCase() }] };
    }
    if (request.params.name === 'pid') return { content: [{ type: 'text', text: `pid=${process.pid}` }] };
    if (request.params.name === 'grow' && marker) {
      writeFileSync(marker, 'grown');
      await server.sendToolListChanged();
      return { content: [{ type: 'text', text: 'grown' }] };
    }
    return { content: [{ type: 'text', text: `token=${process.env.MCP_TOKEN ?? 'none'}` }] };
  });
  return server;
}

if (process.argv.includes('--http')) {
  const http = createServer(async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => transport.close());
    await build().connect(transport);
    await transport.handleRequest(req, res);
  });
  http.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${http.address().port}/mcp\n`);
  });
} else {
  await build().connect(new StdioServerTransport());
}
