import { AgentryError, markerGuard } from '../errors/agentry-error';
import { databaseUrlPassword, maskDatabaseUrl } from './mask-database-url';

const marker = Symbol.for('agentry.error.databaseUnreachable');

/**
 * The database could not be connected to when it was first opened (server down, wrong host or port,
 * refused credentials, a SQLite file that cannot be opened). Code `DATABASE_UNREACHABLE`. The message names
 * the URL with its password masked, the reason, and a hint.
 */
export class DatabaseUnreachableError extends AgentryError {
  readonly [marker] = true;
  /** The database URL with its password masked. */
  readonly url: string;

  /** Creates the error for `url` (masked here) and the connection failure `cause`. */
  constructor(url: string, cause: unknown) {
    const masked = maskDatabaseUrl(url);
    super('DATABASE_UNREACHABLE', {
      message: `Cannot connect to the database at ${masked} (${reasonOf(cause, url)}). hint: start the database or fix the URL in AGENTRY_DATABASE (or --database); \`agentry doctor\` checks the whole set-up.`,
      cause,
    });
    this.name = 'DatabaseUnreachableError';
    this.url = masked;
  }

  /** True when `value` is a {@link DatabaseUnreachableError}. */
  static override isInstance = markerGuard<DatabaseUnreachableError>(marker);
}

/** The driver's reason, with the password cut out should a driver ever echo it. */
function reasonOf(cause: unknown, url: string): string {
  const error = cause as { code?: unknown; message?: unknown } | undefined;
  const text = typeof error?.message === 'string' && error.message !== '' ? error.message : String(cause);
  const password = databaseUrlPassword(url);
  const withoutUrl = text.split(url).join(maskDatabaseUrl(url));
  const safe = password ? withoutUrl.split(password).join('***') : withoutUrl;
  const code = typeof error?.code === 'string' && !safe.includes(error.code) ? `${error.code}: ` : '';
  return `${code}${safe}`.replace(/\s+/g, ' ').trim();
}
