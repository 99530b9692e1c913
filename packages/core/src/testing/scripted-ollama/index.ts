export { defaultScriptedModels, type ScriptedModel } from './scripted-models';
export type {
  RecordedRequest,
  RecordedRequestBody,
  ScriptedOllama,
  ScriptedResponder,
  StartScriptedOllamaOptions,
} from './scripted-ollama-types';
export {
  reply,
  type ScriptedDelayReply,
  type ScriptedDisconnectReply,
  type ScriptedErrorReply,
  type ScriptedHangReply,
  type ScriptedMessageReply,
  type ScriptedReply,
  type ScriptedStreamErrorReply,
  type ScriptedToolCall,
  type TextReplyOptions,
  type ToolCallsReplyOptions,
} from './scripted-reply';
export { SCRIPTED_OLLAMA_VERSION, startScriptedOllama } from './start-scripted-ollama';
