export { ENCRYPTED_PREFIX, isEncrypted, toolConfigAad, type ValueCipher } from './encrypted-value';
export { REDACTION_MASK, redact } from './redact';
export { keyIdOf, SecretBox } from './secret-box';
export { SecretDecryptionError, type SecretDecryptionReason } from './secret-decryption-error';
export {
  type ConfigObject,
  decryptFields,
  encryptFields,
  fieldAad,
  isRedactedSecret,
  REDACTED_SECRET,
  redactFields,
} from './secret-fields';
export {
  decodeRawKey,
  type LoadedSecretKey,
  type LoadSecretKeyOptions,
  loadSecretKey,
  SECRET_KEY_FILE,
  type SecretKeySource,
} from './secret-key';
export { compareSecretKey, type SecretKeyComparison, verifySecretKey } from './verify-secret-key';
