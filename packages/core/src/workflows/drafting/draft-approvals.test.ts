import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../../agentry/create-agentry';
import { DeleteFile, ListFiles } from '../../approvals/approval-test-kit.test-support';
import { silentLogger } from '../../logging/logger';
import { reply, type ScriptedOllama, startScriptedOllama } from '../../testing/index';
import { definePlugin } from '../../tools/define-plugin';

describe('the workflow drafter knows approvals', () => {
  let agentry: Agentry;
  let ollama: ScriptedOllama;
  let dir = '';

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    dir = mkdtempSync(join(tmpdir(), 'agentry-draft-approvals-'));
    agentry = await createAgentry({
      cwd: dir,
      env: {},
      logger: silentLogger,
      overrides: {
        database: { url: join(dir, 'agentry.db') },
        data: { dir },
        tools: { dir: join(dir, 'tools') },
        scheduler: { enabled: false },
        ollama: { url: ollama.url, model: 'llama3' },
      },
      plugins: [definePlugin({ name: 'files', version: '1.0.0', tools: [DeleteFile, ListFiles] })],
    });
    await agentry.start();
    await agentry.agents.create({
      name: 'careful',
      role: 'Lister',
      goals: ['List'],
      backstory: '',
      tools: ['list_files'],
      approval: { tools: { list_files: 'always' } },
    });
  }, 120_000);
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await agentry?.stop();
    await ollama?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const askFirst = {
    steps: [
      {
        id: 'remove',
        description: 'Delete the file, after asking.',
        tool: 'delete_file',
        parameters: { path: '/tmp/a' },
        approval: { default: 'always' },
      },
    ],
  };

  it('marks destructive tools and calls that wait in the prompt, and offers `approval` in the format', async () => {
    ollama.enqueue(reply.json(askFirst));
    const { steps } = await agentry.workflows.draft({
      description: 'Delete /tmp/a, but ask me before deleting.',
    });
    expect(steps).toEqual(askFirst.steps);
    const [request] = ollama.chatRequests();
    const system = String(request?.messages?.[0]?.content);
    expect(system).toMatch(/- delete_file: Deletes a file\. \[destructive\] \[needs approval\]/);
    expect(system).toMatch(/- list_files: Lists files\.\n/);
    expect(system).toContain("its calls of list_files wait for a person's approval");
    expect(system).toContain('"ask me before sending"');
    const format = request?.format as { properties: { steps: { items: { anyOf: object[] } } } };
    for (const choice of format.properties.steps.items.anyOf) {
      expect(choice).toMatchObject({
        properties: { approval: { properties: { default: { enum: ['never', 'always', 'destructive'] } } } },
      });
    }
  });

  it('follows the setting: with approvals.defaultPolicy never, no tool is marked as needing approval', async () => {
    await agentry.config.patch({ approvals: { defaultPolicy: 'never' } });
    try {
      ollama.enqueue(reply.json(askFirst));
      await agentry.workflows.draft({ description: 'Delete /tmp/a.' });
      const system = String(ollama.chatRequests()[0]?.messages?.[0]?.content);
      expect(system).toMatch(/- delete_file: Deletes a file\. \[destructive\]\n/);
    } finally {
      await agentry.config.patch({ approvals: { defaultPolicy: 'destructive' } });
    }
  });

  it('sends a draft with a bad approval back naming the field, and keeps the corrected one', async () => {
    const bad = { steps: [{ ...askFirst.steps[0], approval: { default: 'sometimes' } }] };
    ollama.enqueue(reply.json(bad), reply.json(askFirst));
    const { steps } = await agentry.workflows.draft({ description: 'Delete /tmp/a, ask me first.' });
    expect(steps[0]?.approval).toEqual({ default: 'always' });
    const correction = String(ollama.chatRequests()[1]?.messages?.at(-1)?.content);
    expect(correction).toContain('/steps/0/approval/default');
  });

  it('a workflow created from a description stores the drafted step approval', async () => {
    ollama.enqueue(reply.json(askFirst));
    const created = await agentry.workflows.create({
      name: 'ask-first',
      description: 'Delete /tmp/a, but ask me before deleting.',
    });
    expect(created).toMatchObject({ generated: true, steps: askFirst.steps });
    expect((await agentry.workflows.get('ask-first')).steps[0]?.approval).toEqual({ default: 'always' });
  });
});
