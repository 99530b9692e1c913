import { listApprovals } from '../../api/approvals';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useApi } from '../../app/use-api';
import { ApprovalCard } from './approval-card';

/** Approvals: the tool calls waiting for a person, each to approve, reject with a reason, or edit and approve. */
export function ApprovalsPage() {
  const approvals = useApi(() => listApprovals(), [], 5000);
  return (
    <>
      <PageTitle>Approvals</PageTitle>
      <ErrorMessage error={approvals.error} />
      {approvals.loading && !approvals.data && <Loading what="approvals" />}
      {approvals.data?.length === 0 && <p className="muted">No tool call is waiting for a decision.</p>}
      <ul className="cards">
        {approvals.data?.map((approval) => (
          <ApprovalCard key={approval.id} approval={approval} onDecided={approvals.reload} />
        ))}
      </ul>
    </>
  );
}
