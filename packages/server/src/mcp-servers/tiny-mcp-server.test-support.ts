import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The tiny MCP server script (tools `shout` and `secret`), to run with `node` over stdio. */
export const tinyMcpServerScript = fileURLToPath(new URL('./tiny-mcp-server.fixture.mjs', import.meta.url));

/** The tiny MCP server over Streamable HTTP in a child process, on a loopback port. */
export interface TinyHttpMcpServer {
  /** Its endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  url: string;
  /** Ends the child process. */
  close(): Promise<void>;
}

/** Starts the tiny MCP server with `--http` and waits for the URL it prints. */
export async function startTinyHttpMcpServer(): Promise<TinyHttpMcpServer> {
  const child: ChildProcess = spawn(process.execPath, [tinyMcpServerScript, '--http'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return {
    url: chunk.toString().trim(),
    async close() {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}
