import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useApi } from '../../app/use-api';
import { ApiKeysSection } from './api-keys-section';

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (Object.keys(object).length === 1 && object.set !== undefined)
      return [[prefix, object.set ? '(set)' : '(not set)']];
    return Object.entries(object).flatMap(([key, inner]) =>
      flatten(inner, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [[prefix, JSON.stringify(value)]];
}

/** Settings: every setting in force with its value (secrets only as "set"), and the API keys. */
export function SettingsPage() {
  const config = useApi(async () => unwrap(await api.GET('/api/v1/config')), []);
  const rows = config.data ? flatten(config.data) : [];
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <ErrorMessage error={config.error} />
      {config.loading && !config.data && <Loading what="settings" />}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Settings in force</caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>
                    <code>{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ApiKeysSection />
    </>
  );
}
