export { draftFormat } from './draft-format';
export { draftCorrectionPrompt, draftSystemPrompt } from './draft-prompt';
export { type DrafterSettings, type DraftRequest, WorkflowDrafter } from './workflow-drafter';
