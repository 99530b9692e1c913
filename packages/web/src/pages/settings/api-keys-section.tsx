import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading, StatusBadge, Time } from '../../app/feedback';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { CreateKeyForm } from './create-key-form';

/** Settings → API keys: the keys (never their values), create one (shown once), revoke one after a confirm. */
export function ApiKeysSection() {
  const keys = useApi(
    async () => unwrap(await api.GET('/api/v1/keys', { params: { query: { limit: 200 } } })).items,
    [],
  );
  const [confirming, setConfirming] = useState<string>();
  const revoke = useAction(async (id: string) => {
    unwrap(await api.DELETE('/api/v1/keys/{id}', { params: { path: { id } } }));
    setConfirming(undefined);
    keys.reload();
  });
  return (
    <section aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">API keys</h2>
      <p className="muted">
        Every /api/v1 request needs a key. While no key exists the server answers only on loopback without
        one; creating the first key closes it, so sign in with that key.
      </p>
      <CreateKeyForm onCreated={keys.reload} />
      <ErrorMessage error={keys.error} />
      <ErrorMessage error={revoke.error} />
      {keys.loading && !keys.data && <Loading what="API keys" />}
      {keys.data?.length === 0 && <p className="muted">No API keys yet.</p>}
      {(keys.data?.length ?? 0) > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {keys.data?.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <Time value={key.createdAt} />
                  </td>
                  <td>
                    <Time value={key.lastUsedAt} />
                  </td>
                  <td>
                    <StatusBadge status={key.revokedAt ? 'revoked' : 'active'} />
                  </td>
                  <td>
                    {key.revokedAt ? null : confirming === key.id ? (
                      <div className="confirm" role="alertdialog" aria-label={`Confirm revoking ${key.name}`}>
                        <p>Requests with this key will be refused at once. It cannot be undone.</p>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => void revoke.run(key.id)}
                          disabled={revoke.busy}
                        >
                          Yes, revoke {key.name}
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(undefined)}>
                          Keep {key.name}
                        </button>
                      </div>
                    ) : (
                      <button type="button" className="danger" onClick={() => setConfirming(key.id)}>
                        Revoke {key.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
