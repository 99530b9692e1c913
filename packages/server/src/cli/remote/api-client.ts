import { DEMO_HEADER } from '../../demo/demo-header';
import { problemHint } from './problem-hint';
import { RemoteError } from './remote-error';
import { readSse, type SseMessage } from './sse-stream';

/** Query parameters; undefined values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** A page of a list endpoint. */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Cursor of the next page; null on the last. */
  nextCursor: string | null;
}

interface Problem {
  code?: string;
  title?: string;
  detail?: string;
  errors?: { pointer: string; message: string }[];
}

/**
 * A small client of the Agentry REST API (`/api/v1`) over the global `fetch`. Every failure becomes a
 * {@link RemoteError}: `SERVER_UNREACHABLE` when nothing answers, the problem's `code` for a problem+json
 * answer, `UNEXPECTED_RESPONSE` for anything else. When the server is in demo mode (its answers carry
 * `X-Agentry-Demo`), says once on stderr that the model is simulated.
 */
export class ApiClient {
  private readonly base: string;
  private demoNoticed = false;

  /** A client of the server at `url` (e.g. `http://127.0.0.1:8080`), sending `apiKey` as a bearer token. */
  constructor(
    url: string,
    private readonly apiKey?: string,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  /** The server address, as given. */
  get url(): string {
    return this.base;
  }

  /** `GET path?query`, answering the parsed JSON body. */
  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.json<T>('GET', path + queryString(query));
  }

  /** `POST path` with a JSON body. */
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.json<T>('POST', path, body);
  }

  /** `PATCH path` with a JSON body. */
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PATCH', path, body);
  }

  /** Every item of a paged list, following `nextCursor` page by page. */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<Page<T>>(path, { ...query, limit: 100, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /** `GET path` as Server-Sent Events, until the server ends the stream or `signal` aborts. */
  async *events(path: string, signal?: AbortSignal): AsyncGenerator<SseMessage> {
    let response: Response;
    try {
      response = await this.send('GET', path, undefined, 'text/event-stream', signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    if (!response.body) return;
    try {
      yield* readSse(response.body);
    } catch (error) {
      if (signal?.aborted) return;
      throw new RemoteError('SERVER_UNREACHABLE', {
        message: `The connection to ${this.base} broke while following events (${describeCause(error)}).`,
        hint: 'run `agentry runs follow ID` to pick the run up again.',
        cause: error,
      });
    }
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body, 'application/json');
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw unexpected(method, this.base + path, response.status, 'a body that is not JSON', error);
    }
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    accept: string,
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = this.base + path;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new RemoteError('SERVER_UNREACHABLE', {
        message: `No Agentry server answers at ${this.base} (${describeCause(error)}).`,
        hint: 'start it with `agentry serve`, or set AGENTRY_URL (or --url) to where it runs.',
        cause: error,
      });
    }
    this.noticeDemo(response);
    if (response.ok) return response;
    throw await problemError(method, url, response);
  }

  private noticeDemo(response: Response): void {
    if (this.demoNoticed || !response.headers.has(DEMO_HEADER)) return;
    this.demoNoticed = true;
    process.stderr.write(
      `agentry: ${this.base} is in demo mode: its model is simulated (${DEMO_HEADER}: ${response.headers.get(DEMO_HEADER)}); see docs/demo.md\n`,
    );
  }
}

async function problemError(method: string, url: string, response: Response): Promise<RemoteError> {
  const text = await response.text().catch(() => '');
  let problem: Problem | undefined;
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = undefined;
  }
  if (!problem?.code) return unexpected(method, url, response.status, `HTTP ${response.status}`);
  const issues = problem.errors ?? [];
  const message =
    issues.length > 1
      ? issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('; ')
      : (problem.detail ?? problem.title ?? `HTTP ${response.status}`);
  return new RemoteError(problem.code, { message, hint: problemHint(problem.code) });
}

function unexpected(method: string, url: string, status: number, what: string, cause?: unknown): RemoteError {
  return new RemoteError('UNEXPECTED_RESPONSE', {
    message: `${method} ${url} answered ${what} (HTTP ${status}).`,
    hint: 'is AGENTRY_URL (or --url) the address of an Agentry server?',
    cause,
  });
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
