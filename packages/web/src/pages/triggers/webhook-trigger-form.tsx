import { useState } from 'react';
import type { TriggerBody } from '../../api/triggers';
import { FormRow } from '../../app/form-row';

/** Props of {@link WebhookTriggerForm}. */
export interface WebhookTriggerFormProps {
  /** The agents and workflows that can be targeted. */
  targets: { agent: string[]; workflow: string[] };
  /** Sends the body; resolves to whether the API accepted it. */
  onSubmit: (body: TriggerBody) => Promise<boolean>;
  busy: boolean;
  /** The API's messages by field (first segment of each pointer). */
  serverErrors: Record<string, string>;
}

const agentInput = '{\n  "task": "Handle this event: {event.payload}"\n}';

/**
 * "Create a webhook trigger": name, target, and the target's input with `{event.…}` variables. Calls must
 * be signed (Standard Webhooks): the API makes the signing secret, which the page shows once.
 */
export function WebhookTriggerForm({ targets, onSubmit, busy, serverErrors }: WebhookTriggerFormProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'agent' | 'workflow'>('agent');
  const [target, setTarget] = useState('');
  const [input, setInput] = useState(agentInput);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const error = (field: string) => errors[field] ?? serverErrors[field];
  const submit = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      parsed = undefined;
    }
    const problems: Record<string, string> = {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      problems.input = 'Input must be a JSON object.';
    if (!target) problems.target = 'Pick an agent or a workflow.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: TriggerBody = {
      name: name.trim(),
      kind: 'webhook',
      target: { kind, name: target },
      input: parsed as Record<string, unknown>,
      enabled: true,
      maxRetries: 0,
      retryBackoffMs: 30_000,
      webhook: { allowUnsigned: false, maxBodyBytes: 65_536, rateLimitPerMinute: 60 },
    };
    if (await onSubmit(body)) setName('');
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormRow
        label="Trigger name"
        help="A letter or digit, then letters, digits, _, . or -."
        error={error('name')}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </FormRow>
      <FormRow label="Target kind">
        <select
          value={kind}
          onChange={(e) => {
            const next = e.target.value as 'agent' | 'workflow';
            setKind(next);
            setTarget('');
            setInput(next === 'agent' ? agentInput : '{}');
          }}
        >
          <option value="agent">agent</option>
          <option value="workflow">workflow</option>
        </select>
      </FormRow>
      <FormRow label="Target" error={error('target')}>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">(pick one)</option>
          {targets[kind].map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </FormRow>
      <FormRow
        label="Input (JSON)"
        help="Agent: { task, context? }; workflow: its inputs. Strings may use {event.…} variables, e.g. {event.payload.order.id}."
        error={error('input')}
      >
        <textarea rows={4} value={input} onChange={(e) => setInput(e.target.value)} />
      </FormRow>
      <button type="submit" disabled={busy}>
        Create webhook trigger
      </button>
    </form>
  );
}
