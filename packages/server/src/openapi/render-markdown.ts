type JsonObject = Record<string, unknown>;

/**
 * Renders an OpenAPI document as a Markdown reference: one section per tag, one entry per operation with
 * its parameters, body schema and answers. docs/api-reference.md is this output, kept current by a test.
 */
export function renderOpenApiMarkdown(document: JsonObject): string {
  const info = document.info as { title: string; version: string; description?: string };
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths as Record<string, JsonObject>)) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as JsonObject;
      const tag = (operation.tags as string[] | undefined)?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method.toUpperCase(), path, operation)]);
    }
  }
  const lines = [
    `# ${info.title} reference (version ${info.version})`,
    '',
    '<!-- Generated from /api/v1/openapi.json by `npm run docs:api`; do not edit by hand. -->',
    '',
    info.description ?? '',
    'Every route except those marked public needs `Authorization: Bearer <key>`. Errors are',
    '`application/problem+json` ([errors.md](errors.md)). The guide with examples is [api.md](api.md).',
    '',
  ];
  for (const [tag, operations] of byTag) lines.push(`## ${tag}`, '', ...operations);
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderOperation(method: string, path: string, operation: JsonObject): string {
  const lines = [`### \`${method} ${path}\``, '', String(operation.summary ?? '')];
  if (operation.description) lines.push('', String(operation.description));
  if (Array.isArray(operation.security) && operation.security.length === 0)
    lines.push('', 'Public: no API key needed.');
  const parameters = (operation.parameters as JsonObject[] | undefined) ?? [];
  if (parameters.length > 0) {
    lines.push('', '| Parameter | In | Required | Type | Description |', '|---|---|---|---|---|');
    for (const parameter of parameters) {
      const schema = parameter.schema as JsonObject;
      lines.push(
        `| \`${parameter.name}\` | ${parameter.in} | ${parameter.required ? 'yes' : 'no'} | ${typeOf(schema)} | ${cell(parameter.description ?? schema.description)} |`,
      );
    }
  }
  const body = (operation.requestBody as JsonObject | undefined)?.content as
    | Record<string, JsonObject>
    | undefined;
  if (body)
    lines.push('', 'Body:', '', '```json', JSON.stringify(body['application/json']?.schema, null, 2), '```');
  lines.push('', 'Answers:', '');
  for (const [status, answer] of Object.entries(operation.responses as Record<string, JsonObject>)) {
    const streams =
      (answer.content as Record<string, unknown> | undefined)?.['text/event-stream'] !== undefined;
    const description = answer.$ref
      ? 'problem+json (see errors.md)'
      : `${String(answer.description ?? '')}${streams ? ' (JSON, or `text/event-stream` when asked for)' : ''}`;
    lines.push(`- **${status}** — ${description}`);
  }
  lines.push('');
  return lines.join('\n');
}

function typeOf(schema: JsonObject): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonObject[]).map(typeOf).join(' \\| ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  return String(schema.type ?? 'any') + (schema.format ? ` (${schema.format})` : '');
}

function cell(text: unknown): string {
  return text === undefined ? '' : String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}
