/**
 * A deep copy of a JSON Schema with every `default` keyword removed (property names are kept, even one
 * called `default`). Update schemas are built from create schemas; with their defaults left in, a
 * validator that fills in defaults would turn `PATCH {"enabled": true}` into "and reset every other
 * field to its default". A merge-patch must change only what its body names.
 */
export function withoutDefaults<Schema extends object>(schema: Schema): Schema {
  return strip(schema) as Schema;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(value)) {
    if (key === 'default') continue;
    const child = (value as Record<string | symbol, unknown>)[key];
    copy[key] = key === 'properties' ? stripEach(child) : strip(child);
  }
  return copy;
}

/** `properties` maps names to schemas: keep every name, strip each schema. */
function stripEach(properties: unknown): unknown {
  if (properties === null || typeof properties !== 'object') return properties;
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, strip(schema)]));
}
