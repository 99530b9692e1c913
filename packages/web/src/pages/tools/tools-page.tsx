import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading, StatusBadge } from '../../app/feedback';
import { Output } from '../../app/output';
import { PageTitle } from '../../app/page-title';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import type { JsonSchema } from '../../forms/schema-fields';
import { RegisterPluginForm } from './register-plugin-form';
import { TryTool } from './try-tool';

/**
 * Tools with their parameter schemas and a form to try each, plugins loaded/failed with reasons, a form to
 * register a plugin by package or path, and rescan.
 */
export function ToolsPage() {
  const tools = useApi(
    async () => unwrap(await api.GET('/api/v1/tools', { params: { query: { limit: 200 } } })).items,
    [],
  );
  const plugins = useApi(async () => unwrap(await api.GET('/api/v1/plugins')).items, []);
  const rescan = useAction(async () => {
    unwrap(await api.POST('/api/v1/tools/rescan'));
    tools.reload();
    plugins.reload();
  });
  return (
    <>
      <PageTitle>Tools & plugins</PageTitle>
      <section aria-labelledby="plugins-heading">
        <h2 id="plugins-heading">Plugins</h2>
        <button type="button" onClick={() => rescan.run()} disabled={rescan.busy}>
          Rescan tools directory
        </button>
        <ErrorMessage error={rescan.error} />
        <RegisterPluginForm
          onRegistered={() => {
            tools.reload();
            plugins.reload();
          }}
        />
        <ErrorMessage error={plugins.error} />
        {plugins.loading && !plugins.data && <Loading what="plugins" />}
        <ul className="cards">
          {plugins.data?.map((plugin) => (
            <li key={plugin.location} className={plugin.status === 'failed' ? 'card card-failed' : 'card'}>
              <h3>
                {plugin.name} <StatusBadge status={plugin.status} />
              </h3>
              <p className="muted">
                {plugin.source} · {plugin.location}
                {plugin.version ? ` · ${plugin.version}` : ''}
              </p>
              {plugin.reason && (
                <p className={plugin.status === 'failed' ? 'field-error' : undefined}>
                  Reason: {plugin.reason}
                </p>
              )}
              {plugin.tools.length > 0 && <p>Tools: {plugin.tools.join(', ')}</p>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="tools-heading">
        <h2 id="tools-heading">Tools</h2>
        <ErrorMessage error={tools.error} />
        {tools.loading && !tools.data && <Loading what="tools" />}
        <ul className="cards">
          {tools.data?.map((tool) => (
            <li key={tool.name} className="card">
              <h3>
                <code>{tool.name}</code>{' '}
                <StatusBadge
                  status={tool.enabled ? (tool.available ? 'enabled' : 'unavailable') : 'disabled'}
                />
              </h3>
              <p>{tool.descriptionOverride ?? tool.description}</p>
              <details>
                <summary>Parameters of {tool.name}</summary>
                <Output label={`Parameter schema of ${tool.name}`}>
                  {JSON.stringify(tool.inputSchema, null, 2)}
                </Output>
              </details>
              {tool.enabled && tool.available && (
                <TryTool name={tool.name} schema={tool.inputSchema as JsonSchema} />
              )}
              {tool.configSchema && (
                <details>
                  <summary>Configuration schema of {tool.name}</summary>
                  <Output label={`Configuration schema of ${tool.name}`}>
                    {JSON.stringify(tool.configSchema, null, 2)}
                  </Output>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
