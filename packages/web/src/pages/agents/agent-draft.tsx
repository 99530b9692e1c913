import { useState } from 'react';
import { draftAgent } from '../../api/agents';
import { ErrorMessage } from '../../app/feedback';
import { useAction } from '../../app/use-action';

/** A definition the model proposed, with what the API corrected in it. */
export type AgentDraft = Awaited<ReturnType<typeof draftAgent>>;

/**
 * "Draft from a description": the model proposes a definition (`POST /api/v1/agents/draft`), which
 * `onDraft` puts into the create form for review; nothing is saved here.
 */
export function AgentDraftForm({ onDraft }: { onDraft: (draft: AgentDraft) => void }) {
  const [description, setDescription] = useState('');
  const draft = useAction(async () => onDraft(await draftAgent(description.trim())));
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        draft.run();
      }}
    >
      <div className="field">
        <label htmlFor="agent-draft-description">Describe the agent</label>
        <textarea
          id="agent-draft-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <button type="submit" disabled={draft.busy || description.trim() === ''}>
        {draft.busy ? 'Drafting…' : 'Draft agent'}
      </button>
      <ErrorMessage error={draft.error} />
    </form>
  );
}
