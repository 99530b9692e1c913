import { describe, expect, it } from 'vitest';
import { fieldsFromSchema, initialValues, readForm, workflowInputsSchema } from './schema-fields';

const schema = {
  type: 'object',
  required: ['host', 'port'],
  properties: {
    host: { type: 'string', description: 'SMTP host' },
    port: { type: 'integer', default: 587 },
    secure: { type: 'boolean', default: false },
    password: { type: 'string', secret: true, default: 'never shown' },
    mode: { anyOf: [{ const: 'plain' }, { const: 'html' }] },
    allowHosts: { type: 'array', items: { type: 'string' }, default: ['a.example', 'b.example'] },
    headers: { type: 'object' },
    ratio: { type: 'number' },
  },
};

describe('fieldsFromSchema', () => {
  const fields = fieldsFromSchema(schema);

  it('derives one field per property with its kind, requiredness, options and help', () => {
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['host', 'text', true],
      ['port', 'integer', true],
      ['secure', 'boolean', false],
      ['password', 'text', false],
      ['mode', 'choice', false],
      ['allowHosts', 'list', false],
      ['headers', 'json', false],
      ['ratio', 'number', false],
    ]);
    expect(fields[0]?.description).toBe('SMTP host');
    expect(fields[4]?.options).toEqual(['plain', 'html']);
  });

  it('starts from the defaults, but never pre-fills a secret', () => {
    expect(initialValues(fields)).toMatchObject({
      port: '587',
      secure: false,
      password: '',
      allowHosts: 'a.example\nb.example',
    });
    expect(fields[3]?.secret).toBe(true);
  });
});

describe('readForm', () => {
  const fields = fieldsFromSchema(schema);

  it('builds the JSON object: numbers parsed, lists split by line, JSON parsed, empty optionals left out', () => {
    const result = readForm(fields, {
      ...initialValues(fields),
      host: ' mail.example ',
      mode: 'html',
      headers: '{"X-A": "1"}',
      ratio: '0.5',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        host: 'mail.example',
        port: 587,
        secure: false,
        mode: 'html',
        allowHosts: ['a.example', 'b.example'],
        headers: { 'X-A': '1' },
        ratio: 0.5,
      },
    });
  });

  it('names each bad field: required and empty, not a whole number, invalid JSON, not an option', () => {
    const result = readForm(fields, { host: '', port: '1.5', headers: '{', mode: 'pdf', secure: false });
    expect(result).toEqual({
      ok: false,
      errors: {
        host: 'host is required.',
        port: 'port must be a whole number.',
        headers: 'headers must be valid JSON.',
        mode: 'mode must be one of: plain, html.',
      },
    });
  });
});

describe('readForm with secrets: set, replace, clear', () => {
  const fields = fieldsFromSchema(schema);
  const filled = { ...initialValues(fields), host: 'mail.example' };

  it('leaves an empty secret out, so the stored value is kept', () => {
    const result = readForm(fields, filled);
    expect(result.ok && 'password' in result.value).toBe(false);
  });

  it('sends a typed secret, replacing the stored one', () => {
    const result = readForm(fields, { ...filled, password: 'new-pass' });
    expect(result).toMatchObject({ ok: true, value: { password: 'new-pass', host: 'mail.example' } });
  });

  it('sends null for a cleared secret, even when something was typed, and keeps the other fields', () => {
    const result = readForm(fields, { ...filled, password: 'typed then cleared' }, ['password']);
    expect(result).toMatchObject({ ok: true, value: { password: null, host: 'mail.example', port: 587 } });
  });

  it('never sends null for a field that is not secret, even if named as cleared', () => {
    const result = readForm(fields, filled, ['host']);
    expect(result).toMatchObject({ ok: true, value: { host: 'mail.example' } });
  });
});

describe('workflowInputsSchema', () => {
  it('makes inputs without a default required and keeps their descriptions', () => {
    const made = workflowInputsSchema({
      url: { description: 'The page' },
      lines: { default: 3, schema: { type: 'integer' } },
    });
    expect(made.required).toEqual(['url']);
    expect(fieldsFromSchema(made).map((f) => [f.name, f.kind, f.description, f.initial])).toEqual([
      ['url', 'text', 'The page', ''],
      ['lines', 'integer', undefined, '3'],
    ]);
  });
});

describe('multi-select fields and editing an existing object', () => {
  const agentLike = {
    type: 'object',
    required: ['tools'],
    properties: {
      tools: { type: 'array', items: { type: 'string', enum: ['http_get', 'send_email'] } },
      goals: { type: 'array', items: { type: 'string' } },
      outputSchema: { type: 'object' },
      password: { type: 'string', secret: true },
    },
  };
  const fields = fieldsFromSchema(agentLike);

  it('makes an array of enumerated strings a multi-select with those options', () => {
    expect(fields[0]).toMatchObject({ name: 'tools', kind: 'multi', options: ['http_get', 'send_email'] });
    expect(fields[0]?.initial).toEqual([]);
  });

  it('fills the form from the object being edited, but never a secret', () => {
    const values = initialValues(fields, {
      tools: ['send_email'],
      goals: ['a', 'b'],
      outputSchema: { type: 'object' },
      password: { set: true },
    });
    expect(values).toEqual({
      tools: ['send_email'],
      goals: 'a\nb',
      outputSchema: JSON.stringify({ type: 'object' }, null, 2),
      password: '',
    });
  });

  it('sends the picked options, and names a required multi-select left empty', () => {
    expect(readForm(fields, { tools: ['http_get'], goals: '', outputSchema: '', password: '' })).toEqual({
      ok: true,
      value: { tools: ['http_get'] },
    });
    expect(readForm(fields, { tools: [], goals: '', outputSchema: '', password: '' })).toEqual({
      ok: false,
      errors: { tools: 'tools is required.' },
    });
  });
});
