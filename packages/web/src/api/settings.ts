import { api } from './client';
import { unwrap } from './problem';

/** The settings in force (secrets only as `{ "set": true }`). */
export async function getSettings() {
  return unwrap(await api.GET('/api/v1/config'));
}

/**
 * Changes settings with a JSON merge patch; the answer says which took effect at once (`applied`) and
 * which need a restart (`restartRequired`). A bad value is a problem naming its field; nothing changes.
 */
export async function patchSettings(patch: Record<string, unknown>) {
  return unwrap(await api.PATCH('/api/v1/config', { body: patch }));
}
