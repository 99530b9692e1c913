import { useState } from 'react';
import { type Approval, type DecisionBody, decideApproval } from '../../api/approvals';
import { ApiProblem, fieldErrors } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { FormRow } from '../../app/form-row';
import { Output } from '../../app/output';
import { Link } from '../../app/router';
import { useAction } from '../../app/use-action';

/** The console's message for a decision someone else already recorded (409 `ALREADY_DECIDED`). */
const alreadyDecided = 'This call was already decided.';

/** The API's problems with edited arguments (`/arguments/url`), as `url: is required` lines. */
function argumentProblems(error: unknown): string | undefined {
  if (!ApiProblem.isInstance(error)) return undefined;
  const lines = error.fields
    .filter((field) => field.path === '/arguments' || field.path.startsWith('/arguments/'))
    .map((field) => {
      const inner = field.path.slice('/arguments/'.length);
      return inner ? `${inner}: ${field.message}` : field.message;
    });
  return lines.length > 0 ? lines.join('; ') : undefined;
}

function decisionError(error: unknown): unknown {
  if (ApiProblem.isInstance(error) && error.status === 409) return new Error(alreadyDecided);
  return error;
}

/**
 * One pending tool call: tool, agent, run link, masked arguments and the model's reasoning; approve,
 * reject with a reason, or edit the arguments as JSON and approve. `onDecided` runs after a decision.
 */
export function ApprovalCard({
  approval,
  onDecided,
  showRun = true,
}: {
  approval: Approval;
  onDecided: () => void;
  showRun?: boolean;
}) {
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [args, setArgs] = useState(() => JSON.stringify(approval.arguments, null, 2));
  const [argsError, setArgsError] = useState<string>();
  const decide = useAction(async (body: DecisionBody) => {
    await decideApproval(approval.id, body);
    onDecided();
  });
  const fields = fieldErrors(decide.error);
  const approve = () => {
    setArgsError(undefined);
    if (!editing) return decide.run({ decision: 'approve', ...(reason ? { reason } : {}) });
    let parsed: unknown;
    try {
      parsed = JSON.parse(args);
    } catch {
      setArgsError('The arguments are not valid JSON.');
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setArgsError('The arguments must be a JSON object.');
      return;
    }
    return decide.run({
      decision: 'approve',
      arguments: parsed as Record<string, unknown>,
      ...(reason ? { reason } : {}),
    });
  };
  const label = `${approval.tool} for ${approval.agent}`;
  return (
    <li className="card">
      <h3>
        <code>{approval.tool}</code> for agent {approval.agent}
      </h3>
      {showRun && <Link to={`/runs/${approval.runId}`}>Open the run of {approval.agent}</Link>}
      <h4 className="small">Arguments</h4>
      <Output label={`Arguments of ${approval.tool}`}>{JSON.stringify(approval.arguments, null, 2)}</Output>
      {approval.reasoning && (
        <>
          <h4 className="small">Reasoning</h4>
          <p>{approval.reasoning}</p>
        </>
      )}
      <FormRow label={`Reason (${label})`} error={fields.reason}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </FormRow>
      <label>
        <input type="checkbox" checked={editing} onChange={(event) => setEditing(event.target.checked)} />{' '}
        Edit arguments ({label})
      </label>
      {editing && (
        <FormRow label={`Arguments as JSON (${label})`} error={argsError ?? argumentProblems(decide.error)}>
          <textarea rows={6} value={args} onChange={(event) => setArgs(event.target.value)} />
        </FormRow>
      )}
      <div className="actions">
        <button type="button" onClick={() => void approve()} disabled={decide.busy}>
          Approve {approval.tool}
        </button>
        <button
          type="button"
          className="danger"
          disabled={decide.busy}
          onClick={() => void decide.run({ decision: 'reject', ...(reason ? { reason } : {}) })}
        >
          Reject {approval.tool}
        </button>
      </div>
      <ErrorMessage error={decisionError(decide.error)} />
    </li>
  );
}
