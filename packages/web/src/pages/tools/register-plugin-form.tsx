import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { errorText, unwrap } from '../../api/problem';
import { FormRow } from '../../app/form-row';
import { useAction } from '../../app/use-action';

/** Where the plugin to register is: an installed npm package, or a folder or .js/.mjs file on the server. */
type ReferenceKind = 'package' | 'path';

/**
 * Registers a plugin through `POST /api/v1/tools` by installed package name or server path; the API
 * loads it at once and at every start. Its problem `detail` (why it did not load; nothing is stored then)
 * is shown under the field. `onRegistered` runs once it is loaded.
 */
export function RegisterPluginForm({ onRegistered }: { onRegistered: () => void }) {
  const [kind, setKind] = useState<ReferenceKind>('path');
  const [reference, setReference] = useState('');
  const [registered, setRegistered] = useState<string>();
  const register = useAction(async (body: { package: string } | { path: string }) => {
    const answer = unwrap(await api.POST('/api/v1/tools', { body }));
    setRegistered(answer.plugin.name);
    onRegistered();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRegistered(undefined);
    const value = reference.trim();
    register.run(kind === 'package' ? { package: value } : { path: value });
  };
  const label = kind === 'package' ? 'Package name' : 'Plugin path on the server';
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="register-plugin-heading">
      <h3 id="register-plugin-heading">Register a plugin</h3>
      <FormRow label="Register by">
        <select
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as ReferenceKind);
            register.clear();
          }}
        >
          <option value="path">Path (a plugin folder or .js/.mjs file)</option>
          <option value="package">Installed npm package</option>
        </select>
      </FormRow>
      <FormRow
        label={label}
        help={
          kind === 'package'
            ? 'An npm package installed where the server runs, e.g. @agentry/plugin-http.'
            : 'An absolute path on the server, e.g. /srv/agentry/plugins/weather.'
        }
        error={register.error ? errorText(register.error) : undefined}
      >
        <input type="text" value={reference} onChange={(event) => setReference(event.target.value)} />
      </FormRow>
      <button type="submit" disabled={register.busy || reference.trim() === ''}>
        Register plugin
      </button>
      {registered && !register.error && (
        <p role="status" className="muted">
          Registered {registered}.
        </p>
      )}
    </form>
  );
}
