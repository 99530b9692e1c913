/** One parsed Server-Sent Event. */
export interface ParsedSse {
  /** The `id` line, if any. */
  id?: string;
  /** The `event` line (`message` when absent). */
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event data whose shape they assert.
  data: any;
}

/** Parses a complete Server-Sent Events body into its events, skipping comment lines. */
export function parseSse(text: string): ParsedSse[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.startsWith(':'))
    .map((block) => {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      return { id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data ?? 'null') };
    });
}
