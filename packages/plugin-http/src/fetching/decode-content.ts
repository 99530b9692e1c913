import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ToolError } from '@agentry/core';

const decoders: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The `Accept-Encoding` the tool sends: exactly the codings {@link decodeContent} can undo. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

/**
 * Undoes the `Content-Encoding` of a response body (gzip, deflate, br, applied in any order), so the
 * byte cap applies to what the model reads. Throws a `ToolError` for a coding it cannot decode.
 */
export function decodeContent(
  body: Readable,
  contentEncoding: string | undefined,
): AsyncIterable<Uint8Array> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let stream: NodeJS.ReadableStream = body;
  for (const coding of codings.reverse()) {
    const createDecoder = decoders[coding];
    if (!createDecoder) {
      body.destroy();
      throw new ToolError(
        'TOOL_FAILED',
        'http_get',
        `The server sent the body in an unsupported encoding "${coding}".`,
      );
    }
    // pipeline forwards an error of any stage (a reset connection, corrupt data) to the last stream.
    stream = pipeline(stream, createDecoder(), () => {});
  }
  return stream as AsyncIterable<Uint8Array>;
}
