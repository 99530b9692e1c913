import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentry, createRepositories, openDatabase, silentLogger } from '@agentry/core';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../test-support/smtp-server';
import { builtinPlugins } from './builtin-plugins';
import { buildCliIfStale, cli } from './testing/build-cli';

let dir: string;
let ollama: ScriptedOllama;
let smtp: TestSmtpServer;
let site: Server;
let siteHits = 0;
const children: ChildProcess[] = [];

/** Starts `agentry serve` on the temp database and resolves with its URL once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      AGENTRY_DATABASE: join(dir, 'agentry.db'),
      AGENTRY_DATA_DIR: dir,
      AGENTRY_TOOLS_DIR: join(dir, 'tools'),
      AGENTRY_OLLAMA_URL: ollama.url,
      AGENTRY_HOST: '127.0.0.1',
      AGENTRY_PORT: '0',
      AGENTRY_SCHEDULER_ENABLED: 'false',
      AGENTRY_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (match?.[1] && log.includes('Agentry is listening')) resolveUrl({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`agentry serve exited with ${code}:\n${log}`)));
  });
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

beforeAll(async () => {
  buildCliIfStale();
  dir = mkdtempSync(join(tmpdir(), 'agentry-resume-'));
  ollama = await startScriptedOllama();
  smtp = await startSmtpServer();
  site = createServer((_req, res) => {
    siteHits += 1;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Inbox: 3 invoices, 1 meeting request.');
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  const siteHost = `127.0.0.1:${(site.address() as AddressInfo).port}`;

  const setup = await createAgentry({
    cwd: dir,
    env: {},
    logger: silentLogger,
    plugins: builtinPlugins,
    overrides: {
      database: { url: join(dir, 'agentry.db') },
      data: { dir },
      tools: { dir: join(dir, 'tools') },
    },
  });
  await setup.tools.start();
  await setup.agents.create({
    name: 'writer',
    role: 'Digest writer',
    goals: ['Summarise'],
    backstory: '',
    tools: [],
  });
  await setup.workflows.create({
    name: 'digest',
    description: 'Fetch, summarise, mail.',
    steps: [
      { id: 'fetch', tool: 'http_get', parameters: { url: `http://${siteHost}/inbox` } },
      { id: 'summarise', agent: 'writer', task: 'Summarise: {previous}' },
      {
        id: 'mail',
        tool: 'send_email',
        parameters: { to: 'me@example.com', subject: 'Digest', text: '{steps.summarise.output}' },
        approval: { default: 'never' }, // destructive: it would otherwise wait for a person
      },
    ],
  });
  await setup.tools.setConfig('http_get', 'workflow', 'digest', { allowHosts: [siteHost] });
  await setup.tools.setConfig('send_email', 'workflow', 'digest', {
    host: smtp.host,
    port: smtp.port,
    user: smtp.user,
    password: smtp.password,
    from: 'bot@example.com',
  });
  await setup.stop();
}, 240_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await ollama?.close();
  await smtp?.close();
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a workflow run interrupted by a killed process', () => {
  it('resumes on restart from the unfinished step without running finished steps again', async () => {
    ollama.enqueue(reply.hang());
    const first = await serve();
    const started = await fetch(`${first.url}/api/v1/workflows/digest/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ async: true }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await until(() => (ollama.chatRequests().length === 1 ? true : undefined));
    expect(siteHits).toBe(1);

    first.child.kill('SIGKILL');
    await new Promise((exited) => first.child.once('exit', exited));

    // Time passes: the dead process's heartbeat grows stale (instead of waiting out staleAfterMs).
    const database = await openDatabase({ url: join(dir, 'agentry.db') });
    const repositories = createRepositories(database);
    expect((await repositories.runs.get(id)).status).toBe('running');
    await database
      .knex('runs')
      .where({ status: 'running' })
      .update({ heartbeat_at: '2000-01-01T00:00:00.000Z' });

    ollama.enqueue(reply.text('Three invoices and a meeting request.'));
    await serve();
    const finished = await until(async () => {
      const run = await repositories.runs.get(id);
      return run.status === 'running' || run.status === 'queued' ? undefined : run;
    });
    const steps = (await repositories.runSteps.listForRun(id)).items;
    await database.close();

    expect(finished).toMatchObject({ status: 'succeeded' });
    expect(steps.map((step) => [step.stepId, step.status])).toEqual([
      ['fetch', 'succeeded'],
      ['summarise', 'succeeded'],
      ['mail', 'succeeded'],
    ]);
    expect(siteHits).toBe(1);
    expect(smtp.messages.map((message) => message.mail.text?.trim())).toEqual([
      'Three invoices and a meeting request.',
    ]);
  });
});
