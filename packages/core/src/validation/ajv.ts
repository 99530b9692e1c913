import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

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
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });
  return ajv;
}
