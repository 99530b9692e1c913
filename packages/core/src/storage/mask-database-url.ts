/** What a password is replaced with when a database URL is shown. */
const MASK = '***';

/**
 * The database URL with its password replaced by `***` (in `user:password@` and in a `password=` query
 * parameter), fit for logs and error messages. URLs without a password come back unchanged.
 */
export function maskDatabaseUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@?#]*):[^@/?#]*@/i, `$1:${MASK}@`)
    .replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
}

/** The password a database URL carries (userinfo or `password=` parameter), if any. */
export function databaseUrlPassword(url: string): string | undefined {
  const inUserinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/:@?#]*:([^@/?#]*)@/i.exec(url)?.[1];
  const inQuery = /[?&]password=([^&#]*)/i.exec(url)?.[1];
  const raw = inUserinfo || inQuery;
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
