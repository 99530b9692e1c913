import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

describe.runIf(chromiumAvailable())('Workflows in the console: draft, step list editor, edit', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    await agentry.api('/api/v1/agents', 'POST', {
      name: 'writer',
      role: 'Writer',
      goals: ['Summarise'],
      backstory: '',
      tools: [],
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  const workflow = () => agentry.api('/api/v1/workflows/digest') as Promise<{ steps: unknown[] }>;

  it('drafts steps from a description, edits the list (add, move) and creates the workflow', async () => {
    ollama.enqueue(reply.json({ steps: [{ id: 'ask', agent: 'writer', task: 'Summarise {inputs.topic}' }] }));
    await page.goto(`${agentry.url}/workflows`);
    await page.getByRole('link', { name: 'New workflow' }).click();
    await page.getByRole('heading', { level: 1, name: 'New workflow' }).waitFor();
    await page.getByLabel('Workflow name').fill('digest');
    await page.getByLabel('Workflow description').fill('Summarise a topic, then check the status page.');
    await page.getByLabel('Inputs (JSON)').fill('{"topic":{"description":"What about","default":"news"}}');
    await page.getByRole('button', { name: 'Draft workflow' }).click();
    await expect.poll(() => page.getByLabel('Step 1 task').inputValue()).toBe('Summarise {inputs.topic}');
    expect(await page.getByLabel('Step 1 agent').inputValue()).toBe('writer');
    await page
      .getByRole('listitem', { name: 'Step 1' })
      .locator('mark', { hasText: '{inputs.topic}' })
      .waitFor();

    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByLabel('Step 2 id').fill('status');
    await page.getByLabel('Step 2 kind').selectOption('tool');
    await page.getByLabel('Step 2 tool').selectOption('http_get');
    await page.getByLabel('Step 2 parameters (JSON)').fill('{"url":"http://127.0.0.1:9/"}');
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    expect(await page.getByLabel('Step 1 id').inputValue()).toBe('status');
    await page.getByRole('button', { name: 'Move step 1 down' }).click();
    expect(await page.getByLabel('Step 1 id').inputValue()).toBe('ask');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'workflow-editor.png'), fullPage: true });

    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
    expect(await workflow()).toMatchObject({
      description: 'Summarise a topic, then check the status page.',
      inputs: { topic: { default: 'news' } },
      steps: [
        { id: 'ask', agent: 'writer', task: 'Summarise {inputs.topic}' },
        { id: 'status', tool: 'http_get', parameters: { url: 'http://127.0.0.1:9/' } },
      ],
    });
  });

  it('edits the steps of a workflow: change a task, remove a step; approvals it does not show are kept', async () => {
    const current = await workflow();
    const [first, ...others] = current.steps as Record<string, unknown>[];
    await agentry.api('/api/v1/workflows/digest', 'PATCH', {
      approval: { default: 'never' },
      steps: [{ ...first, approval: { default: 'always' } }, ...others],
    });
    await page.reload();
    await page.getByRole('link', { name: 'Edit digest' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit workflow digest' }).waitFor();
    expect(await page.getByLabel('Step 2 tool').inputValue()).toBe('http_get');
    await page.getByLabel('Step 1 task').fill('Summarise {inputs.topic} in one line');
    await page.getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByRole('button', { name: 'Save workflow' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workflows' }).waitFor();
    expect(await workflow()).toMatchObject({
      approval: { default: 'never' },
      steps: [
        {
          id: 'ask',
          agent: 'writer',
          task: 'Summarise {inputs.topic} in one line',
          approval: { default: 'always' },
        },
      ],
    });
  });

  it("shows the API's problem for a bad step and saves nothing", async () => {
    await page.getByRole('link', { name: 'Edit digest' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit workflow digest' }).waitFor();
    await page.getByLabel('Step 1 id').fill('bad id!');
    await page.getByRole('button', { name: 'Save workflow' }).click();
    await page.getByRole('alert').filter({ hasText: '/steps/0/id' }).waitFor();
    expect((await workflow()).steps).toMatchObject([{ id: 'ask' }]);
  });

  it('shows the trigger a draft proposes for "when an email arrives…" and creates it only after the workflow is saved', async () => {
    ollama.enqueue(
      reply.json({
        steps: [{ id: 'summarise', agent: 'writer', task: 'Summarise {inputs.invoice}' }],
        trigger: {
          kind: 'email',
          name: 'invoice-mail',
          email: { filter: { from: 'invoices@example.com' } },
          input: { invoice: '{event.body}' },
        },
      }),
    );
    await page.goto(`${agentry.url}/workflows/new`);
    await page.getByRole('heading', { level: 1, name: 'New workflow' }).waitFor();
    await page.getByLabel('Workflow name').fill('invoices');
    await page
      .getByLabel('Workflow description')
      .fill('When an email arrives from invoices@example.com, summarise it.');
    await page.getByLabel('Inputs (JSON)').fill('{"invoice":{"description":"The invoice text"}}');
    await page.getByRole('button', { name: 'Draft workflow' }).click();
    const proposal = page.getByRole('region', { name: 'Proposed trigger' });
    await proposal.locator('code', { hasText: '{event.body}' }).waitFor();
    await proposal.locator('code', { hasText: 'invoices@example.com' }).waitFor();
    expect(await proposal.textContent()).toContain('email trigger invoice-mail');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'workflow-draft-trigger.png'), fullPage: true });
    const triggers = () =>
      agentry.api('/api/v1/triggers') as Promise<{ items: Array<Record<string, unknown>> }>;
    expect((await triggers()).items).toEqual([]);

    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('status').filter({ hasText: 'Workflow invoices saved' }).waitFor();
    expect((await triggers()).items).toEqual([]);
    await page.getByRole('button', { name: 'Create trigger' }).click();
    await page.getByRole('status').filter({ hasText: 'Trigger invoice-mail created' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await triggers()).items).toMatchObject([
      {
        name: 'invoice-mail',
        kind: 'email',
        target: { kind: 'workflow', name: 'invoices' },
        input: { invoice: '{event.body}' },
        email: { mailbox: 'INBOX', filter: { from: 'invoices@example.com' } },
      },
    ]);
  });
});
