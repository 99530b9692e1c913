import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Makes one decoding stage. */
export type DecoderFactory = () => NodeJS.ReadWriteStream;

const decoders: Record<string, DecoderFactory> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The `Accept-Encoding` the tool sends: exactly the codings {@link decodeContent} can undo. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

/**
 * Reads a `Content-Encoding` header (codings in the order the server applied them) into the decoders
 * that undo it, in the order to apply them; or names the first coding that cannot be undone.
 */
export function contentDecoders(
  contentEncoding: string | undefined,
): { decoders: DecoderFactory[] } | { unsupported: string } {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const found: DecoderFactory[] = [];
  for (const coding of codings) {
    const decoder = decoders[coding];
    if (!decoder) return { unsupported: coding };
    found.push(decoder);
  }
  return { decoders: found };
}

/**
 * Pipes a response body through `decoders`, so the byte cap applies to what the model reads (a small
 * compressed body that inflates hugely is cut off too).
 */
export function decodeContent(body: Readable, decoders: DecoderFactory[]): AsyncIterable<Uint8Array> {
  let stream: NodeJS.ReadableStream = body;
  // pipeline forwards an error of any stage (a reset connection, corrupt data) to the last stream.
  for (const createDecoder of decoders) stream = pipeline(stream, createDecoder(), () => {});
  return stream as AsyncIterable<Uint8Array>;
}
