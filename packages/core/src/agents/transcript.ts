import type { MemoryEntry } from '../models/memory-entry';
import type { Message } from './context-budget/index';
import type { ToolMode } from './system-prompt';
import type { ToolCall } from './text-protocol/index';

/**
 * The messages of one agent run, already in the shape sent to the model for its tool mode (converted
 * once, when added): in native mode an assistant message carries `toolCalls` and results are `tool`
 * messages; in text mode the assistant's raw reply is kept as text and results come back as user
 * messages starting with `Observation`. Appending is constant time.
 */
export class Transcript {
  /** The messages in order, the task first. */
  readonly messages: Message[] = [];

  /** Starts a transcript in `mode` with the task. */
  constructor(
    readonly mode: ToolMode,
    task: string,
  ) {
    this.messages.push({ role: 'user', content: task });
  }

  /** A transcript in `mode` holding `messages` (stored when the run stopped to wait for an approval). */
  static restore(mode: ToolMode, messages: readonly Message[]): Transcript {
    const transcript = new Transcript(mode, '');
    transcript.messages.splice(0, 1, ...messages);
    return transcript;
  }

  /** Adds the assistant's reply that asked for `calls` (none when the reply was invalid). */
  addAssistant(content: string, calls: readonly ToolCall[]): void {
    if (this.mode === 'native' && calls.length > 0) {
      this.messages.push({ role: 'assistant', content, toolCalls: [...calls] });
    } else {
      this.messages.push({ role: 'assistant', content });
    }
  }

  /** Adds a tool's result (or the problem with the call) as the model should see it. */
  addToolResult(tool: string, text: string): void {
    this.messages.push(observation(this.mode, tool, text));
  }

  /** Adds a plain request to the model, as a user message (e.g. to correct a typed answer). */
  addRequest(text: string): void {
    this.messages.push({ role: 'user', content: text });
  }

  /** Adds a problem with the model's reply, sent back so it can correct itself. */
  addProblem(problem: string): void {
    this.messages.push({ role: 'user', content: `Observation: ${problem}` });
  }
}

function observation(mode: ToolMode, tool: string, text: string): Message {
  return mode === 'native'
    ? { role: 'tool', content: text, toolName: tool }
    : { role: 'user', content: `Observation from ${tool}:\n${text}` };
}

/**
 * Turns remembered entries of earlier runs (oldest first) into messages for `mode`. Thoughts and system
 * entries are left out; a tool call becomes an assistant message asking for it, its output the result.
 */
export function memoryToMessages(entries: readonly MemoryEntry[], mode: ToolMode): Message[] {
  const messages: Message[] = [];
  for (const entry of entries) {
    switch (entry.role) {
      case 'user':
      case 'assistant':
        messages.push({ role: entry.role, content: entry.content });
        break;
      case 'tool_call': {
        const tool = String(entry.metadata.tool ?? '');
        const args = (entry.metadata.arguments ?? {}) as Record<string, unknown>;
        messages.push(
          mode === 'native'
            ? { role: 'assistant', content: '', toolCalls: [{ name: tool, arguments: args }] }
            : { role: 'assistant', content: entry.content },
        );
        break;
      }
      case 'tool_output':
        messages.push(observation(mode, String(entry.metadata.tool ?? 'tool'), entry.content));
        break;
      default:
        break;
    }
  }
  return messages;
}
