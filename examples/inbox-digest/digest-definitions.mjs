/**
 * What the inbox digest consists of: the agent that writes it, the workflow (read mail → summarise →
 * send), the mail settings of the workflow's two tools, and the daily schedule. All values come from the
 * environment (see README.md).
 */

/** Name of the workflow (and of its schedule's target). */
export const WORKFLOW = 'inbox-digest';
/** Name of the agent that writes the digest. */
export const AGENT = 'digest-writer';

/**
 * Reads the settings from `env`; throws naming every required variable that is missing.
 * @param {Record<string, string | undefined>} env
 */
export function digestSettings(env) {
  const missing = ['DIGEST_TO', 'IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD', 'SMTP_HOST'].filter(
    (name) => !env[name],
  );
  if (missing.length > 0) throw new Error(`Set ${missing.join(', ')} (see README.md).`);
  const imapPort = Number(env.IMAP_PORT ?? 993);
  const smtpPort = Number(env.SMTP_PORT ?? 587);
  return {
    to: env.DIGEST_TO,
    from: env.DIGEST_FROM || `Inbox digest <${env.DIGEST_TO}>`,
    cron: env.DIGEST_CRON || '0 7 * * *',
    timezone: env.DIGEST_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone,
    imap: {
      host: env.IMAP_HOST,
      port: imapPort,
      secure: flag(env.IMAP_SECURE, imapPort === 993),
      user: env.IMAP_USER,
      password: env.IMAP_PASSWORD,
    },
    smtp: {
      host: env.SMTP_HOST,
      port: smtpPort,
      secure: flag(env.SMTP_SECURE, smtpPort === 465),
      ...(env.SMTP_USER ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? '' } : {}),
    },
  };
}

/** The agent: it needs no tools, because the workflow hands it the messages. */
export const agent = {
  name: AGENT,
  role: 'Personal assistant who writes short inbox digests',
  goals: [
    'Say first which messages need an action or a reply, then list the rest in one line each',
    'Keep the digest under 150 words, in plain text',
  ],
  backstory: 'You read mail for a busy person every morning and tell them what matters.',
  tools: [],
  maxIterations: 3,
};

/** The workflow: unread mail is read (and marked read, so each digest covers new mail), summarised, sent. */
export const workflow = {
  name: WORKFLOW,
  description: 'Every morning: summarise the unread mail and send the digest to me.',
  inputs: {
    to: { description: 'Who receives the digest.', schema: { type: 'string', format: 'email' } },
  },
  steps: [
    {
      id: 'read',
      tool: 'read_emails',
      parameters: { mailbox: 'INBOX', search: { unseen: true }, limit: 30, markSeen: true },
    },
    {
      id: 'summarise',
      agent: AGENT,
      task: 'Write my inbox digest from these {steps.read.output.total} unread messages (sender, subject, date, text): {steps.read.output.messages}',
      onError: 'retry',
      retries: 2,
      retryBackoffMs: 5000,
    },
    {
      id: 'send',
      tool: 'send_email',
      parameters: { to: '{inputs.to}', subject: 'Your inbox digest', text: '{previous}' },
      // send_email is destructive, so by default the step would wait for a person's approval every
      // morning; it may mail only you (allowRecipients), so it goes ahead (docs/approvals.md).
      approval: { default: 'never' },
    },
  ],
};

/**
 * Tool configurations stored for the workflow only; passwords are secret fields, encrypted at rest.
 * @param {ReturnType<typeof digestSettings>} settings
 */
export function toolConfigs(settings) {
  return {
    read_emails: settings.imap,
    send_email: { ...settings.smtp, from: settings.from, allowRecipients: [settings.to] },
  };
}

/**
 * The daily schedule.
 * @param {ReturnType<typeof digestSettings>} settings
 */
export function schedule(settings) {
  return {
    target: { kind: 'workflow', name: WORKFLOW },
    cron: settings.cron,
    timezone: settings.timezone,
    input: { to: settings.to },
    misfire: 'once',
    overlap: 'skip',
  };
}

/**
 * @param {string | undefined} text  `true`/`false` (also 1/0, yes/no), or unset
 * @param {boolean} fallback
 */
function flag(text, fallback) {
  if (text === undefined || text === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(text.toLowerCase());
}
