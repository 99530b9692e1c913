import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { fieldErrors, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { useAction } from '../../app/use-action';

/**
 * The first key closes a server that was open on loopback: this browser then has no session, and the next
 * request would show the sign-in form before the new key could be copied. Sign in with the new key instead.
 */
async function keepWorkingAfterFirstKey(key: string): Promise<void> {
  const session = unwrap(await api.GET('/api/v1/session'));
  if (session.required && !session.signedIn) unwrap(await api.POST('/api/v1/session', { body: { key } }));
}

/** The name field and button that create an API key, then show the new key once with a copy button. */
export function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [copied, setCopied] = useState(false);
  const create = useAction(async () => {
    const key = unwrap(await api.POST('/api/v1/keys', { body: { name } }));
    setCreated({ name: key.name, key: key.key });
    await keepWorkingAfterFirstKey(key.key);
    setCopied(false);
    setName('');
    onCreated();
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created.key);
    setCopied(true);
  };
  return (
    <>
      <form className="form" onSubmit={submit} aria-label="Create an API key">
        <div className="field">
          <label htmlFor="key-name">Key name</label>
          <input
            id="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'key-name-error' : undefined}
          />
          {errors.name && (
            <p id="key-name-error" className="field-error">
              {errors.name}
            </p>
          )}
        </div>
        <button type="submit" disabled={create.busy || !name.trim()}>
          Create key
        </button>
        <ErrorMessage error={create.error} />
      </form>
      {created && (
        <div className="confirm" role="status" aria-label={`New API key ${created.name}`}>
          <p>
            <strong>Copy the key “{created.name}” now: you will not see it again.</strong> Only its hash is
            stored.
          </p>
          <p>
            <label htmlFor="new-key">New API key</label>{' '}
            <input id="new-key" readOnly value={created.key} onFocus={(e) => e.target.select()} />
          </p>
          <button type="button" onClick={() => void copy()}>
            Copy key
          </button>{' '}
          <button type="button" onClick={() => setCreated(undefined)}>
            I have stored it
          </button>
          {copied && <span className="muted"> Copied.</span>}
        </div>
      )}
    </>
  );
}
