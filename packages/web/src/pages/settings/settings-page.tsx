import { getSettings } from '../../api/settings';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useApi } from '../../app/use-api';
import { ApiKeysSection } from './api-keys-section';
import { SettingRowView } from './setting-row';
import { settingRows } from './setting-values';

/**
 * Settings: every setting in force with its value (secrets only as "set"), each changeable through the
 * settings API (errors shown at the field), and the API keys.
 */
export function SettingsPage() {
  const config = useApi(getSettings, []);
  const rows = config.data ? settingRows(config.data) : [];
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
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <SettingRowView key={row.key} row={row} onChanged={config.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ApiKeysSection />
    </>
  );
}
