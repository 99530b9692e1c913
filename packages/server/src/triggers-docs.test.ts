import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DovecotServer, dovecotAvailable, startDovecot } from '../../../test-support/dovecot';
import { freePort } from '../../../test-support/free-port';
import { requireService } from '../../../test-support/require-service';
import { startTestServer, type TestServer } from './testing/start-test-server';

const guide = readFileSync(new URL('../../../docs/triggers.md', import.meta.url), 'utf8');
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/**
 * Runs every `sh` block of docs/triggers.md, in order, in one bash process against a real server (its
 * scheduler on, so webhook firings run) and a scripted model: the signed curl call must work as written.
 */
const toolsPresent = ['jq', 'curl', 'openssl'].every(
  (tool) => spawnSync(tool, ['version']).error === undefined,
);
const runnable = requireService(
  toolsPresent,
  'docs/triggers.md examples',
  'Install jq, curl and openssl: apt-get install -y jq curl openssl',
);

describe.skipIf(!runnable)('docs/triggers.md examples', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  /** The IMAP server of the email example: Dovecot where it runs, else a closed loopback port. */
  let dovecot: DovecotServer | undefined;
  let imap: Record<string, string>;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Ada asks whether we ship to Norway.'));
    dovecot = dovecotAvailable() ? await startDovecot() : undefined;
    imap = dovecot
      ? { IMAP_HOST: dovecot.host, IMAP_PORT: String(dovecot.port), IMAP_USER: dovecot.user }
      : { IMAP_HOST: '127.0.0.1', IMAP_PORT: String(await freePort()), IMAP_USER: 'accounts' };
    imap = { ...imap, IMAP_SECURE: 'false', IMAP_PASSWORD: dovecot?.password ?? 'app-password' };
    server = await startTestServer({
      security: { apiKey: 'docs-admin-key-0123456789' },
      ollama: { url: ollama.url },
      scheduler: { enabled: true, intervalMs: 100 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    await dovecot?.stop();
  });

  it('runs every example: the signed call runs once, its replay is a duplicate', async () => {
    expect(shellBlocks.length).toBeGreaterThanOrEqual(5);
    const script = shellBlocks.map((block, index) => `echo "::block ${index + 1}::"\n${block}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, ...imap, AGENTRY_URL: server.url, AGENTRY_API_KEY: 'docs-admin-key-0123456789' },
      timeout: 60_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `An example in docs/triggers.md failed.\n--- stdout\n${error.stdout}\n--- stderr\n${error.stderr}`,
      );
    });
    expect(stdout).toContain('"secretSet": true');
    expect(stdout).toMatch(/"status": "received",\s*"duplicate": false/);
    expect(stdout).toContain('::block 5::\ntrue');
    expect(stdout).toContain(
      '[{"status":"skipped","duplicateOf":true},{"status":"executed","duplicateOf":false}]',
    );
    expect(stdout).toContain('Summarise this contact request from ada@example.com: Do you ship to Norway?');
    expect(stdout).toContain('{"set":true}');
    expect(stdout).toContain('{"kind":"email","hookPath":null,"secretSet":false}');
    expect(stdout).toContain('["triggers.email.notifyTo"]');
  });

  it.skipIf(!dovecotAvailable())(
    'runs the invoice example for a mail that arrives, and files it',
    async () => {
      const mailbox = dovecot as DovecotServer;
      const trigger = (await server.agentry.triggers.list()).items.find(
        (item) => item.name === 'invoice-mail',
      );
      const id = trigger?.id as string;
      await vi.waitFor(
        async () => expect((await server.agentry.triggers.get(id)).health?.state).toBe('connected'),
        {
          timeout: 30_000,
        },
      );
      const invoice =
        'From: Ana <billing@vendor.test>\r\nSubject: Invoice 42\r\n\r\nAmount due: 420 EUR.\r\n';
      await mailbox.append(invoice);
      await vi.waitFor(
        async () => {
          const events = (await server.agentry.triggers.listEvents(id)).items;
          expect(events.map((event) => event.status)).toEqual(['executed']);
        },
        { timeout: 30_000 },
      );
      const [event] = (await server.agentry.triggers.listEvents(id)).items;
      const run = await server.agentry.runs.get(event?.runId as string);
      expect(String(run.input.task)).toContain(
        'Summarise this invoice from Ana <billing@vendor.test> (Invoice 42, sent',
      );
      await vi.waitFor(async () => expect(await mailbox.count('Invoices')).toBe(1), { timeout: 15_000 });
    },
    90_000,
  );
});
