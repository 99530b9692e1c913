import { BaseTool, definePlugin, type ToolContext, ToolError } from '@agentry/core';
import { type Static, Type } from 'typebox';

/** Parameters the model passes to `word_count` (JSON Schema, written with typebox). */
const parameters = Type.Object({
  text: Type.String({ description: 'The text to count the words of.' }),
  top: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 20,
      default: 3,
      description: 'How many of the most used words to list (default 3).',
    }),
  ),
});
type Params = Static<typeof parameters>;

/** `word_count` takes no configuration; see the README to add some. */
type Config = Record<string, unknown>;

/** One word and how often it occurs. */
interface WordUse {
  /** The word, lower-cased. */
  word: string;
  /** Occurrences in the text. */
  count: number;
}

/** What `word_count` returns to the model. */
interface Result {
  /** Number of words in the text. */
  words: number;
  /** Number of different words, ignoring case. */
  uniqueWords: number;
  /** The most used words, most frequent first (ties in alphabetical order). */
  mostUsed: WordUse[];
}

/** Letters or digits, with inner apostrophes or hyphens (`don't`, `e-mail`), in any script. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The `word_count` tool: counts words and lists the ones used most often. */
export class WordCount extends BaseTool<Params, Config, Result> {
  readonly name = 'word_count';
  readonly description =
    'Counts the words of a text and lists the words used most often. Use it whenever a question needs an exact word count.';
  readonly parameters = parameters;
  override readonly annotations = { readOnlyHint: true, openWorldHint: false };

  async execute(params: Params, context: ToolContext<Config>): Promise<Result> {
    const words = params.text.match(WORD) ?? [];
    if (words.length === 0) {
      // A ToolError goes back to the model as an observation: say what is wrong and how to fix the call.
      throw new ToolError('INVALID_ARGUMENTS', this.name, "'text' has no words: pass the text to count.", {
        issues: [{ pointer: '/text', message: 'must contain at least one word' }],
      });
    }
    const counts = new Map<string, number>();
    for (const word of words) {
      const key = word.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const mostUsed = [...counts]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
      .slice(0, params.top ?? 3);
    context.logger.debug({ words: words.length }, 'counted words');
    return { words: words.length, uniqueWords: counts.size, mostUsed };
  }
}

/** The plugin: Agentry loads this default export (recognised by its brand, not by `instanceof`). */
export default definePlugin({
  name: '@agentry/example-custom-tool',
  version: '0.1.0',
  tools: [WordCount],
});
