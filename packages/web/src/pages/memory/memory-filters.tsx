import type { MemoryRole } from '../../api/memory';

/** The roles a memory entry can have, in the order a run produces them. */
const ROLES: readonly MemoryRole[] = ['system', 'user', 'thought', 'tool_call', 'tool_output', 'assistant'];

/** The filters of the memory list: one run (its id) and one role; empty means any. */
export interface MemoryFilter {
  runId: string;
  role: MemoryRole | '';
}

/** A run of the agent to offer in the run filter. */
export interface RunChoice {
  id: string;
  status: string;
  createdAt: string;
  task: string;
}

/** The run and role pickers above the memory list (`runId` / `role` of `GET …/memory`). */
export function MemoryFilters(props: {
  runs: readonly RunChoice[];
  filter: MemoryFilter;
  onChange: (filter: MemoryFilter) => void;
}) {
  const { runs, filter, onChange } = props;
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="memory-run">Run</label>
        <select
          id="memory-run"
          value={filter.runId}
          onChange={(e) => onChange({ ...filter, runId: e.target.value })}
        >
          <option value="">Every run</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {run.createdAt.slice(0, 19).replace('T', ' ')} · {run.status} · {run.task.slice(0, 40)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="memory-role">Role</label>
        <select
          id="memory-role"
          value={filter.role}
          onChange={(e) => onChange({ ...filter, role: e.target.value as MemoryRole | '' })}
        >
          <option value="">Every role</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
