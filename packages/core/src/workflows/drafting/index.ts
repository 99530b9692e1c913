export { draftFormat } from './draft-format';
export { draftCorrectionPrompt, draftSystemPrompt } from './draft-prompt';
export { checkTriggerProposal, triggerProposalFormat } from './trigger-proposal';
export { type DrafterSettings, type DraftRequest, WorkflowDrafter } from './workflow-drafter';
