import type { TSchema } from 'typebox';

type SchemaObject = Record<string, unknown>;

/**
 * The schema a request body is checked against: the route's schema with unknown top-level fields refused
 * (`additionalProperties: false` where the schema leaves it open), so a misspelt field such as `tool`
 * for `tools` is a 400 naming it instead of being ignored. Branches of `anyOf`/`oneOf` are treated alike;
 * nested free-form objects (tool parameters, configs) stay open. Used for validation and for OpenAPI.
 */
export function strictBody(schema: TSchema): TSchema {
  return strict(schema as SchemaObject) as TSchema;
}

function strict(schema: SchemaObject): SchemaObject {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches))
      return { ...schema, [keyword]: branches.map((branch) => strict(branch as SchemaObject)) };
  }
  const isClosable =
    schema.type === 'object' && typeof schema.properties === 'object' && !('additionalProperties' in schema);
  return isClosable && !('patternProperties' in schema) ? { ...schema, additionalProperties: false } : schema;
}
