/** What the console knows about its link to the server. */
export interface ConnectionState {
  /** The last request failed at the network level (server down, network lost). */
  lost: boolean;
  /** The server answered 401: an API key (sign-in) is needed. */
  unauthorized: boolean;
}

type Listener = () => void;

/** A tiny store of the connection state, read with `useSyncExternalStore`. */
class ConnectionStore {
  private state: ConnectionState = { lost: false, unauthorized: false };
  private readonly listeners = new Set<Listener>();

  /** The current state (a new object after each change). */
  readonly get = (): ConnectionState => this.state;

  /** Calls `listener` after each change; returns the unsubscribe function. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A request reached the server. */
  reached(): void {
    this.set({ lost: false });
  }

  /** A request could not reach the server. */
  lost(): void {
    this.set({ lost: true });
  }

  /** The server asked for credentials. */
  unauthorized(): void {
    this.set({ unauthorized: true });
  }

  /** The user signed in. */
  authorized(): void {
    this.set({ unauthorized: false });
  }

  private set(change: Partial<ConnectionState>): void {
    const next = { ...this.state, ...change };
    if (next.lost === this.state.lost && next.unauthorized === this.state.unauthorized) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The console's connection state. */
export const connection = new ConnectionStore();
