export { type NormalisedToolCall, normaliseNativeToolCall } from './normalise-native-tool-call';
export { parseAssistantReply } from './parse-assistant-reply';
export type { ParsedReply, ToolCall } from './parsed-reply';
export { renderToolInstructions, type ToolDescription } from './render-tool-instructions';
