import { listApprovals } from '../api/approvals';
import { useApi } from './use-api';

/** How often the navigation refreshes the number of pending approvals, in milliseconds. */
const REFRESH_MS = 5000;

/** The number of pending approvals, shown beside the "Approvals" navigation item (nothing when none). */
export function PendingCount() {
  const pending = useApi(() => listApprovals(), [], REFRESH_MS);
  const count = pending.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <>
      {' '}
      <span className="count">
        {count}
        <span className="visually-hidden"> pending</span>
      </span>
    </>
  );
}
