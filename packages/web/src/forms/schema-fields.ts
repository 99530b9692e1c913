/** A JSON Schema as the API serves it (typebox output); only the parts forms use are typed. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  secret?: boolean;
}

/** How a field is edited. */
export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'multi' | 'list' | 'json';

/** One form field derived from a property of an object schema. */
export interface FormField {
  /** Property name (the key sent to the API). */
  name: string;
  /** Visible label. */
  label: string;
  /** Help text (the schema's description). */
  description: string | undefined;
  kind: FieldKind;
  required: boolean;
  /** Allowed values of a `choice` or `multi` field. */
  options: string[];
  /** A write-only secret (`secret: true`): shown as a password field, never pre-filled. */
  secret: boolean;
  /** The value the form starts with (from the schema's default). */
  initial: FormValue;
}

/** The raw value of one field: text, a checkbox's state, or the options picked in a multi-select. */
export type FormValue = string | boolean | string[];

/** The raw values of a form: text for text-like fields, booleans for checkboxes, lists for multi-selects. */
export type FormValues = Record<string, FormValue>;

function choices(schema: JsonSchema): string[] | undefined {
  if (schema.enum?.every((value) => typeof value === 'string')) return schema.enum as string[];
  const consts = schema.anyOf?.map((option) => option.const);
  if (consts?.length && consts.every((value) => typeof value === 'string')) return consts as string[];
  return undefined;
}

function kindOf(schema: JsonSchema): FieldKind {
  if (choices(schema)) return 'choice';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') return 'text';
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'array' && schema.items && choices(schema.items)) return 'multi';
  if (type === 'array' && schema.items?.type === 'string') return 'list';
  if (type === undefined && !schema.anyOf) return 'text';
  return 'json';
}

/** The raw form value that shows `value` (a JSON value) in a field of `kind`. */
export function rawValue(kind: FieldKind, value: unknown): FormValue {
  if (kind === 'boolean') return value === true;
  if (kind === 'multi') return Array.isArray(value) ? value.map(String) : [];
  if (value === undefined || value === null) return '';
  if (kind === 'list' && Array.isArray(value)) return value.join('\n');
  if (kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

function initialValue(kind: FieldKind, schema: JsonSchema): FormValue {
  return schema.secret && kind !== 'boolean' ? '' : rawValue(kind, schema.default);
}

/** The fields of a form for an object schema, in the order of its properties. */
export function fieldsFromSchema(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const kind = kindOf(property);
    return {
      name,
      label: property.title && property.title !== 'Name' ? property.title : name,
      description: property.description,
      kind,
      required: required.has(name),
      options: choices(property) ?? (property.items ? choices(property.items) : undefined) ?? [],
      secret: property.secret === true,
      initial: initialValue(kind, property),
    };
  });
}

/**
 * The starting values of a form for `fields`: the schema defaults, or the values of `from` (an object
 * being edited) where it has them. Secret fields always start empty (write-only).
 */
export function initialValues(fields: readonly FormField[], from?: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    fields.map((field) => [
      field.name,
      from && from[field.name] !== undefined && !field.secret
        ? rawValue(field.kind, from[field.name])
        : field.initial,
    ]),
  );
}

/** The result of reading a form: the JSON object to send, or the message of each bad field. */
export type FormResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/**
 * Turns raw form values into the JSON object the API expects: numbers parsed, lists split by line, JSON
 * parsed, empty optional fields left out (a secret left empty keeps its stored value). Secret fields named
 * in `clearedSecrets` become `null`, which removes the stored secret. Required fields left empty and
 * unparsable values are named.
 */
export function readForm(
  fields: readonly FormField[],
  values: FormValues,
  clearedSecrets: readonly string[] = [],
): FormResult {
  const value: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret && clearedSecrets.includes(field.name)) {
      value[field.name] = null;
      continue;
    }
    const raw = values[field.name];
    if (field.kind === 'boolean') {
      value[field.name] = raw === true;
      continue;
    }
    if (field.kind === 'multi') {
      const picked = Array.isArray(raw) ? raw : [];
      if (picked.length > 0) value[field.name] = picked;
      else if (field.required) errors[field.name] = `${field.label} is required.`;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = `${field.label} is required.`;
      continue;
    }
    const parsed = parseField(field, text);
    if (parsed.ok) value[field.name] = parsed.value;
    else errors[field.name] = parsed.message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

function parseField(
  field: FormField,
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const number = Number(text);
      if (!Number.isFinite(number) || (field.kind === 'integer' && !Number.isInteger(number)))
        return {
          ok: false,
          message: `${field.label} must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}.`,
        };
      return { ok: true, value: number };
    }
    case 'list':
      return {
        ok: true,
        value: text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, message: `${field.label} must be valid JSON.` };
      }
    case 'choice':
      return field.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `${field.label} must be one of: ${field.options.join(', ')}.` };
    default:
      return { ok: true, value: text };
  }
}

/** A workflow's inputs (`{ name: { description, default, schema } }`) as an object schema for a form. */
export function workflowInputsSchema(
  inputs: Record<string, { description?: string; default?: unknown; schema?: Record<string, unknown> }>,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    properties[name] = {
      type: 'string',
      ...(input.schema as JsonSchema | undefined),
      ...(input.description ? { description: input.description } : {}),
      ...(input.default !== undefined ? { default: input.default } : {}),
    };
    if (input.default === undefined) required.push(name);
  }
  return { type: 'object', properties, required };
}
