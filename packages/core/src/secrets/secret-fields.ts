import { isEncrypted, type ValueCipher } from './encrypted-value';

/** A configuration object (tool config and the like). */
export type ConfigObject = Record<string, unknown>;

/**
 * What a redacted secret field shows: that a value is set, never the value. Sending this marker back in
 * an update means "keep the stored secret" (see {@link isRedactedSecret}).
 */
export const REDACTED_SECRET = Object.freeze({ set: true as const });

/** The associated data of one field: `<aadPrefix>:<field>`. */
export function fieldAad(aadPrefix: string, field: string): string {
  return `${aadPrefix}:${field}`;
}

/**
 * Returns a copy of `config` whose secret fields (those in `names` that are present and not null) are
 * encrypted. Each value is stored as JSON, so numbers and objects keep their type. The associated data is
 * `<aadPrefix>:<field>`, e.g. prefix `tool_configs:smtp:agent:mailer`.
 */
export function encryptFields(
  box: ValueCipher,
  config: ConfigObject,
  names: readonly string[],
  aadPrefix: string,
): ConfigObject {
  const copy = { ...config };
  for (const name of names) {
    const value = copy[name];
    if (value === undefined || value === null) continue;
    copy[name] = box.encrypt(JSON.stringify(value), fieldAad(aadPrefix, name));
  }
  return copy;
}

/**
 * Returns a copy of `config` with its encrypted secret fields decrypted. A secret field holding a plain
 * value (stored before the field was marked secret) is returned as it is. Throws `SecretDecryptionError`
 * when a value was made with another key, altered, or moved from another row or field.
 */
export function decryptFields(
  box: ValueCipher,
  config: ConfigObject,
  names: readonly string[],
  aadPrefix: string,
): ConfigObject {
  const copy = { ...config };
  for (const name of names) {
    const value = copy[name];
    if (isEncrypted(value)) copy[name] = JSON.parse(box.decrypt(value, fieldAad(aadPrefix, name)));
  }
  return copy;
}

/**
 * Returns a copy of `config` safe to show: each secret field that holds a value becomes
 * {@link REDACTED_SECRET} (`{ "set": true }`); unset secret fields stay absent.
 */
export function redactFields(config: ConfigObject, names: readonly string[]): ConfigObject {
  const copy = { ...config };
  for (const name of names) {
    if (copy[name] !== undefined && copy[name] !== null) copy[name] = { ...REDACTED_SECRET };
  }
  return copy;
}

/** True when `value` is the redaction marker `{ "set": true }` (a client echoing a redacted field). */
export function isRedactedSecret(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    (value as { set?: unknown }).set === true
  );
}
