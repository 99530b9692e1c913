/** Hints for server error codes whose fix is outside the request itself. */
const HINTS: Record<string, string> = {
  API_KEY_REQUIRED:
    'the server requires a key: set AGENTRY_API_KEY or pass --api-key (create one with `agentry keys create NAME`).',
  INVALID_API_KEY:
    'the key is unknown or revoked: set AGENTRY_API_KEY or --api-key to an active key (`agentry keys list`).',
  ROUTE_NOT_FOUND: 'is AGENTRY_URL (or --url) the address of an Agentry server of this version?',
  OLLAMA_UNREACHABLE: 'start Ollama (`ollama serve`) or fix ollama.url on the server.',
  MODEL_NOT_FOUND: 'pull the model on the Ollama host: `ollama pull <model>`.',
};

/** The hint for a server error code, if the CLI knows a useful one. */
export function problemHint(code: string): string | undefined {
  return HINTS[code];
}
