/** A response body read up to a byte limit. */
export interface CappedBody {
  /** The bytes read, at most the limit. */
  bytes: Buffer;
  /** True when the body was longer than the limit and reading stopped there. */
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of `body`; when more arrives, stops reading (leaving the loop destroys the
 * stream and closes the connection) and marks the result truncated. The limit applies to decoded bytes, so a small compressed
 * body that inflates hugely is cut off too.
 */
export async function readCappedBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = maxBytes - size;
    if (chunk.byteLength > room) {
      chunks.push(Buffer.from(chunk.subarray(0, room)));
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
