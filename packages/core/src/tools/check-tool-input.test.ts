import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../validation/validator';
import { checkToolInput } from './check-tool-input';
import { ToolError } from './tool-error';

const validator = compileValidator<{ to: string; limit: number }>(
  Type.Object({ to: Type.String({ format: 'email' }), limit: Type.Integer({ default: 10 }) }),
  { useDefaults: true },
);

describe('checkToolInput', () => {
  it('returns a copy with defaults filled in, leaving the input untouched', () => {
    const input = { to: 'a@b.test' };
    expect(checkToolInput('send', 'INVALID_ARGUMENTS', validator, input)).toEqual({
      to: 'a@b.test',
      limit: 10,
    });
    expect(input).toEqual({ to: 'a@b.test' });
  });

  it('throws a ToolError with the given code naming every bad field', () => {
    try {
      checkToolInput('send', 'INVALID_CONFIG', validator, { to: 'nobody', limit: 'x' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(ToolError.isInstance(error)).toBe(true);
      const toolError = error as ToolError;
      expect(toolError.code).toBe('INVALID_CONFIG');
      expect(toolError.issues.map((issue) => issue.pointer).sort()).toEqual(['/limit', '/to']);
      expect(toolError.message).toMatch(/^Invalid tool configuration: /);
    }
  });
});
