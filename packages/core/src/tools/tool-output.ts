import { redact } from '../secrets/redact';
import type { ToolError } from './tool-error';

/** Default of setting `tools.maxModelOutputChars`: the most characters of a tool result the model sees. */
export const TOOL_TEXT_LIMIT = 8_000;

/** Returns a copy of `value` in which every string has the `secrets` masked (`***`). */
export function maskSecrets<T>(value: T, secrets: readonly unknown[]): T {
  if (secrets.length === 0) return value;
  return mask(value, secrets) as T;
}

function mask(value: unknown, secrets: readonly unknown[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => mask(item, secrets));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item, secrets)]));
  }
  return value;
}

/** The text a model sees for a tool's output: strings as they are, anything else as JSON. */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined) return '(no output)';
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}

/** Cuts `text` to `limit` characters, ending with a marker that says how much was left out. */
export function capText(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const kept = text.slice(0, limit);
  return {
    text: `${kept}\n[output truncated: ${limit} of ${text.length} characters shown]`,
    truncated: true,
  };
}

/** The observation a model reads for a failed call: code, message, and each bad field. */
export function errorText(error: ToolError): string {
  const lines = [`Error ${error.code} from tool '${error.tool}': ${error.message}`];
  for (const issue of error.issues) lines.push(`- ${issue.pointer || '(parameters)'}: ${issue.message}`);
  if (error.retryable) lines.push('This may succeed if tried again later.');
  return lines.join('\n');
}
