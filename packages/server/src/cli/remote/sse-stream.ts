/** One Server-Sent Event as received: its `event` name (default `message`), `id` and `data` text. */
export interface SseMessage {
  /** Event name. */
  event: string;
  /** Last `id` field, if the event had one. */
  id?: string;
  /** The `data` lines joined with newlines. */
  data: string;
}

/**
 * Reads a `text/event-stream` body into events, as the HTML standard parses it: lines ending in LF, CRLF
 * or CR; `field: value` lines; comments (`:`) skipped; an empty line dispatches the event. Ends with the
 * body (an event without its closing empty line is dropped, as browsers do).
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let pending: { event?: string; id?: string; data: string[] } = { data: [] };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (buffer[newline] === '\r' && newline === buffer.length - 1) break;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (pending.data.length > 0) {
          yield { event: pending.event || 'message', id: pending.id, data: pending.data.join('\n') };
        }
        pending = { data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') pending.data.push(value);
        else if (field === 'event') pending.event = value;
        else if (field === 'id') pending.id = value;
      }
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
}
