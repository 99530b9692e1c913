/**
 * Starts a real Dovecot IMAP server as a plain child process for tests: loopback only, a free high
 * port, passwd-file auth with one test user, maildir storage in a temp dir, no TLS, logs to a file.
 *
 * Needs the Debian package `dovecot-imapd` and root (Dovecot drops to `nobody` for mail and runs its
 * auth process as `dovecot`). Guard suites with {@link dovecotAvailable} and `requireService`.
 *
 * @example
 * ```ts
 * const ok = requireService(dovecotAvailable(), 'read_emails', DOVECOT_HOW_TO_ENABLE);
 * describe.skipIf(!ok)('read_emails', () => {
 *   let dovecot: DovecotServer;
 *   beforeAll(async () => { dovecot = await startDovecot(); });
 *   afterAll(() => dovecot?.stop());
 *   it('reads', async () => { await dovecot.append('From: a@b.test\r\nSubject: Hi\r\n\r\nBody'); });
 * });
 * ```
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { dovecotConfig, MAIL_GROUP, MAIL_USER } from './dovecot-config';
import { freePort } from './free-port';
import { portOpen } from './require-service';
import { selfSignedCertificate } from './self-signed-certificate';

/** How to make Dovecot suites run, for `requireService`. */
export const DOVECOT_HOW_TO_ENABLE =
  'Install Dovecot and run the tests as root: apt-get install -y dovecot-imapd';

const DOVECOT_BINARY = '/usr/sbin/dovecot';

/** Options for {@link startDovecot}. */
export interface StartDovecotOptions {
  /** Login name of the test user (default `tester`). */
  user?: string;
  /** Password of the test user (default `secret-password`). */
  password?: string;
  /**
   * Serve IMAP over implicit TLS (like port 993) with a self-signed certificate instead of plain text
   * (default false). Clients must then use `secure: true` and `tlsRejectUnauthorized: false`.
   */
  tls?: boolean;
  /**
   * Announce no IDLE after login (Dovecot's `imap_capability` without it), as servers without IDLE do:
   * clients must poll (default false).
   */
  withoutIdle?: boolean;
}

/** Flags and date for a message delivered with {@link DovecotServer.append}. */
export interface AppendOptions {
  /** Mailbox to deliver into (default `INBOX`); created when missing. */
  mailbox?: string;
  /** IMAP flags, e.g. `['\\Seen']` (default none: the message is unseen). */
  flags?: string[];
  /** Internal date (what IMAP `SINCE` searches); default now. */
  date?: Date;
}

/** A running Dovecot. */
export interface DovecotServer {
  /** Always `127.0.0.1`. */
  host: string;
  /** The IMAP port. */
  port: number;
  /** Whether the port speaks implicit TLS (`tls` option); otherwise plain text. */
  secure: boolean;
  /** The test user's login. */
  user: string;
  /** The test user's password. */
  password: string;
  /** Delivers a raw RFC 5322 message over IMAP APPEND; resolves with its UID. */
  append(rawMessage: string, options?: AppendOptions): Promise<number>;
  /** How many messages `mailbox` holds; 0 when it does not exist. */
  count(mailbox: string): Promise<number>;
  /** Flags of the message with `uid` in `mailbox` (default `INBOX`). */
  flags(uid: number, mailbox?: string): Promise<string[]>;
  /**
   * Why each IMAP session so far ended, oldest first, from Dovecot's log: `Logged out` when the client
   * sent LOGOUT, otherwise e.g. `Connection closed`. The log is written asynchronously, so poll it
   * (`vi.waitFor`) rather than reading it once.
   */
  disconnectReasons(): Promise<string[]>;
  /** Path of Dovecot's log file, for debugging a failing test. */
  logFile: string;
  /** Stops the Dovecot process (clients see their connections close) but keeps its mail, port and config. */
  halt(): Promise<void>;
  /** Starts Dovecot again after {@link halt}: same port, same mail. */
  restart(): Promise<void>;
  /**
   * Drops a raw message into the test user's INBOX maildir (`new/`) as a delivery agent would, without
   * IMAP — works while Dovecot is halted; Dovecot gives it a UID when it next looks.
   */
  deliverToMaildir(rawMessage: string): Promise<void>;
  /** Stops Dovecot and removes its temp dir. */
  stop(): Promise<void>;
}

