import { compileValidator, type Validator } from '../../validation/validator';

/**
 * Compiles an output schema as JSON Schema 2020-12. A top-level `$schema` (often draft-07's URL) and `$id`
 * are left out: the one shared ajv would refuse an unknown meta-schema, and a second schema with the same
 * `$id`. Throws `ValidationError` when the schema is not valid.
 */
export function compileOutputSchema(schema: Record<string, unknown>): Validator<unknown> {
  const { $schema: _meta, $id: _id, ...rest } = schema;
  return compileValidator(rest);
}
