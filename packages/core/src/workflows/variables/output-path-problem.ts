/**
 * Checks a variable's path into a step output against the step's output schema, at save time: each
 * segment must be a property the (sub)schema declares under `properties` (fields it does not declare are
 * unknown unless `additionalProperties` or `patternProperties` allows them), or an index into an array
 * schema with `items`. A path into a string, number, boolean or null is refused. Where the schema does
 * not say (no `type`/`properties`, `anyOf`, `$ref`, ...), the rest of the path is not checked. Returns
 * what is wrong, or `undefined`.
 */
export function outputPathProblem(schema: unknown, path: readonly string[]): string | undefined {
  let current = schema;
  const walked: string[] = ['output'];
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    const where = `'${walked.join('.')}'`;
    const properties = current.properties;
    if (isObject(properties)) {
      if (Object.hasOwn(properties, segment)) {
        current = properties[segment];
      } else if (allowsOtherFields(current)) {
        return undefined;
      } else {
        const known = Object.keys(properties);
        return `${where} has no field '${segment}' in the step's output schema (its fields: ${known.join(', ') || 'none'})`;
      }
    } else if (current.type === 'array' && /^\d+$/.test(segment)) {
      current = current.items;
    } else if (typeof current.type === 'string' && current.type !== 'object' && current.type !== 'array') {
      return `${where} is a ${current.type} in the step's output schema and has no field '${segment}'`;
    } else {
      return undefined;
    }
    walked.push(segment);
  }
  return undefined;
}

function allowsOtherFields(schema: Record<string, unknown>): boolean {
  const extra = schema.additionalProperties;
  return (extra !== undefined && extra !== false) || schema.patternProperties !== undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
