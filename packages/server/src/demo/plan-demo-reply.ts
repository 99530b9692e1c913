import { type RecordedRequest, reply, type ScriptedReply } from '@agentry/core/testing';
import { planToolCalls } from './plan-tool-calls';

type WireMessage = NonNullable<RecordedRequest['body']['messages']>[number];

/** A tool's observation as the simulated model read it. */
interface Observation {
  tool: string;
  text: string;
}

/**
 * The simulated model of demo mode: given a chat request, it plans tool calls from the task (the last
 * user message) and the offered tools, asks for the next one not yet called, and once every planned call
 * has an observation answers with a summary of those observations. It never invents facts: the answer
 * only repeats what the tools returned.
 */
export function planDemoReply(request: RecordedRequest): ScriptedReply {
  const { body } = request;
  if (request.path === '/api/generate' || body.format !== undefined) {
    return reply.error(
      400,
      'the simulated demo model only follows plans over /api/chat; drafting from descriptions needs a real Ollama model',
    );
  }
  const messages = body.messages ?? [];
  const taskIndex = messages.findLastIndex(
    (message) => message.role === 'user' && !message.content.startsWith('Observation'),
  );
  const task = taskIndex >= 0 ? (messages[taskIndex]?.content ?? '') : '';
  const sinceTask = messages.slice(taskIndex + 1);
  const called = new Set(sinceTask.flatMap(toolCallNames));
  const offered = new Set((body.tools ?? []).map((tool) => tool.function.name));
  const next = planToolCalls(task, offered).find((call) => !called.has(call.name));
  if (next) {
    return reply.toolCalls([next], {
      content: `I will call ${next.name} with ${JSON.stringify(next.arguments)}.`,
    });
  }
  return reply.text(answer(task, observationsOf(sinceTask), offered));
}

function toolCallNames(message: WireMessage): string[] {
  const calls = message.tool_calls;
  if (!Array.isArray(calls)) return [];
  return calls.map((call) => String((call as { function?: { name?: unknown } }).function?.name ?? ''));
}

function observationsOf(messages: readonly WireMessage[]): Observation[] {
  return messages
    .filter((message) => message.role === 'tool')
    .map((message) => ({ tool: String(message.tool_name ?? 'a tool'), text: message.content }));
}

function answer(task: string, observations: readonly Observation[], offered: ReadonlySet<string>): string {
  if (observations.length === 0) {
    const tools = offered.size > 0 ? [...offered].join(', ') : 'none';
    return `(Simulated demo model) I found nothing in "${task}" that my tools (${tools}) can answer. Try arithmetic such as "What is 17 * 23?" or ask for the time in a city.`;
  }
  const lines = observations.map(describe);
  return `${lines.join(' ')}\n\n(Answered by the simulated demo model from the tool results above.)`;
}

function describe(observation: Observation): string {
  const { tool, text } = observation;
  if (text.startsWith('Error ')) return `${tool} failed: ${text.split('\n')[0]}.`;
  const value = parse(text);
  if (tool === 'calculate' && typeof value?.result === 'number')
    return `${String(value.expression)} = ${value.result}.`;
  if (tool === 'clock_now' && typeof value?.local === 'string')
    return `It is ${value.local} in ${String(value.timeZone)} (${String(value.utc)}).`;
  const shown = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return `${tool} returned: ${shown}`;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