/** True when the Dovecot binary is installed and we run as root (needed to drop to `nobody`). */
export function dovecotAvailable(): boolean {
  try {
    accessSync(DOVECOT_BINARY, constants.X_OK);
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** Starts Dovecot with one passwd-file user and waits until its IMAP port accepts connections. */
export async function startDovecot(options: StartDovecotOptions = {}): Promise<DovecotServer> {
  const user = options.user ?? 'tester';
  const password = options.password ?? 'secret-password';
  const secure = options.tls ?? false;
  const root = await mkdtemp(join(tmpdir(), 'agentry-dovecot-'));
  // The auth process runs as `dovecot`: it must traverse this folder to read the passwd file.
  await chmod(root, 0o755);
  const mailRoot = join(root, 'mail');
  await mkdir(mailRoot);
  await chown(mailRoot, uidOf(MAIL_USER), gidOf(MAIL_GROUP));
  await writeFile(join(root, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const port = await freePort();
  const logFile = join(root, 'dovecot.log');
  const configFile = join(root, 'dovecot.conf');
  if (secure) {
    const certificate = selfSignedCertificate();
    await writeFile(join(root, 'cert.pem'), certificate.cert);
    await writeFile(join(root, 'key.pem'), certificate.key, { mode: 0o600 });
  }
  await writeFile(
    configFile,
    dovecotConfig({ root, mailRoot, logFile, port, secure, withoutIdle: options.withoutIdle }),
  );

  let child: ChildProcess;
  const launch = async () => {
    // Its own process group, so halt() and stop() end the imap processes serving open sessions too.
    const spawned = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await waitForPort(spawned, port);
    } catch (error) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      await stopProcess(spawned);
      throw new Error(`Dovecot did not start: ${(error as Error).message}\n${stderr}\n${log}`);
    }
    child = spawned;
  };
  try {
    await launch();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const connect = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port,
      secure,
      tls: { rejectUnauthorized: false },
      auth: { user, pass: password },
      logger: false,
    });

  return {
    host: '127.0.0.1',
    port,
    secure,
    user,
    password,
    logFile,
    async append(rawMessage, appendOptions = {}) {
      const mailbox = appendOptions.mailbox ?? 'INBOX';
      const client = connect();
      await client.connect();
      try {
        if (mailbox !== 'INBOX') await client.mailboxCreate(mailbox).catch(() => undefined);
        const result = await client.append(
          mailbox,
          rawMessage,
          appendOptions.flags ?? [],
          appendOptions.date,
        );
        const uid = result === false ? undefined : result.uid;
        if (!uid) throw new Error(`APPEND to ${mailbox} returned no UID`);
        return uid;
      } finally {
        await client.logout();
      }
    },
    async count(mailbox) {
      const client = connect();
      await client.connect();
      try {
        const status = await client.status(mailbox, { messages: true }).catch(() => false as const);
        return status === false ? 0 : (status.messages ?? 0);
      } finally {
        await client.logout();
      }
    },
    async flags(uid, mailbox = 'INBOX') {
      const client = connect();
      await client.connect();
      try {
        await client.mailboxOpen(mailbox, { readOnly: true });
        const message = await client.fetchOne(String(uid), { flags: true }, { uid: true });
        return message ? [...(message.flags ?? [])] : [];
      } finally {
        await client.logout();
      }
    },
    async disconnectReasons() {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      return [...log.matchAll(/imap\([^)]*\).*Disconnected: (.+?)(?: in=|$)/gm)].map(
        (match) => match[1] ?? '',
      );
    },
    async halt() {
      await stopProcess(child);
    },
    async restart() {
      await launch();
    },
    async deliverToMaildir(rawMessage) {
      const inbox = join(mailRoot, user);
      const name = `${Date.now()}.${process.pid}_${Math.random().toString(36).slice(2)}.agentry`;
      for (const folder of ['tmp', 'new', 'cur']) {
        await mkdir(join(inbox, folder), { recursive: true });
        await chown(join(inbox, folder), uidOf(MAIL_USER), gidOf(MAIL_GROUP));
      }
      await writeFile(join(inbox, 'tmp', name), rawMessage.replace(/\r\n/g, '\n'), { mode: 0o600 });
      await chown(join(inbox, 'tmp', name), uidOf(MAIL_USER), gidOf(MAIL_GROUP));
      await rename(join(inbox, 'tmp', name), join(inbox, 'new', name));
    },
    async stop() {
      await stopProcess(child);
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function waitForPort(child: ChildProcess, port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} not open after 10 s`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    signalGroup(child, 'SIGTERM');
  });
}

/**
 * Sends `signal` to Dovecot's whole process group: its master and the imap processes it started. The
 * master alone would leave each open session served by an orphaned imap process for up to ~30 s.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // the group is gone already; the master may still be exiting
  }
}

function uidOf(name: string): number {
  return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
}

function gidOf(name: string): number {
  return Number(execFileSync('getent', ['group', name], { encoding: 'utf8' }).split(':')[2]);
}
