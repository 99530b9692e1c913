/**
 * The model for the agent benchmarks: the scripted Ollama server from `@agentry/core/testing`, in its own
 * process so its work is not counted against the process being measured. Every run is the same
 * conversation: the first call asks for the `bench_echo` tool, the call after the tool result answers.
 * `BENCH_LATENCY_MS` delays every answer; `BENCH_HANG=1` never answers a chat (runs stay in flight
 * without using CPU, until this process stops). Prints `{"url": ...}` once listening.
 */
import { reply, startScriptedOllama } from '@agentry/core/testing';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
const hang = process.env.BENCH_HANG === '1';
const ollama = await startScriptedOllama();
ollama.respondWith((request) => {
  ollama.requests.splice(0);
  if (hang) return reply.hang();
  const last = request.body.messages?.at(-1);
  const answer =
    last?.role === 'tool'
      ? reply.text('The echo tool said hello, so: hello.', { promptTokens: 120, completionTokens: 9 })
      : reply.toolCalls([{ name: 'bench_echo', arguments: { text: 'hello' } }]);
  return latencyMs > 0 ? reply.delay(latencyMs, answer) : answer;
});
process.stdout.write(`${JSON.stringify({ url: ollama.url })}\n`);
process.once('SIGTERM', () => void ollama.close().then(() => process.exit(0)));
