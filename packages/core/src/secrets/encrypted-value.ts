/** Prefix of every encrypted value (`enc:v1:<keyId>:<iv>:<tag>:<ciphertext>`). */
export const ENCRYPTED_PREFIX = 'enc:v1:';

/** True when `value` is a string in the encrypted form. */
export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENCRYPTED_PREFIX);
}

/** Encrypts and decrypts single values bound to associated data; {@link SecretBox} is the implementation. */
export interface ValueCipher {
  /** Encrypts `plaintext`, bound to `aad`. */
  encrypt(plaintext: string, aad: string): string;
  /** Decrypts a value made by `encrypt` with the same `aad`. */
  decrypt(stored: string, aad: string): string;
}

/** The associated-data prefix of a tool configuration row: `tool_configs:<tool>:<scope>:<scopeName>`. */
export function toolConfigAad(key: { tool: string; scope: string; scopeName: string }): string {
  return `tool_configs:${key.tool}:${key.scope}:${key.scopeName}`;
}
