export { ContextTooLongError } from './context-too-long-error';
export { ModelNotFoundError } from './model-not-found-error';
export { OllamaResponseError } from './ollama-response-error';
export { OllamaTimeoutError } from './ollama-timeout-error';
export { OllamaUnreachableError } from './ollama-unreachable-error';
