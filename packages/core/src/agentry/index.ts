export { ApiKeyService, keyDigest } from './api-key-service';
export { type Agentry, type CreateAgentryOptions, createAgentry } from './create-agentry';
export { DatabaseSettingsStore } from './database-settings-store';
export { checkReadiness, type ReadinessCheck, type ReadinessReport } from './readiness';
