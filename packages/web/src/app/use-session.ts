import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { connection } from '../api/connection';
import { unwrap } from '../api/problem';
import { useApi } from './use-api';

/** Whether the console must show the sign-in form, and how to sign out. */
export interface ConsoleSession {
  /** Still asking the server. */
  loading: boolean;
  /** The server needs a key and this browser has no valid session. */
  needsSignIn: boolean;
  /** A session cookie is in use (so a sign-out button makes sense). */
  signedIn: boolean;
  /** Call after a successful sign-in. */
  refresh: () => void;
  /** Revokes the session and shows the sign-in form. */
  signOut: () => Promise<void>;
}

/** The console's session, from `GET /api/v1/session` and any 401 the API answers. */
export function useSession(): ConsoleSession {
  const state = useApi(async () => unwrap(await api.GET('/api/v1/session')), []);
  const { unauthorized } = useSyncExternalStore(connection.subscribe, connection.get);
  const { reload } = state;
  const signOut = useCallback(async () => {
    unwrap(await api.DELETE('/api/v1/session'));
    reload();
  }, [reload]);
  const data = state.data;
  return {
    loading: state.loading && !data,
    needsSignIn: unauthorized || (data?.required === true && !data.signedIn),
    signedIn: data?.signedIn === true && !unauthorized,
    refresh: reload,
    signOut,
  };
}
