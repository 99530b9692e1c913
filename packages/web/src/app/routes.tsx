import type { ReactElement } from 'react';
import { AgentEditPage } from '../pages/agents/agent-edit-page';
import { AgentsPage } from '../pages/agents/agents-page';
import { ApprovalsPage } from '../pages/approvals/approvals-page';
import { McpServersPage } from '../pages/mcp-servers/mcp-servers-page';
import { MemoryPage } from '../pages/memory/memory-page';
import { OverviewPage } from '../pages/overview/overview-page';
import { RunAgentPage } from '../pages/run-agent/run-agent-page';
import { RunViewPage } from '../pages/run-view/run-view-page';
import { ScheduleHistoryPage } from '../pages/schedules/schedule-history-page';
import { SchedulesPage } from '../pages/schedules/schedules-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { ToolsPage } from '../pages/tools/tools-page';
import { TriggersPage } from '../pages/triggers/triggers-page';
import { WorkflowEditorPage } from '../pages/workflows/workflow-editor-page';
import { WorkflowsPage } from '../pages/workflows/workflows-page';
import { PageTitle } from './page-title';

/** The page for a location (`pathname?search`); unknown paths get a "not found" page. */
export function pageFor(location: string): ReactElement {
  const [path = '/', search = ''] = location.split('?');
  const query = new URLSearchParams(search);
  const run = /^\/runs\/([^/]+)$/.exec(path);
  if (run?.[1]) return <RunViewPage key={run[1]} id={decodeURIComponent(run[1])} />;
  const agent = /^\/agents\/([^/]+)$/.exec(path);
  const workflow = /^\/workflows\/([^/]+)$/.exec(path);
  if (workflow?.[1] === 'new') return <WorkflowEditorPage key="new" />;
  if (workflow?.[1]) return <WorkflowEditorPage key={workflow[1]} name={decodeURIComponent(workflow[1])} />;
  const schedule = /^\/schedules\/([^/]+)$/.exec(path);
  if (schedule?.[1]) return <ScheduleHistoryPage key={schedule[1]} id={decodeURIComponent(schedule[1])} />;
  if (agent?.[1]) return <AgentEditPage key={agent[1]} name={decodeURIComponent(agent[1])} />;
  switch (path) {
    case '/':
      return <OverviewPage />;
    case '/agents':
      return <AgentsPage />;
    case '/run':
      return <RunAgentPage key={query.get('agent') ?? ''} agent={query.get('agent') ?? ''} />;
    case '/workflows':
      return <WorkflowsPage />;
    case '/schedules':
      return <SchedulesPage />;
    case '/triggers':
      return <TriggersPage />;
    case '/approvals':
      return <ApprovalsPage />;
    case '/tools':
      return <ToolsPage />;
    case '/mcp-servers':
      return <McpServersPage />;
    case '/memory':
      return <MemoryPage key={query.get('agent') ?? ''} agent={query.get('agent') ?? ''} />;
    case '/settings':
      return <SettingsPage />;
    default:
      return <PageTitle>Page not found</PageTitle>;
  }
}
