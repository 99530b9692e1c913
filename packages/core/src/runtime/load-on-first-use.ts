import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A getter that loads the CommonJS build of package `name` on its first call and returns the same module
 * after. Core's costliest dependencies (the Ollama client and its HTTP pool, the scheduler's clock, the
 * pretty log formatter) are loaded this way, so importing `@agentry/core` — which every plugin does, once per
 * plugin worker — stays cheap for code that never uses them. Types come from a type-only import of the
 * package, so nothing is loaded at import time.
 */
export function loadOnFirstUse<Module>(name: string): () => Module {
  let loaded: Module | undefined;
  return () => {
    loaded ??= requireHere(name) as Module;
    return loaded;
  };
}
