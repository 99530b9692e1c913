import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse-stream';

async function read(chunks: string[]): Promise<SseMessage[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const messages: SseMessage[] = [];
  for await (const message of readSse(body)) messages.push(message);
  return messages;
}

describe('readSse', () => {
  it('reads events split anywhere across chunks, with CRLF, comments and multi-line data', async () => {
    const text =
      ': keep-alive\r\n\r\nid: 1\r\nevent: run.started\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: plain\n\n';
    const expected = [
      { event: 'run.started', id: '1', data: '{"a":\n1}' },
      { event: 'message', id: undefined, data: 'plain' },
    ];
    expect(await read([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await read([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
  });

  it('drops an event the stream ends before its empty line', async () => {
    expect(await read(['event: a\ndata: 1\n\nevent: b\ndata: 2\n'])).toEqual([
      { event: 'a', id: undefined, data: '1' },
    ]);
  });
});
