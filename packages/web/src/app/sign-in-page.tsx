import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { connection } from '../api/connection';
import { unwrap } from '../api/problem';
import { ErrorMessage } from './feedback';
import { PageTitle } from './page-title';
import { useAction } from './use-action';

/**
 * Sign-in: the API key is sent once to `POST /api/v1/session`, which answers with an HttpOnly cookie. The
 * key is kept only in this form's state (never in localStorage or sessionStorage) and cleared on success.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const signIn = useAction(async () => {
    unwrap(await api.POST('/api/v1/session', { body: { key } }));
    setKey('');
    connection.authorized();
    onSignedIn();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run();
  };
  return (
    <div className="sign-in">
      <PageTitle>Sign in to Agentry</PageTitle>
      <p>This server needs an API key. It is exchanged for a session cookie and not stored in the browser.</p>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="current-password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            required
          />
        </div>
        <button type="submit" disabled={signIn.busy || !key}>
          Sign in
        </button>
        <ErrorMessage error={signIn.error} />
      </form>
    </div>
  );
}
