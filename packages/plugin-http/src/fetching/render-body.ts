import { convert, type HtmlToTextOptions } from 'html-to-text';

/** How a body was turned into the tool's `body` field. */
export type BodyFormat = 'json' | 'html' | 'text';

/** What a `Content-Type` says about a body: a format we can render, `binary`, or `unknown` (no header). */
export type ContentKind = BodyFormat | 'binary' | 'unknown';

const textualApplicationTypes =
  /^application\/(javascript|ecmascript|x-javascript|xml|x-www-form-urlencoded|yaml|x-yaml|toml|graphql|csv|x-ndjson|ndjson|sql|rtf)$/;

/** Classifies a `Content-Type` header value. */
export function contentKind(contentType: string | undefined): ContentKind {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType) return 'unknown';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (
    mediaType.startsWith('text/') ||
    mediaType.endsWith('+xml') ||
    textualApplicationTypes.test(mediaType)
  ) {
    return 'text';
  }
  return 'binary';
}

/** True when the bytes look binary (a NUL byte early on), for bodies sent without a `Content-Type`. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes(0);
}

function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const hiddenElements = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'img'];

function absoluteHref(href: string, baseUrl: string): string {
  try {
    return new URL(href, baseUrl).href;
  } catch {
    return href;
  }
}

function htmlOptions(baseUrl: string): HtmlToTextOptions {
  return {
    wordwrap: false,
    selectors: [
      ...hiddenElements.map((selector) => ({ selector, format: 'skip' })),
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
      // Keep links as `text [absolute-url]`, except in-page anchors and links whose text is the URL.
      {
        selector: 'a',
        options: {
          hideLinkHrefIfSameAsText: true,
          noAnchorUrl: true,
          pathRewrite: (href: string) => absoluteHref(href, baseUrl),
        },
      },
    ],
  };
}

/**
 * Turns a body into what the model reads: parsed JSON for JSON types (the text when it does not parse,
 * e.g. because it was truncated), readable text for HTML (scripts and styles dropped, links kept with
 * their absolute URL), and the decoded text otherwise.
 */
export function renderBody(
  bytes: Buffer,
  kind: BodyFormat,
  contentType: string | undefined,
  baseUrl: string,
): { format: BodyFormat; body: unknown } {
  const text = decodeText(bytes, contentType);
  if (kind === 'json') {
    try {
      return { format: 'json', body: JSON.parse(text) };
    } catch {
      return { format: 'text', body: text };
    }
  }
  if (kind === 'html') return { format: 'html', body: convert(text, htmlOptions(baseUrl)).trim() };
  return { format: 'text', body: text };
}
