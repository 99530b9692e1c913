import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isEncrypted, toolConfigAad } from './encrypted-value';
import { SecretBox } from './secret-box';
import { isRedactedSecret, redactFields } from './secret-fields';

const box = new SecretBox(randomBytes(32));
const prefix = toolConfigAad({ tool: 'send_email', scope: 'agent', scopeName: 'mailer' });

describe('secret fields', () => {
  it('encrypts only the named fields and decrypts them back with their JSON types', () => {
    const config = {
      host: 'smtp.example.com',
      password: 'hunter2-long',
      pin: 1234,
      token: { a: [1] },
      empty: null,
    };
    const stored = box.encryptFields(config, ['password', 'pin', 'token', 'empty', 'absent'], prefix);
    expect(stored.host).toBe('smtp.example.com');
    expect(isEncrypted(stored.password)).toBe(true);
    expect(isEncrypted(stored.pin)).toBe(true);
    expect(stored.empty).toBeNull();
    expect('absent' in stored).toBe(false);
    expect(JSON.stringify(stored)).not.toContain('hunter2-long');
    expect(box.decryptFields(stored, ['password', 'pin', 'token', 'empty', 'absent'], prefix)).toEqual(
      config,
    );
  });

  it('fails to decrypt a secret copied into another field of the same row', () => {
    const stored = box.encryptFields({ password: 'hunter2-long' }, ['password'], prefix);
    expect(() => box.decryptFields({ apiKey: stored.password }, ['apiKey'], prefix)).toThrow(
      /altered|another row/,
    );
  });

  it('leaves a plain value in a secret field as it is when decrypting', () => {
    expect(box.decryptFields({ password: 'legacy' }, ['password'], prefix)).toEqual({ password: 'legacy' });
  });

  it('redacts set secrets to { set: true } and leaves unset ones absent', () => {
    const redacted = redactFields({ host: 'h', password: 'enc:v1:…', token: null }, [
      'password',
      'token',
      'apiKey',
    ]);
    expect(redacted).toEqual({ host: 'h', password: { set: true }, token: null });
    expect(isRedactedSecret(redacted.password)).toBe(true);
    expect(isRedactedSecret({ set: true, value: 'x' })).toBe(false);
  });
});
