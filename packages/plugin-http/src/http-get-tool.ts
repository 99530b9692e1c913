import { BaseTool, type ToolAnnotations, type ToolContext, ToolError } from '@agentry/core';
import { type Dispatcher, request } from 'undici';
import { HostPolicy } from './address/index';
import {
  ACCEPTED_ENCODINGS,
  buildRequestHeaders,
  buildRequestUrl,
  contentDecoders,
  contentKind,
  createGuardedAgent,
  decodeContent,
  headersForRedirect,
  looksBinary,
  readCappedBody,
  renderBody,
  startCallDeadline,
  toToolError,
} from './fetching/index';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  HttpGetConfig,
  HttpGetParameters,
  type HttpGetResult,
  MAX_TIMEOUT_MS,
} from './http-get-schemas';
import { PLUGIN_VERSION } from './plugin-version';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const reportedHeaders = [
  'content-type',
  'content-length',
  'content-language',
  'last-modified',
  'etag',
  'cache-control',
  'location',
  'retry-after',
];

function pickHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of reportedHeaders) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return picked;
}

function headerText(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `http_get`: fetches a public web page or API over HTTP(S) and returns status, selected headers and a
 * readable body (JSON parsed, HTML reduced to text). Non-public destinations are refused unless the
 * tool config allows them (see {@link HostPolicy}); every connection and every redirect hop is checked.
 */
export class HttpGetTool extends BaseTool<HttpGetParameters, HttpGetConfig, HttpGetResult> {
  readonly name = 'http_get';
  readonly description =
    'Fetch a web page or HTTP API with GET. Returns {url, status, headers, format, body}: JSON is parsed, HTML is ' +
    'reduced to readable text with links as "text [url]", other text is returned as is. Non-2xx statuses are ' +
    'returned, not errors. Binary content (images, PDFs, archives) is refused. Only public internet addresses are ' +
    'reachable unless an administrator allows more.';
  readonly parameters = HttpGetParameters;
  override readonly configSchema = HttpGetConfig;
  override readonly annotations: ToolAnnotations = {
    title: 'HTTP GET',
    readOnlyHint: true,
    openWorldHint: true,
  };
  override readonly timeoutMs = MAX_TIMEOUT_MS + 5_000;

  async execute(params: HttpGetParameters, context: ToolContext<HttpGetConfig>): Promise<HttpGetResult> {
    const config = context.config ?? {};
    const policy = new HostPolicy(config);
    const configMaxBytes = config.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxBytes = Math.min(params.maxBytes ?? configMaxBytes, configMaxBytes);
    const timeoutMs = Math.min(
      params.timeoutMs ?? config.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      MAX_TIMEOUT_MS,
    );
    const maxRedirects = config.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    let url = buildRequestUrl(params.url, params.query);
    let headers = buildRequestHeaders(
      params.headers,
      config.userAgent ?? `Agentry-http_get/${PLUGIN_VERSION}`,
    );
    policy.checkUrl(url);

    const deadline = startCallDeadline(timeoutMs, context.signal);
    const agent = createGuardedAgent(policy, timeoutMs, 'http_get');
    const redirects: string[] = [];
    try {
      for (;;) {
        const response = await request(url, {
          method: 'GET',
          headers,
          dispatcher: agent,
          signal: deadline.signal,
        });
        const location = headerText(response.headers, 'location');
        if (!redirectStatuses.has(response.statusCode) || !location) {
          return await this.#readResponse(url, response, maxBytes, redirects);
        }
        await response.body.dump();
        const next = this.#redirectTarget(url, location, redirects.length, maxRedirects);
        context.logger.debug(
          { from: url.href, to: next.href, status: response.statusCode },
          'http_get redirect',
        );
        policy.checkUrl(next);
        redirects.push(url.href);
        headers = headersForRedirect(headers, url, next);
        url = next;
      }
    } catch (error) {
      throw toToolError(error, {
        url,
        timeoutMs,
        timedOut: deadline.timedOut,
        aborted: context.signal.aborted,
      });
    } finally {
      deadline.dispose();
      await agent.destroy();
    }
  }

  #redirectTarget(from: URL, location: string, followed: number, maxRedirects: number): URL {
    if (followed >= maxRedirects) {
      throw new ToolError(
        'TOOL_FAILED',
        this.name,
        `Too many redirects: after ${followed} redirect(s) (limit ${maxRedirects}) ${from.href} redirects again, to "${location}". The site may be in a redirect loop or need cookies; try another URL for the same content.`,
      );
    }
    try {
      const next = new URL(location, from);
      next.hash = '';
      return next;
    } catch (error) {
      throw new ToolError(
        'TOOL_FAILED',
        this.name,
        `${from.href} redirected to an invalid URL "${location}".`,
        { cause: error },
      );
    }
  }

  async #readResponse(
    url: URL,
    response: Dispatcher.ResponseData,
    maxBytes: number,
    redirects: string[],
  ): Promise<HttpGetResult> {
    const contentType = headerText(response.headers, 'content-type');
    const kind = contentKind(contentType);
    const binary = `The response from ${url.href} (status ${response.statusCode}) is binary`;
    const advice = 'http_get returns only text, HTML and JSON; look for a text version of this resource.';
    if (kind === 'binary') {
      await response.body.dump();
      throw new ToolError('TOOL_FAILED', this.name, `${binary} content (${contentType}). ${advice}`);
    }
    const decoding = contentDecoders(headerText(response.headers, 'content-encoding'));
    if ('unsupported' in decoding) {
      await response.body.dump();
      const message = `The server sent ${url.href} in an unsupported encoding "${decoding.unsupported}"; http_get decodes ${ACCEPTED_ENCODINGS}.`;
      throw new ToolError('TOOL_FAILED', this.name, message);
    }
    const decoded = decodeContent(response.body, decoding.decoders);
    const { bytes, truncated } = await readCappedBody(decoded, maxBytes);
    if (kind === 'unknown' && looksBinary(bytes)) {
      throw new ToolError('TOOL_FAILED', this.name, `${binary} content without a Content-Type. ${advice}`);
    }
    const { format, body } = renderBody(bytes, kind === 'unknown' ? 'text' : kind, contentType, url.href);
    return {
      url: url.href,
      status: response.statusCode,
      headers: pickHeaders(response.headers),
      format,
      body,
      ...(truncated ? { truncated: true as const } : {}),
      ...(redirects.length > 0 ? { redirects } : {}),
    };
  }
}
