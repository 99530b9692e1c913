import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link } from '../../app/router';
import { useApi } from '../../app/use-api';
import { WorkflowCard } from './workflow-card';

/** Workflows: list, create and edit (links to the editor), enable/disable, run with an inputs form built from each workflow's inputs. */
export function WorkflowsPage() {
  const workflows = useApi(
    async () => unwrap(await api.GET('/api/v1/workflows', { params: { query: { limit: 200 } } })).items,
    [],
  );
  return (
    <>
      <PageTitle>Workflows</PageTitle>
      <p>
        <Link to="/workflows/new">New workflow</Link>
      </p>
      <ErrorMessage error={workflows.error} />
      {workflows.loading && !workflows.data && <Loading what="workflows" />}
      {workflows.data?.length === 0 && (
        <p className="muted">No workflows yet. Create one with New workflow, the API or the CLI.</p>
      )}
      <ul className="cards">
        {workflows.data?.map((workflow) => (
          <WorkflowCard key={workflow.name} workflow={workflow} onChanged={workflows.reload} />
        ))}
      </ul>
    </>
  );
}
