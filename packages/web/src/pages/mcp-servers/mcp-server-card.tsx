import { useState } from 'react';
import {
  deleteMcpServer,
  getMcpServerStatus,
  type McpServer,
  setMcpServerEnabled,
} from '../../api/mcp-servers';
import { ErrorMessage, StatusBadge } from '../../app/feedback';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';

/**
 * One MCP server: transport, source, enabled, connection state (polled), last error and tools. A server
 * registered over the API can be enabled, disabled and deleted (after a confirm); one from the settings file
 * says it is read-only. `onChanged` runs after a change so the list reloads.
 */
export function McpServerCard({ server, onChanged }: { server: McpServer; onChanged: () => void }) {
  const status = useApi(() => getMcpServerStatus(server.name), [server.name, server.enabled], 3_000);
  const [confirming, setConfirming] = useState(false);
  const toggle = useAction(async () => {
    await setMcpServerEnabled(server.name, !server.enabled);
    onChanged();
  });
  const remove = useAction(async () => {
    await deleteMcpServer(server.name);
    onChanged();
  });
  const { transport } = server;
  return (
    <li className={status.data?.state === 'failed' ? 'card card-failed' : 'card'}>
      <h3>
        {server.name} {status.data && <StatusBadge status={status.data.state} />}
      </h3>
      <dl className="facts">
        <dt>Transport</dt>
        <dd>
          {transport.type === 'stdio' ? (
            <>
              stdio <code>{[transport.command, ...(transport.args ?? [])].join(' ')}</code>
            </>
          ) : (
            <>
              HTTP <code>{transport.url}</code>
            </>
          )}
        </dd>
        <dt>Source</dt>
        <dd>{server.source === 'file' ? 'settings file (read-only)' : 'api'}</dd>
        <dt>Enabled</dt>
        <dd>{server.enabled ? 'yes' : 'no'}</dd>
        {status.data?.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="field-error">{status.data.lastError}</dd>
          </>
        )}
        <dt>Tools</dt>
        <dd>{status.data?.tools.length ? status.data.tools.join(', ') : 'none'}</dd>
      </dl>
      <ErrorMessage error={status.error} />
      {server.source === 'file' ? (
        <p className="muted">Read-only: defined in the settings file; change it there and restart.</p>
      ) : (
        <div>
          <button type="button" onClick={() => void toggle.run()} disabled={toggle.busy}>
            {server.enabled ? `Disable ${server.name}` : `Enable ${server.name}`}
          </button>{' '}
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-label={`Confirm deleting ${server.name}`}>
              <p>Its tools become unavailable and every tool config stored for it is deleted.</p>
              <button
                type="button"
                className="danger"
                onClick={() => void remove.run()}
                disabled={remove.busy}
              >
                Yes, delete {server.name}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep {server.name}
              </button>
            </div>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Delete {server.name}
            </button>
          )}
          <ErrorMessage error={toggle.error ?? remove.error} />
        </div>
      )}
    </li>
  );
}
