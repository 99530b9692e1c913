/**
 * A webhook trigger's signing secret, shown once right after it was created (the API never shows it
 * again), with where the trigger is called; "I have stored it" hides it.
 */
export function NewSecret(props: { name: string; hookPath: string; secret: string; onDone: () => void }) {
  const { name, hookPath, secret, onDone } = props;
  return (
    <div className="confirm" role="status" aria-label={`Signing secret of ${name}`}>
      <p>
        <strong>Store the signing secret of “{name}” now: you will not see it again.</strong> The calling
        system signs each call to <code>POST {hookPath}</code> with it (Standard Webhooks).
      </p>
      <p>
        <label htmlFor="new-trigger-secret">Signing secret</label>{' '}
        <input id="new-trigger-secret" readOnly value={secret} onFocus={(e) => e.target.select()} />
      </p>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}
