import type { FieldIssue } from '../errors/index';
import type { TriggerKind } from '../models/trigger';

/** `{event.a.b}`: a variable naming a field of the event, by dotted path. */
const VARIABLE = /\{event((?:\.[A-Za-z0-9_$-]+)+)\}/g;
/** A string that is exactly one variable: the value is passed as is, not as text. */
const WHOLE = /^\{event((?:\.[A-Za-z0-9_$-]+)+)\}$/;

/** The fields of each kind's event, as `{event.<field>}` names them. */
export const EVENT_FIELDS: Record<TriggerKind, Record<string, string>> = {
  webhook: {
    id: 'the `webhook-id` header (the idempotency key)',
    receivedAt: 'when the call arrived (ISO time)',
    payload: 'the JSON body; `{event.payload.a.b}` reaches into it',
  },
  email: {
    subject: 'the subject',
    from: 'the sender address',
    to: 'the recipient addresses',
    date: 'the sent date (ISO time)',
    body: 'the plain-text body',
    messageId: 'the Message-ID header',
  },
};

/** A JSON Schema node as far as variable checking reads it. */
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: unknown;
}

/**
 * Checks every `{event.…}` variable in the strings of `input` against the kind's event fields and, for
 * `{event.payload.…}`, against the declared `properties` of `payloadSchema`. Returns an issue per bad
 * variable, pointing at the string that holds it (below `/input`).
 */
export function checkEventVariables(
  kind: TriggerKind,
  input: Record<string, unknown>,
  payloadSchema?: Record<string, unknown>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  walkStrings(input, '/input', (text, pointer) => {
    for (const match of text.matchAll(VARIABLE)) {
      const path = (match[1] as string).slice(1).split('.');
      const problem = checkPath(kind, path, payloadSchema);
      if (problem !== undefined) issues.push({ pointer, message: `${match[0]}: ${problem}` });
    }
  });
  return issues;
}

/**
 * Fills the `{event.…}` variables of `input` from `event`. A string that is exactly one variable takes the
 * value itself (an object stays an object); inside text a string is inserted as is, anything else as JSON,
 * and a missing value as the empty string.
 */
export function renderEventVariables(
  input: Record<string, unknown>,
  event: Record<string, unknown>,
): Record<string, unknown> {
  return mapStrings(input, (text) => {
    const whole = WHOLE.exec(text);
    if (whole) return lookup(event, (whole[1] as string).slice(1).split('.')) ?? null;
    return text.replace(VARIABLE, (_all, path: string) => {
      const value = lookup(event, path.slice(1).split('.'));
      if (value === undefined || value === null) return '';
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }) as Record<string, unknown>;
}

function checkPath(kind: TriggerKind, path: string[], payloadSchema?: SchemaNode): string | undefined {
  const [field, ...rest] = path as [string, ...string[]];
  const fields = EVENT_FIELDS[kind];
  if (!Object.hasOwn(fields, field)) {
    return `a ${kind} event has no field '${field}'; use one of ${Object.keys(fields).join(', ')}`;
  }
  if (rest.length === 0) return undefined;
  if (field !== 'payload') return `'${field}' has no fields`;
  let node: SchemaNode | undefined = payloadSchema;
  for (const segment of rest) {
    if (node?.properties === undefined) return undefined;
    if (!Object.hasOwn(node.properties, segment)) {
      if (node.additionalProperties !== undefined && node.additionalProperties !== false) return undefined;
      return `the payload schema declares no property '${segment}' here`;
    }
    node = node.properties[segment];
  }
  return undefined;
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function walkStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') {
    visit(value, pointer);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    walkStrings(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
  }
}

function mapStrings(value: unknown, map: (text: string) => unknown): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mapStrings(child, map)]));
  }
  return value;
}
