import { useMemo, useState } from 'react';
import { getAgentToolConfig, getTool, putAgentToolConfig } from '../../api/agents';
import { fieldErrors } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import type { JsonSchema } from '../../forms/schema-fields';
import { SchemaForm } from '../../forms/schema-form';

function isSetMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { set?: unknown }).set === true;
}

async function load(agent: string, tool: string) {
  const [definition, config] = await Promise.all([getTool(tool), getAgentToolConfig(agent, tool)]);
  return { schema: definition.configSchema as JsonSchema | null, config };
}

/**
 * An agent's configuration of one tool, as a form built from the tool's config JSON Schema. Secret fields
 * are write-only: the API answers `{ "set": true }` for a stored secret, so the form shows "set" and an
 * empty field; left empty, the stored value is kept, typed in, it is replaced, and "Clear stored …" sends
 * `null`, which removes it. Every field is optional here, because an agent overrides only what differs
 * from the tool's default configuration.
 */
export function ToolConfigForm({ agent, tool }: { agent: string; tool: string }) {
  const loaded = useApi(() => load(agent, tool), [agent, tool]);
  const [saved, setSaved] = useState<{ count: number; config: Record<string, unknown> }>();
  const save = useAction(async (config: Record<string, unknown>) => {
    const stored = await putAgentToolConfig(agent, tool, config);
    setSaved((old) => ({ count: (old?.count ?? 0) + 1, config: stored }));
  });
  const schema = useMemo(
    () => (loaded.data?.schema ? { ...loaded.data.schema, required: [] } : undefined),
    [loaded.data],
  );
  const stored = saved?.config ?? loaded.data?.config ?? {};
  const secretsSet = Object.keys(stored).filter((key) => isSetMarker(stored[key]));
  const headingId = `tool-config-${tool}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{tool}</h3>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && !loaded.data && <Loading what={`${tool} configuration`} />}
      {loaded.data && !schema && <p className="muted">{tool} has no configuration.</p>}
      {schema && (
        <SchemaForm
          key={saved?.count ?? 0}
          schema={schema}
          initial={stored}
          secretsSet={secretsSet}
          submitLabel={`Save ${tool} configuration`}
          busy={save.busy}
          serverErrors={fieldErrors(save.error, '/config')}
          onSubmit={(config) => save.run(config)}
        />
      )}
      {saved && !save.error && (
        <p role="status" className="muted">
          Saved.
        </p>
      )}
      <ErrorMessage error={save.error} />
    </section>
  );
}
