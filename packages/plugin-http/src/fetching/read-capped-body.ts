/** A response body read up to a byte limit. */
export interface CappedBody {
  /** The bytes read, at most the limit. */
  bytes: Buffer;
  /** True when the body was longer than the limit and reading stopped there. */
  truncated: boolean;
}

/** A readable body that can be iterated and destroyed (undici's `BodyReadable`). */
export interface DestroyableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * Reads at most `maxBytes` of `body`; when more arrives, stops reading, destroys the stream (closing the
 * connection) and marks the result truncated. The limit applies to decoded bytes, so a small compressed
 * body that inflates hugely is cut off too.
 */
export async function readCappedBody(body: DestroyableBody, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = maxBytes - size;
    if (chunk.byteLength > room) {
      chunks.push(Buffer.from(chunk.subarray(0, room)));
      body.destroy();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
