import type { Ollama } from 'ollama';
import type { Agent, RequestInit as UndiciRequestInit } from 'undici';
import { loadOnFirstUse } from '../runtime/load-on-first-use';

const ollamaPackage = loadOnFirstUse<typeof import('ollama')>('ollama');
const undiciPackage = loadOnFirstUse<typeof import('undici')>('undici');

/** One try of one request: an `ollama` client whose every fetch obeys the caller's signal and a time limit. */
export interface OllamaAttempt {
  /** Client bound to this attempt's signal. */
  ollama: Ollama;
  /** Aborted once the attempt's time limit has passed (read it after a failure). */
  readonly timeoutSignal: AbortSignal;
  /** Stops the attempt (closes a stream the consumer left early) and releases it. */
  abort(): void;
  /** Releases a finished attempt (its timer and caller listener) without aborting anything. */
  release(): void;
}

/** Shared stand-ins for "the time limit passed" and "it did not"; no signal is made per attempt. */
const timedOutSignal = AbortSignal.abort(new DOMException('The attempt timed out.', 'TimeoutError'));
const notTimedOutSignal = new AbortController().signal;

/** An `ollama` client and the connection pool its requests go through, shared per URL and limit. */
interface SharedClient {
  ollama: Ollama;
  dispatcher: Agent;
}

const clients = new Map<string, SharedClient>();

function sharedClient(url: string, maxConnections: number): SharedClient {
  const key = `${maxConnections} ${url}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = {
      ollama: new (ollamaPackage().Ollama)({ host: url }),
      dispatcher: new (undiciPackage().Agent)({ connections: maxConnections }),
    };
    clients.set(key, client);
  }
  return client;
}

/**
 * Opens an attempt. The `ollama` package accepts no per-request signal, only a `fetch` given to its
 * constructor, so each attempt is a thin object over one shared client per URL with its own `fetch`
 * (and its own list of open streams). The attempt has one `AbortController`, tripped by a plain timer
 * (the time limit) or by the caller's signal; both are released when the attempt ends, so a call that
 * succeeds creates no extra signal, timer or abort event. Requests go through a pool of at most
 * `maxConnections` connections to the server; a request waiting for one counts against the time limit.
 */
export function openOllamaAttempt(target: {
  url: string;
  maxConnections: number;
  timeoutMs: number;
  signal?: AbortSignal;
}): OllamaAttempt {
  const { timeoutMs, signal: callerSignal } = target;
  const shared = sharedClient(target.url, target.maxConnections);
  const own = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => own.abort(callerSignal?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    own.abort(timedOutSignal.reason);
  }, timeoutMs);
  if (callerSignal?.aborted) own.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const release = () => {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  };
  // The package passes its own signal only for streams, to close them from its `abort()`, which is never
  // called here: closing goes through `own`.
  const undiciFetch = undiciPackage().fetch;
  const boundFetch = ((input: string, init: RequestInit) =>
    undiciFetch(input, {
      ...(init as UndiciRequestInit),
      signal: own.signal,
      dispatcher: shared.dispatcher,
    })) as unknown as typeof fetch;
  const ollama = Object.create(shared.ollama) as Ollama & {
    fetch: typeof fetch;
    ongoingStreamedRequests: [];
  };
  ollama.fetch = boundFetch;
  ollama.ongoingStreamedRequests = [];
  return {
    ollama,
    get timeoutSignal() {
      return timedOut ? timedOutSignal : notTimedOutSignal;
    },
    abort: () => {
      release();
      own.abort();
    },
    release,
  };
}
