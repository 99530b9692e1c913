/** A JSON Schema seen as a plain record, to read its keywords. */
export type SchemaRecord = Record<string, unknown>;

/**
 * A compact, human-readable type for a JSON Schema, for tool instructions: `string`, `integer`,
 * `one of "a" | "b"`, `string[]`, `string or null`, `object {a, b}`.
 */
export function describeSchemaType(schema: SchemaRecord, depth = 0): string {
  if (Array.isArray(schema.enum))
    return `one of ${schema.enum.map((value: unknown) => JSON.stringify(value)).join(' | ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as SchemaRecord[] | undefined;
  if (Array.isArray(variants) && depth < 3) {
    return variants.map((variant) => describeSchemaType(variant, depth + 1)).join(' or ');
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  return types.map((type) => describeOne(String(type ?? 'any'), schema, depth)).join(' or ');
}

function describeOne(type: string, schema: SchemaRecord, depth: number): string {
  if (type === 'array' && typeof schema.items === 'object' && schema.items !== null && depth < 3) {
    const item = describeSchemaType(schema.items as SchemaRecord, depth + 1);
    return /^\w+$/.test(item) ? `${item}[]` : `list of (${item})`;
  }
  if (type === 'object' && typeof schema.properties === 'object' && schema.properties !== null) {
    return `object {${Object.keys(schema.properties).join(', ')}}`;
  }
  if (schema.format !== undefined && type === 'string') return `string, ${String(schema.format)}`;
  return type;
}
