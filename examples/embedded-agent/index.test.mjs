import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reply, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const example = fileURLToPath(new URL('.', import.meta.url));
const answer = 'Your order A-1001 has shipped with Parcelo and should arrive on 2 December 2026.';

/** @type {import('@agentry/core/testing').ScriptedOllama} */
let ollama;
/** @type {string} */
let dataDir;

beforeAll(async () => {
  ollama = await startScriptedOllama();
  dataDir = mkdtempSync(join(tmpdir(), 'agentry-embedded-'));
});
afterAll(async () => {
  await ollama.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Runs `node index.mjs [task]` as a user would, with the environment pointing at the scripted Ollama.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function runExample(args = []) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AGENTRY_')));
  const child = spawn(process.execPath, ['index.mjs', ...args], {
    cwd: example,
    env: { ...env, AGENTRY_OLLAMA_URL: ollama.url, AGENTRY_DATA_DIR: dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/embedded-agent', () => {
  it('answers with the result of its in-code tool and prints the run memory', async () => {
    ollama.enqueue(
      reply.toolCalls([{ name: 'order_status', arguments: { orderId: 'A-1001' } }]),
      reply.text(answer),
    );

    const result = await runExample();

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Status: succeeded');
    expect(result.stdout).toContain(`Answer: ${answer}`);
    expect(result.stdout).toContain('1 tool_call: {"tool":"order_status","arguments":{"orderId":"A-1001"}}');
    expect(result.stdout).toContain('2 tool_output: {"orderId":"A-1001","status":"shipped"');
    const [, second] = ollama.chatRequests();
    expect(second?.model).toBe('llama3.2:1b');
    expect(second?.messages?.at(-1)).toMatchObject({
      role: 'tool',
      content: expect.stringContaining('"carrier":"Parcelo"'),
    });
    expect(existsSync(join(dataDir, 'agentry.db'))).toBe(true);
  });

  it('lets the model correct a wrong order id and remembers the earlier run', async () => {
    ollama.reset();
    ollama.enqueue(
      reply.toolCalls([{ name: 'order_status', arguments: { orderId: 'A-9999' } }]),
      reply.text('I could not find order A-9999; please check the number.'),
    );

    const result = await runExample(['What about order A-9999?']);

    expect(result.code).toBe(0);
    const [first, second] = ollama.chatRequests();
    const earlier = first?.messages?.map((message) => message.content).join('\n');
    expect(earlier).toContain(answer);
    expect(second?.messages?.at(-1)?.content).toContain('No order A-9999; check the id.');
    expect(result.stdout).toContain('Answer: I could not find order A-9999');
  });
});
