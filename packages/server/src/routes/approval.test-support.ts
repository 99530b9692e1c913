import { BaseTool, definePlugin, type JsonObject } from '@agentry/core';
import { type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Type } from 'typebox';
import { expect, vi } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

/** An API answer as the approval tests read it. */
export interface ApiAnswer {
  status: number;
  /** The `content-type` header. */
  type: string | null;
  body: Json;
}

/** What {@link startApprovalKit} started, and the calls the approval tests make on it. */
export interface ApprovalKit {
  ollama: ScriptedOllama;
  server: TestServer;
  /** Tickets the destructive `archive_ticket` tool archived, in order: proves how often it ran. */
  archived: number[];
  /** Sends `json` to the server's API and reads the JSON answer. */
  call(method: string, path: string, json?: unknown): Promise<ApiAnswer>;
  /** Waits until run `runId` has `status`, and returns the run. */
  runReaching(runId: string, status: string): Promise<Json>;
  /** Stops the server and the scripted Ollama. */
  close(): Promise<void>;
}

/** A plugin whose destructive `archive_ticket` tool (so it waits for approval) records into `archived`. */
function ticketsPlugin(archived: number[]) {
  class ArchiveTicket extends BaseTool<{ id: number }> {
    readonly name = 'archive_ticket';
    readonly description = 'Archives a ticket.';
    readonly parameters = Type.Object({ id: Type.Integer({ minimum: 1 }) });
    override readonly annotations = { destructiveHint: true };
    async execute(params: { id: number }) {
      archived.push(params.id);
      return `archived ${params.id}`;
    }
  }
  return definePlugin({ name: 'tickets', version: '1.0.0', tools: [ArchiveTicket] });
}

/**
 * Starts a scripted Ollama and a server (model `llama3`, `overrides` applied) with the `archive_ticket`
 * tool, for tests of approvals over REST.
 */
export async function startApprovalKit(overrides: JsonObject = {}): Promise<ApprovalKit> {
  const archived: number[] = [];
  const ollama = await startScriptedOllama();
  let server: TestServer;
  try {
    server = await startTestServer(
      { ollama: { url: ollama.url, model: 'llama3' }, ...overrides },
      {},
      { plugins: [ticketsPlugin(archived)] },
    );
  } catch (error) {
    await ollama.close();
    throw error;
  }
  const call = async (method: string, path: string, json?: unknown): Promise<ApiAnswer> => {
    const response = await server.request(path, { method, json });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Json,
    };
  };
  const runReaching = (runId: string, status: string): Promise<Json> =>
    vi.waitFor(
      async () => {
        const run = (await call('GET', `/api/v1/runs/${runId}`)).body;
        expect(run.status).toBe(status);
        return run;
      },
      { timeout: 30_000, interval: 25 },
    );
  const close = async () => {
    await server.close();
    await ollama.close();
  };
  return { ollama, server, archived, call, runReaching, close };
}
