import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { secretFields } from './secret-fields';
import { compileValidator } from './validator';

const Person = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    age: Type.Integer({ minimum: 0 }),
    role: Type.Union([Type.Literal('a'), Type.Literal('b')]),
  },
  { additionalProperties: false },
);

describe('compileValidator', () => {
  it('names every bad field by JSON pointer', () => {
    const validator = compileValidator(Person);
    const issues = validator.issues({ name: '', age: -1, extra: 1 });
    const pointers = issues.map((issue) => issue.pointer).sort();
    expect(pointers).toEqual(['/age', '/extra', '/name', '/role']);
    expect(issues.find((issue) => issue.pointer === '/role')?.message).toBe('is required');
  });

  it('throws a ValidationError with prefixed pointers from assert', () => {
    const validator = compileValidator(Person);
    try {
      validator.assert({ name: 'x', age: 'old', role: 'a' }, '/body');
      expect.fail('should have thrown');
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues[0]?.pointer).toBe('/body/age');
    }
  });

  it('coerces string numbers and booleans when asked, as small models send them', () => {
    const validator = compileValidator(Type.Object({ n: Type.Number(), b: Type.Boolean() }), {
      coerceTypes: true,
    });
    const value = { n: '3', b: 'true' };
    expect(validator.issues(value)).toEqual([]);
    expect(value).toEqual({ n: 3, b: true });
  });

  it('reports an invalid schema as a ValidationError', () => {
    expect(() => compileValidator({ type: 'no-such-type' })).toThrow(ValidationError);
  });

  it('accepts the secret keyword and lists secret fields', () => {
    const schema = Type.Object({ user: Type.String(), password: Type.String({ secret: true }) });
    expect(compileValidator(schema).issues({ user: 'u', password: 'p' })).toEqual([]);
    expect(secretFields(schema)).toEqual(['password']);
  });

  it('lists the allowed values of a union of literals in one issue', () => {
    const issues = compileValidator(Person).issues({ name: 'x', age: 1, role: 'c' });
    expect(issues).toEqual([{ pointer: '/role', message: 'must be one of: a, b' }]);
  });
});
