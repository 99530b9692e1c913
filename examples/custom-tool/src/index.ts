import { BaseTool, definePlugin, type ToolContext, ToolError } from '@agentry/core';
import { type Static, Type } from 'typebox';

/** Parameters the model passes to `word_count` (JSON Schema, written with typebox). */
const parameters = Type.Object({
  text: Type.String({ description: 'The text to count the words of.' }),
});
type Params = Static<typeof parameters>;

/** `word_count` takes no configuration; see the README to add some. */
type Config = Record<string, unknown>;

/** What `word_count` returns to the model. */
interface Result {
  /** Number of words in the text. */
  words: number;
}

/** The `word_count` tool. Replace the example logic in `execute` with your own. */
export class WordCount extends BaseTool<Params, Config, Result> {
  readonly name = 'word_count';
  readonly description = 'Counts the words of a text and lists the words used most often.';
  readonly parameters = parameters;
  override readonly annotations = { readOnlyHint: true, openWorldHint: false };

  async execute(params: Params, context: ToolContext<Config>): Promise<Result> {
    const text = params.text.trim();
    if (text.length === 0) {
      // A ToolError goes back to the model as an observation: say what is wrong and how to fix the call.
      throw new ToolError('INVALID_ARGUMENTS', this.name, "'text' is empty: pass the text to count.", {
        issues: [{ pointer: '/text', message: 'must contain at least one non-space character' }],
      });
    }
    const words = text.split(/\s+/).length;
    context.logger.debug({ words }, 'counted words');
    return { words };
  }
}

/** The plugin: Agentry loads this default export (recognised by its brand, not by `instanceof`). */
export default definePlugin({
  name: '@agentry/example-custom-tool',
  version: '0.1.0',
  tools: [WordCount],
});
