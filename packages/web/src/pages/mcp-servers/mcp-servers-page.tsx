import { listMcpServers } from '../../api/mcp-servers';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useApi } from '../../app/use-api';
import { McpServerCard } from './mcp-server-card';
import { RegisterMcpServerForm } from './register-mcp-server-form';

/** MCP servers: each with its transport, source, state, last error and tools; register, toggle and delete. */
export function McpServersPage() {
  const servers = useApi(listMcpServers, [], 15_000);
  return (
    <>
      <PageTitle>MCP servers</PageTitle>
      <ErrorMessage error={servers.error} />
      {servers.loading && !servers.data && <Loading what="MCP servers" />}
      {servers.data?.length === 0 && <p className="muted">No MCP servers yet.</p>}
      <ul className="cards">
        {servers.data?.map((server) => (
          <McpServerCard key={server.name} server={server} onChanged={servers.reload} />
        ))}
      </ul>
      <RegisterMcpServerForm onRegistered={servers.reload} />
    </>
  );
}
