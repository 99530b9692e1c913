import { type Static, Type } from 'typebox';

/** Default cap on the body the tool reads (1 MiB). */
export const DEFAULT_MAX_BYTES = 1_048_576;
/** Default time limit for one `http_get` call, redirects included. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Default number of redirects followed. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Longest time limit a call may ask for. */
export const MAX_TIMEOUT_MS = 60_000;

const stringMap = (description: string) => Type.Record(Type.String(), Type.String(), { description });

/** Parameters of `http_get`, as the model sends them. */
export const HttpGetParameters = Type.Object(
  {
    url: Type.String({
      description: 'Absolute http:// or https:// URL to fetch.',
      minLength: 1,
      maxLength: 8192,
    }),
    headers: Type.Optional(
      stringMap('Extra request headers, e.g. {"accept": "application/json", "authorization": "Bearer ..."}.'),
    ),
    query: Type.Optional(
      stringMap('Query parameters added to the URL; a name already in the URL is replaced.'),
    ),
    timeoutMs: Type.Optional(
      Type.Integer({
        description: 'Time limit in milliseconds, redirects included.',
        minimum: 100,
        maximum: MAX_TIMEOUT_MS,
      }),
    ),
    maxBytes: Type.Optional(
      Type.Integer({
        description: 'Read at most this many bytes of the body (never more than the configured maxBytes).',
        minimum: 1,
      }),
    ),
  },
  { additionalProperties: false },
);
/** Parameters of `http_get`. */
export type HttpGetParameters = Static<typeof HttpGetParameters>;

const hostList = (description: string) =>
  Type.Array(Type.String({ minLength: 1 }), { description, default: [] });

/** Configuration of `http_get` (per agent or workflow). Nothing in it is secret. */
export const HttpGetConfig = Type.Object(
  {
    allowHosts: Type.Optional(
      hostList(
        'Destinations reachable even though they are not public: host names ("intranet.local"), wildcards ("*.corp.example"), ' +
          'IP addresses ("10.0.0.5", "[::1]") or CIDR ranges ("10.0.0.0/8"), each optionally with a port ("127.0.0.1:8080").',
      ),
    ),
    denyHosts: Type.Optional(
      hostList('Destinations never reachable, in the same forms as allowHosts; they win over allowHosts.'),
    ),
    defaultTimeoutMs: Type.Optional(
      Type.Integer({
        description: 'Time limit when the call gives none.',
        minimum: 100,
        maximum: MAX_TIMEOUT_MS,
        default: DEFAULT_TIMEOUT_MS,
      }),
    ),
    maxBytes: Type.Optional(
      Type.Integer({
        description: 'Largest body read, in bytes; longer bodies are cut off and marked truncated.',
        minimum: 1,
        default: DEFAULT_MAX_BYTES,
      }),
    ),
    maxRedirects: Type.Optional(
      Type.Integer({
        description: 'Redirects followed before giving up.',
        minimum: 0,
        maximum: 20,
        default: DEFAULT_MAX_REDIRECTS,
      }),
    ),
    userAgent: Type.Optional(
      Type.String({ description: 'User-Agent header sent when the call sets none.', minLength: 1 }),
    ),
  },
  { additionalProperties: false },
);
/** Configuration of `http_get`. */
export type HttpGetConfig = Static<typeof HttpGetConfig>;

/** What `http_get` returns. */
export interface HttpGetResult {
  /** The final URL, after redirects. */
  url: string;
  /** HTTP status of the final response; non-2xx is returned, not thrown. */
  status: number;
  /** Selected response headers (content-type, content-length, last-modified, location, …). */
  headers: Record<string, string>;
  /** How `body` was produced: parsed JSON, text extracted from HTML, or plain text. */
  format: 'json' | 'html' | 'text';
  /** The body: a JSON value for JSON, otherwise text. */
  body: unknown;
  /** Present and true when the body was longer than maxBytes and was cut off. */
  truncated?: true;
  /** URLs redirected through, in order, when there were redirects. */
  redirects?: string[];
}
