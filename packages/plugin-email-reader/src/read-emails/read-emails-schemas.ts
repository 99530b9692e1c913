import { type Static, Type } from 'typebox';

/** Parameters of `read_emails`. */
export const ReadEmailsParameters = Type.Object(
  {
    mailbox: Type.String({
      minLength: 1,
      default: 'INBOX',
      description: 'Mailbox (folder) to read, e.g. INBOX.',
    }),
    search: Type.Optional(
      Type.Object(
        {
          unseen: Type.Optional(Type.Boolean({ description: 'Only messages not yet marked as read.' })),
          since: Type.Optional(
            Type.String({
              format: 'date',
              description: 'Only messages received on or after this day (YYYY-MM-DD).',
            }),
          ),
          from: Type.Optional(
            Type.String({ minLength: 1, description: 'Sender address or name contains this.' }),
          ),
          subject: Type.Optional(Type.String({ minLength: 1, description: 'Subject contains this.' })),
          text: Type.Optional(Type.String({ minLength: 1, description: 'Headers or body contain this.' })),
        },
        { additionalProperties: false, description: 'All given conditions must match.' },
      ),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'How many messages at most.' }),
    markSeen: Type.Boolean({
      default: false,
      description: 'Mark the returned messages as read. By default the mailbox is left unchanged.',
    }),
  },
  { additionalProperties: false },
);

/** Parameters of `read_emails`, as TypeScript (defaults applied). */
export type ReadEmailsParams = Static<typeof ReadEmailsParameters>;

/** Configuration of `read_emails`: the IMAP server, the login and limits. */
export const ReadEmailsConfigSchema = Type.Object({
  host: Type.String({ minLength: 1, description: 'IMAP server host name.' }),
  port: Type.Integer({
    minimum: 1,
    maximum: 65535,
    default: 993,
    description: 'IMAP port (993 with TLS, 143 without).',
  }),
  secure: Type.Boolean({ default: true, description: 'TLS from the first byte (port 993).' }),
  user: Type.String({ minLength: 1, description: 'IMAP login.' }),
  password: Type.String({ secret: true, description: 'IMAP password (secret, encrypted at rest).' }),
  tlsRejectUnauthorized: Type.Boolean({ default: true, description: 'Reject untrusted TLS certificates.' }),
  timeoutMs: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 15_000,
    description: 'Connection and socket timeout.',
  }),
  maxBodyChars: Type.Integer({
    minimum: 100,
    maximum: 100_000,
    default: 4000,
    description: 'Each body is cut to this many characters.',
  }),
});

/** Configuration of `read_emails`, as TypeScript (defaults applied). */
export type ReadEmailsConfig = Static<typeof ReadEmailsConfigSchema>;

/** One message as `read_emails` returns it. */
export interface EmailSummary {
  /** IMAP UID, stable within the mailbox. */
  uid: number;
  /** Sender, e.g. `"Ana <ana@example.com>"`. */
  from: string;
  /** Recipients, as written in the To header. */
  to: string;
  /** Subject line (empty when none). */
  subject: string;
  /** Date header (or the receive date), ISO 8601. */
  date: string | null;
  /** Plain-text body (HTML-only mail converted to text), cut to `maxBodyChars`. */
  text: string;
  /** True when `text` was cut. */
  truncated: boolean;
}

/** What `read_emails` returns: matching messages, newest first. */
export interface ReadEmailsResult {
  /** The mailbox that was read. */
  mailbox: string;
  /** How many messages matched the search (may exceed `messages.length`). */
  total: number;
  /** Up to `limit` messages, newest first. */
  messages: EmailSummary[];
}
