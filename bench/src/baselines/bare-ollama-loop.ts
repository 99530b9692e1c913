import { type Message, Ollama, type Tool } from 'ollama';

const echoTool: Tool = {
  type: 'function',
  function: {
    name: 'bench_echo',
    description: 'Echoes the text it is given.',
    parameters: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
  },
};

const system =
  'You are a benchmark agent. Use the bench_echo tool to echo the task, then answer with what it said.';

/**
 * The baseline agent: the loop a developer writes by hand on the `ollama` package — chat with the tool
 * offered, run the tool calls, send the results back, stop at the first answer without calls. Nothing is
 * stored anywhere.
 */
export class BareOllamaLoop {
  private readonly client: Ollama;

  /** A loop talking to the Ollama server at `url`. */
  constructor(url: string) {
    this.client = new Ollama({ host: url });
  }

  /** Runs one task to its final answer (at most 10 model calls). */
  async run(task: string): Promise<string> {
    const messages: Message[] = [
      { role: 'system', content: system },
      { role: 'user', content: task },
    ];
    for (let call = 0; call < 10; call++) {
      const response = await this.client.chat({
        model: 'llama3',
        messages,
        tools: [echoTool],
        options: { num_ctx: 8192 },
        stream: false,
      });
      messages.push(response.message);
      const calls = response.message.tool_calls ?? [];
      if (calls.length === 0) return response.message.content;
      for (const toolCall of calls) {
        const args = toolCall.function.arguments as { text?: unknown };
        messages.push({ role: 'tool', content: String(args.text ?? ''), tool_name: toolCall.function.name });
      }
    }
    throw new Error('the bare loop got no final answer in 10 model calls');
  }
}
