import { redact } from '@agentry/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * The tool output an MCP result becomes: `structuredContent` when the server gave it, else the text parts
 * joined by blank lines; images, audio and other binary parts are summarised (type and size) instead of
 * being sent to a text model, and resource links are named by URI.
 */
export function mcpResultOutput(result: CallToolResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  return result.content.map(describePart).join('\n\n');
}

/** The text of an `isError` result, for the `ToolError` the model sees. */
export function mcpErrorText(result: CallToolResult): string {
  const text = result.content.map(describePart).join('\n').trim();
  return text || 'The MCP tool reported an error without a message.';
}

function describePart(part: CallToolResult['content'][number]): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'image':
    case 'audio':
      return `[${part.type} ${part.mimeType}, ${Math.floor((part.data.length * 3) / 4)} bytes, not shown]`;
    case 'resource_link':
      return `[resource ${part.uri}${part.name ? ` (${part.name})` : ''}]`;
    case 'resource':
      return 'text' in part.resource
        ? part.resource.text
        : `[resource ${part.resource.uri}, ${part.resource.mimeType ?? 'binary'}, not shown]`;
    default:
      return `[${(part as { type: string }).type} content, not shown]`;
  }
}

/**
 * `output` with every occurrence of a secret value (the server's `env` values and `headers`) replaced by
 * `***` in each string it holds, so a server echoing its token never hands it to the model or the run record.
 */
export function maskMcpOutput(output: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return output;
  if (typeof output === 'string') return redact(output, secrets);
  if (Array.isArray(output)) return output.map((item) => maskMcpOutput(item, secrets));
  if (output !== null && typeof output === 'object') {
    return Object.fromEntries(
      Object.entries(output).map(([key, value]) => [key, maskMcpOutput(value, secrets)]),
    );
  }
  return output;
}
