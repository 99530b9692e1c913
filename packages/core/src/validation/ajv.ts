import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import { loadOnFirstUse } from '../runtime/load-on-first-use';

// Loaded when the first schema is compiled: ajv is among core's costliest imports, and a plugin worker
// (which imports core for `definePlugin`) never compiles a schema.
const ajvPackage = loadOnFirstUse<typeof import('ajv/dist/2020.js')>('ajv/dist/2020.js');
// ajv-formats is CommonJS; its function is `module.exports` itself (and also `.default`).
const addFormatsPackage = loadOnFirstUse<typeof addFormatsModule>('ajv-formats');

/** Options for {@link createAjv}. */
export interface CreateAjvOptions {
  /** Convert string numbers and booleans ("3", "true") to the schema's type, as small models send them. */
  coerceTypes?: boolean;
  /** Fill in `default` values from the schema. */
  useDefaults?: boolean;
}

/**
 * Creates an ajv (JSON Schema 2020-12) instance configured as Agentry needs it: all errors reported,
 * standard formats, and the `secret` keyword that marks configuration fields to encrypt and redact.
 */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new (ajvPackage().Ajv2020)({
    allErrors: true,
    strict: false,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormatsPackage()(ajv);
  ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });
  return ajv;
}
