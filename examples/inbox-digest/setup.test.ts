import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOVECOT_HOW_TO_ENABLE,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../test-support/dovecot';
import { freePort } from '../../test-support/free-port';
import { requireService } from '../../test-support/require-service';
import { startSmtpServer, type TestSmtpServer } from '../../test-support/smtp-server';

const example = dirname(fileURLToPath(import.meta.url));
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@agentry/server/package.json')),
  'dist',
  'cli.js',
);
const digest =
  'Needs action: Ana asks to confirm the budget by Friday. FYI: the build on main is green again.';
const apiKey = randomBytes(24).toString('hex');

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers whose shape it asserts.
type Json = any;

/** The environment without AGENTRY_* variables of the shell that runs the tests. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith('AGENTRY_')),
);

/** Runs a command to its end, collecting its output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: example, env: { ...cleanEnv, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const ok = requireService(dovecotAvailable(), 'examples/inbox-digest', DOVECOT_HOW_TO_ENABLE);

describe.skipIf(!ok)('examples/inbox-digest setup.mjs', () => {
  let dir: string;
  let dovecot: DovecotServer;
  let smtp: TestSmtpServer;
  let ollama: ScriptedOllama;
  let server: ChildProcess;
  let serverLog = '';
  let url: string;
  let setup: { code: number | null; output: string };

  /** The environment setup.mjs reads, pointing at the test's servers. */
  const setupEnv = (overrides: Record<string, string> = {}) => ({
    AGENTRY_URL: url,
    AGENTRY_API_KEY: apiKey,
    DIGEST_TO: 'me@example.test',
    DIGEST_TIMEZONE: 'Europe/Berlin',
    IMAP_HOST: dovecot.host,
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: dovecot.user,
    IMAP_PASSWORD: dovecot.password,
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    SMTP_USER: smtp.user,
    SMTP_PASSWORD: smtp.password,
    ...overrides,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-inbox-digest-'));
    [dovecot, smtp, ollama] = await Promise.all([startDovecot(), startSmtpServer(), startScriptedOllama()]);
    await dovecot.append(
      'From: Ana <ana@example.test>\r\nTo: me@example.test\r\nSubject: Budget 2027\r\n\r\nCould you confirm the budget by Friday?\r\n',
    );
    await dovecot.append(
      'From: CI <ci@example.test>\r\nTo: me@example.test\r\nSubject: Build fixed\r\n\r\nThe build on main is green again.\r\n',
    );
    ollama.enqueue(reply.text(digest));

    // The real `agentry serve`, as a user runs it: an API key, a SQLite file, the scheduler on.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [cli, 'serve'], {
      cwd: dir,
      env: {
        ...cleanEnv,
        AGENTRY_HOST: '127.0.0.1',
        AGENTRY_PORT: String(port),
        AGENTRY_API_KEY: apiKey,
        AGENTRY_DATABASE: join(dir, 'agentry.db'),
        AGENTRY_DATA_DIR: dir,
        AGENTRY_TOOLS_DIR: join(dir, 'tools'),
        AGENTRY_OLLAMA_URL: ollama.url,
        AGENTRY_OLLAMA_MODEL: 'llama3.2:1b',
        AGENTRY_LOG_LEVEL: 'warn',
      },
    });
    server.stdout?.on('data', (chunk) => {
      serverLog += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      serverLog += chunk;
    });
    await waitForHealth(url, server, () => serverLog);

    setup = await run(['setup.mjs', '--run-now'], setupEnv());
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await Promise.all([dovecot?.stop(), smtp?.close(), ollama?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const api = async (path: string): Promise<Json> => {
    const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('runs the workflow once and the digest mail arrives with the summary', () => {
    expect(setup.output).toContain('Run ');
    expect(setup.code, `${setup.output}\n--- server log ---\n${serverLog}`).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    const [sent] = smtp.messages;
    expect(sent?.envelopeTo).toEqual(['me@example.test']);
    expect(sent?.mail.subject).toBe('Your inbox digest');
    expect(sent?.mail.text?.trim()).toBe(digest);
    expect(setup.output).toContain(digest);
  });

  it('gave the model both unread mails to summarise', () => {
    const [request] = ollama.chatRequests();
    const prompt = request?.messages?.map((message) => message.content).join('\n') ?? '';
    expect(prompt).toContain('Budget 2027');
    expect(prompt).toContain('Could you confirm the budget by Friday?');
    expect(prompt).toContain('Build fixed');
  });

  it('schedules the workflow daily at 07:00 Berlin time, with the next five fire times', async () => {
    const schedules = await api('/schedules');
    expect(schedules.items).toHaveLength(1);
    const [schedule] = schedules.items;
    expect(schedule).toMatchObject({
      target: { kind: 'workflow', name: 'inbox-digest' },
      cron: '0 7 * * *',
      timezone: 'Europe/Berlin',
      enabled: true,
      input: { to: 'me@example.test' },
    });
    expect(schedule.nextRuns).toHaveLength(5);
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    });
    const days = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
    const times: Date[] = schedule.nextRuns.map((time: string) => new Date(time));
    expect(times.map((time) => berlin.format(time))).toEqual(Array(5).fill('07:00'));
    expect(new Set(times.map((time) => days.format(time))).size).toBe(5);
    expect(times[0]!.getTime()).toBeGreaterThan(Date.now());
    for (const time of schedule.nextRuns) expect(setup.output).toContain(time);
  });

  it('stores the mail passwords as secrets the API never shows', async () => {
    const imap = await api('/workflows/inbox-digest/tools/read_emails/config');
    const smtpConfig = await api('/workflows/inbox-digest/tools/send_email/config');
    expect(imap.config).toMatchObject({ host: dovecot.host, user: dovecot.user, password: { set: true } });
    expect(smtpConfig.config).toMatchObject({ user: smtp.user, password: { set: true } });
    expect(setup.output).not.toContain(dovecot.password);
    expect(setup.output).not.toContain(smtp.password);
  });

  it('can run again: everything is updated in place', async () => {
    ollama.enqueue(reply.text('No new mail.'));

    const again = await run(['setup.mjs'], setupEnv({ DIGEST_CRON: '30 6 * * 1-5' }));

    expect(again.code, again.output).toBe(0);
    const schedules = await api('/schedules');
    expect(schedules.items).toMatchObject([{ cron: '30 6 * * 1-5' }]);
    expect(smtp.messages).toHaveLength(1);
  });
});

/** Polls `/health` until the server answers, failing at once (with its log) if it exits first. */
async function waitForHealth(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`agentry serve exited with ${server.exitCode}:\n${log()}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
