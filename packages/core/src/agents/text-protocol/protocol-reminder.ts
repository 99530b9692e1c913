/** The one-line reminder of the protocol appended to every problem sent back to the model. */
export const PROTOCOL_REMINDER =
  'To call a tool, reply with only a JSON object like {"tool": "<tool name>", "arguments": {"<parameter>": <value>}}. ' +
  'To finish, reply with {"final_answer": "<your answer>"} or plain text without JSON.';

/** Lists the tools the model may call, for problem messages. */
export function describeKnownTools(knownTools: readonly string[]): string {
  return knownTools.length === 0
    ? 'No tools are available, so answer directly.'
    : `Available tools: ${knownTools.join(', ')}.`;
}
