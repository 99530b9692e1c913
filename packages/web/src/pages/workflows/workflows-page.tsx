import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useApi } from '../../app/use-api';
import { WorkflowCard } from './workflow-card';

/** Workflows: list, enable/disable, run with an inputs form built from each workflow's inputs. */
export function WorkflowsPage() {
  const workflows = useApi(
    async () => unwrap(await api.GET('/api/v1/workflows', { params: { query: { limit: 200 } } })).items,
    [],
  );
  return (
    <>
      <PageTitle>Workflows</PageTitle>
      <ErrorMessage error={workflows.error} />
      {workflows.loading && !workflows.data && <Loading what="workflows" />}
      {workflows.data?.length === 0 && (
        <p className="muted">No workflows yet. Create one with the API or the CLI (agentry workflows).</p>
      )}
      <ul className="cards">
        {workflows.data?.map((workflow) => (
          <WorkflowCard key={workflow.name} workflow={workflow} onChanged={workflows.reload} />
        ))}
      </ul>
    </>
  );
}
