import { type Static, Type } from 'typebox';

const EmailAddress = Type.String({ format: 'email', description: 'An email address, e.g. ana@example.com.' });

const Recipients = Type.Union([EmailAddress, Type.Array(EmailAddress, { minItems: 1, maxItems: 50 })], {
  description: 'One email address or a list of them.',
});

/** Parameters of `send_email`. Give `text`, `html` or both. */
export const SendEmailParameters = Type.Object(
  {
    to: Recipients,
    cc: Type.Optional(Recipients),
    bcc: Type.Optional(Recipients),
    subject: Type.String({ minLength: 1, maxLength: 998, description: 'Subject line.' }),
    text: Type.Optional(Type.String({ description: 'Plain-text body.' })),
    html: Type.Optional(Type.String({ description: 'HTML body.' })),
    replyTo: Type.Optional(EmailAddress),
  },
  { additionalProperties: false },
);

/** Parameters of `send_email`, as TypeScript. */
export type SendEmailParams = Static<typeof SendEmailParameters>;

/** Configuration of `send_email`: the SMTP server, the sender and an optional recipient allowlist. */
export const SendEmailConfigSchema = Type.Object({
  host: Type.String({ minLength: 1, description: 'SMTP server host name.' }),
  port: Type.Integer({
    minimum: 1,
    maximum: 65535,
    default: 587,
    description: 'SMTP port (587, 465 or 25).',
  }),
  secure: Type.Boolean({ default: false, description: 'Implicit TLS from the first byte (port 465).' }),
  requireTLS: Type.Boolean({
    default: false,
    description: 'Refuse to send unless the server upgrades with STARTTLS.',
  }),
  user: Type.Optional(Type.String({ description: 'SMTP login; omit for servers without AUTH.' })),
  password: Type.Optional(
    Type.String({ secret: true, description: 'SMTP password (secret, encrypted at rest).' }),
  ),
  from: Type.String({ minLength: 3, description: 'Sender, e.g. "Agentry <bot@example.com>".' }),
  allowRecipients: Type.Optional(
    Type.Array(Type.String({ minLength: 2 }), {
      description: 'Only these recipients may be mailed: full addresses or "@domain". Omit to allow any.',
    }),
  ),
  timeoutMs: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 15_000,
    description: 'Per-step SMTP timeout.',
  }),
  tlsRejectUnauthorized: Type.Boolean({ default: true, description: 'Reject untrusted TLS certificates.' }),
});

/** Configuration of `send_email`, as TypeScript (defaults applied). */
export type SendEmailConfig = Static<typeof SendEmailConfigSchema>;

/** What `send_email` returns: the server's message id and which recipients it accepted or rejected. */
export interface SendEmailResult {
  /** Message-ID header of the sent message. */
  messageId: string;
  /** Recipients the server accepted. */
  accepted: string[];
  /** Recipients the server refused (the message went to the others). */
  rejected: string[];
}
