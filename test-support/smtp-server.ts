/**
 * An in-process SMTP server (the `smtp-server` package) on 127.0.0.1 for tests: AUTH PLAIN/LOGIN with
 * one user, optional STARTTLS with a self-signed certificate made at test time, and every accepted
 * message parsed with mailparser so tests assert on mail actually received.
 *
 * @example
 * ```ts
 * const smtp = await startSmtpServer({ starttls: true });
 * // ...send with host smtp.host, port smtp.port, user smtp.user, password smtp.password...
 * expect(smtp.messages[0]?.mail.subject).toBe('Hello');
 * await smtp.close();
 * ```
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { selfSignedCertificate } from './self-signed-certificate';

/** Options for {@link startSmtpServer}. */
export interface StartSmtpServerOptions {
  /** Login the server accepts (default `mailer`). */
  user?: string;
  /** Password the server accepts (default `smtp-secret`); any other is refused with 535. */
  password?: string;
  /** Offer STARTTLS with a self-signed certificate for `localhost` (default false: plain text only). */
  starttls?: boolean;
  /** Recipients refused at RCPT TO with 550 (exact addresses, case-insensitive). */
  rejectRecipients?: string[];
  /**
   * Refuse every login with a 535 reply that echoes what the client sent: the AUTH PLAIN blob (base64 of
   * `\0user\0password`), the user and the plain password, as a careless server might (default false).
   */
  echoCredentials?: boolean;
}

/** One message the server accepted. */
export interface ReceivedMail {
  /** SMTP envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** SMTP envelope recipients (RCPT TO), including Bcc recipients. */
  envelopeTo: string[];
  /** The user that authenticated the session. */
  authenticatedUser: string | undefined;
  /** Whether the session was encrypted (STARTTLS) when the message was sent. */
  secured: boolean;
  /** The parsed message: subject, from, to, cc, text, html, headers. */
  mail: ParsedMail;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** Always `127.0.0.1`. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** The accepted login. */
  user: string;
  /** The accepted password. */
  password: string;
  /** Messages received so far, in order of arrival. */
  messages: ReceivedMail[];
  /** Stops listening and closes open sessions. */
  close(): Promise<void>;
}

/** Starts the server on a free loopback port; resolves once it listens. */
export async function startSmtpServer(options: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const user = options.user ?? 'mailer';
  const password = options.password ?? 'smtp-secret';
  const rejected = new Set((options.rejectRecipients ?? []).map((address) => address.toLowerCase()));
  const messages: ReceivedMail[] = [];
  const certificate = options.starttls ? selfSignedCertificate() : undefined;

  const server = new SMTPServer({
    secure: false,
    ...(certificate ?? {}),
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.echoCredentials) {
        const blob = Buffer.from(`\0${auth.username}\0${auth.password}`).toString('base64');
        const message = `Authentication failed for AUTH ${auth.method} ${blob} (user ${auth.username}, password ${auth.password})`;
        return callback(Object.assign(new Error(message), { responseCode: 535 }));
      }
      if (auth.username === user && auth.password === password) return callback(null, { user });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            authenticatedUser: session.user,
            secured: session.secure,
            mail,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
