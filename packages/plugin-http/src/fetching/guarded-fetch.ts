import { type RequestInit as UndiciRequestInit, fetch as undiciFetch } from 'undici';
import { type AddressCheck, createGuardedAgent } from './guarded-agent';

/** A WHATWG `fetch` whose connections pass an {@link AddressCheck}, and the means to release its sockets. */
export interface GuardedFetch {
  /** Same contract as the global `fetch`; a refused address rejects with `TypeError` whose `cause` says why. */
  fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
  /** Destroys the pooled connections, ending any request still open (an SSE stream); later calls fail. */
  close(): Promise<void>;
}

/**
 * undici's `fetch` over a guarded dispatcher ({@link createGuardedAgent}): the host is resolved, every
 * address is checked and the socket goes to the checked address, on each connection — so a name cannot
 * resolve to a public address when checked and to an internal one when connected (DNS rebinding).
 * Redirects are followed by `fetch` itself unless `init.redirect` says otherwise; each hop's connection is
 * checked all the same.
 */
export function createGuardedFetch(
  policy: AddressCheck,
  connectTimeoutMs: number,
  toolName: string,
): GuardedFetch {
  const dispatcher = createGuardedAgent(policy, connectTimeoutMs, toolName);
  return {
    fetch: (input, init) =>
      undiciFetch(input, { ...(init as UndiciRequestInit), dispatcher }) as unknown as Promise<Response>,
    close: () => dispatcher.destroy(),
  };
}
