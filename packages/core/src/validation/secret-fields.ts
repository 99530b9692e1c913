import type { JsonSchema } from '../tools/tool-types';

/**
 * Lists the top-level property names a configuration schema marks `secret: true`. Agentry's config
 * schemas are flat objects; nested secrets are not supported (documented in docs/plugin-authoring.md).
 */
export function secretFields(schema: JsonSchema | undefined): string[] {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>)
    .filter(([, property]) => property?.secret === true)
    .map(([name]) => name);
}
