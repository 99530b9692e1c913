import type { ChatMessage, LlmToolDefinition, OllamaClient } from '@agentry/core';

const echoTool: LlmToolDefinition = {
  name: 'bench_echo',
  description: 'Echoes the text it is given.',
  parameters: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
};

/**
 * A diagnostic loop: the same conversation as the bare loop, but through Agentry's `OllamaClient`
 * (retries, time limits, typed errors) and nothing else — no run records, no memory, no tool manager.
 * Its distance to the bare loop is the client's cost; its distance to an agent run is the rest.
 */
export async function runClientLoop(client: OllamaClient, task: string): Promise<string> {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'Use the bench_echo tool to echo the task, then answer with what it said.' },
    { role: 'user', content: task },
  ];
  for (let call = 0; call < 10; call++) {
    const result = await client.chat({
      model: 'llama3',
      messages,
      tools: [echoTool],
      options: { num_ctx: 8192 },
    });
    messages.push({
      role: 'assistant',
      content: result.message.content,
      toolCalls: result.message.toolCalls,
    });
    if (result.message.toolCalls.length === 0) return result.message.content;
    for (const toolCall of result.message.toolCalls) {
      messages.push({
        role: 'tool',
        content: String(toolCall.arguments.text ?? ''),
        toolName: toolCall.name,
      });
    }
  }
  throw new Error('the client loop got no final answer in 10 model calls');
}
