import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, StatusBadge } from '../../app/feedback';
import { Link } from '../../app/router';
import { useApi } from '../../app/use-api';
import type { TimelineChild } from './timeline-types';

/** One run of the tree as `GET /api/v1/runs/{id}/tree` answers it. */
interface ChildNode {
  id: string;
  kind: string;
  agent: string;
  status: string;
  children: ChildNode[];
}

/**
 * The direct children from the stored tree, each with the status its latest `child.*` event reported (the
 * stream is newer than the last fetch), followed by children the stream announced that the tree lacks yet.
 */
function mergeChildren(stored: readonly ChildNode[], live: readonly TimelineChild[]): ChildNode[] {
  const merged = stored.map((node) => {
    const reported = live.find((child) => child.runId === node.id);
    return reported ? { ...node, status: reported.status } : node;
  });
  const missing = live.filter((child) => !stored.some((node) => node.id === child.runId));
  return [
    ...merged,
    ...missing.map((child) => ({
      id: child.runId,
      kind: 'agent',
      agent: child.agent,
      status: child.status,
      children: [],
    })),
  ];
}

function ChildList({ nodes }: { nodes: readonly ChildNode[] }) {
  return (
    <ul className="child-runs">
      {nodes.map((node) => (
        <li key={node.id}>
          <Link to={`/runs/${node.id}`}>
            {node.kind} {node.agent}
          </Link>{' '}
          <StatusBadge status={node.status} />
          {node.children.length > 0 && <ChildList nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * The runs a run started (delegation to `ask_<agent>` tools, workflow steps), nested down the whole tree,
 * each linking to its own run view with its status. The tree is fetched again whenever a `child.*` event
 * arrives and when the run ends; the section is left out while the run has no children.
 */
export function ChildRuns(props: { runId: string; live: readonly TimelineChild[]; done: boolean }) {
  const { runId, live, done } = props;
  const version = live.map((child) => `${child.runId}:${child.status}`).join(',');
  const tree = useApi(
    async () => unwrap(await api.GET('/api/v1/runs/{id}/tree', { params: { path: { id: runId } } })),
    [runId, version, done],
  );
  const nodes = mergeChildren((tree.data?.children as ChildNode[] | undefined) ?? [], live);
  if (nodes.length === 0 && !tree.error) return null;
  return (
    <section aria-labelledby="child-runs-heading">
      <h2 id="child-runs-heading">Child runs</h2>
      <ErrorMessage error={tree.error} />
      <ChildList nodes={nodes} />
    </section>
  );
}
