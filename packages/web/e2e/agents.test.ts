import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();
const secret = 'smtp-password-e2e-7f3a9c';

describe.runIf(chromiumAvailable())('Agents in the console: draft, create, edit, tool configs', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  async function expectAccessible(name: string): Promise<void> {
    expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
    expect(await seriousA11yViolations(page), `${name}: axe serious/critical violations`).toEqual([]);
  }

  it('drafts an agent from a description into the form, and creates it after review', async () => {
    ollama.enqueue(
      reply.json({
        role: 'Mail clerk',
        goals: ['Send the daily report'],
        backstory: 'Punctual.',
        tools: ['send_email'],
      }),
    );
    await page.goto(`${agentry.url}/agents`);
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await page.getByLabel('Describe the agent').fill('Mails the daily report to the team');
    await page.getByRole('button', { name: 'Draft agent' }).click();
    await expect.poll(() => page.getByLabel('Role').inputValue()).toBe('Mail clerk');
    expect(await page.getByLabel('Goals').inputValue()).toBe('Send the daily report');
    expect(await page.getByLabel('Description').inputValue()).toBe('Mails the daily report to the team');
    const picked = await page
      .getByLabel('Tools', { exact: true })
      .evaluate((select: HTMLSelectElement) => Array.from(select.selectedOptions, (o) => o.value));
    expect(picked).toEqual(['send_email']);
    expect(await agentry.api('/api/v1/agents')).toMatchObject({ items: [] });

    await page.getByLabel('Agent name').fill('mailer');
    await page.getByLabel('Output schema').fill('{"type":"object","required":["sent"]}');
    await expectAccessible('agents with a draft');
    await page.screenshot({ path: join(screenshots, 'agents-draft.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run an agent' }).waitFor();
    expect(await agentry.api('/api/v1/agents/mailer')).toMatchObject({
      role: 'Mail clerk',
      goals: ['Send the daily report'],
      tools: ['send_email'],
      outputSchema: { type: 'object', required: ['sent'] },
    });
  });

  it('edits an agent: its fields, its tools (multi-select) and its output schema', async () => {
    await page.goto(`${agentry.url}/agents`);
    await page.getByRole('link', { name: 'Edit mailer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit agent mailer' }).waitFor();
    expect(await page.getByLabel('Role').inputValue()).toBe('Mail clerk');
    await page.getByLabel('Backstory').fill('Never late.');
    await page.getByLabel('Tools', { exact: true }).selectOption(['http_get', 'send_email']);
    await page.getByLabel('Output schema').fill('');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    const saved = (await agentry.api('/api/v1/agents/mailer')) as Record<string, unknown>;
    expect(saved).toMatchObject({ backstory: 'Never late.', tools: ['http_get', 'send_email'] });
    expect(saved.outputSchema).toBeUndefined();

    await page.getByLabel('Role').fill('');
    await page.getByRole('button', { name: 'Save agent' }).click();
    await page.getByText('Role is required.').waitFor();
    expect(await agentry.api('/api/v1/agents/mailer')).toMatchObject({ role: 'Mail clerk' });
  });

  it('configures a tool for the agent from its config schema; the secret is write-only', async () => {
    await page.goto(`${agentry.url}/agents/mailer`);
    const section = page.getByRole('region', { name: 'send_email' });
    await section.getByLabel('host').fill('127.0.0.1');
    await section.getByLabel('from').fill('Bot <bot@example.com>');
    await section.getByLabel('password (not set)').fill(secret);
    await section.getByRole('button', { name: 'Save send_email configuration' }).click();
    await section.getByLabel('password (set)').waitFor();
    expect(await section.getByLabel('password (set)').inputValue()).toBe('');
    expect(await section.getByLabel('host').inputValue()).toBe('127.0.0.1');
    expect(await page.content()).not.toContain(secret);
    const stored = (await agentry.api('/api/v1/agents/mailer/tools/send_email/config')) as {
      config: Record<string, unknown>;
    };
    expect(stored.config).toMatchObject({ host: '127.0.0.1', password: { set: true } });

    await section.getByLabel('host').fill('mail.example.com');
    await section.getByRole('button', { name: 'Save send_email configuration' }).click();
    await expect.poll(() => section.getByLabel('host').inputValue()).toBe('mail.example.com');
    const kept = (await agentry.api('/api/v1/agents/mailer/tools/send_email/config')) as {
      config: Record<string, unknown>;
    };
    expect(kept.config).toMatchObject({ host: 'mail.example.com', password: { set: true } });

    await section.getByLabel('port').fill('99999');
    await section.getByRole('button', { name: 'Save send_email configuration' }).click();
    await section.locator('.field-error').first().waitFor();
    expect(await section.getByLabel('port').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible('edit agent');
    await page.screenshot({ path: join(screenshots, 'agent-edit.png'), fullPage: true });
  });

  it('clears the stored secret with its "Clear" checkbox: the API then stores no password', async () => {
    await page.goto(`${agentry.url}/agents/mailer`);
    const section = page.getByRole('region', { name: 'send_email' });
    const password = section.getByLabel('password (set)');
    await password.waitFor();
    await section.getByLabel('Clear stored password').check();
    expect(await password.isDisabled()).toBe(true);
    await section.getByRole('button', { name: 'Save send_email configuration' }).click();
    await section.getByLabel('password (not set)').waitFor();
    expect(await section.getByLabel('Clear stored password').count()).toBe(0);
    expect(await section.getByLabel('host').inputValue()).toBe('mail.example.com');
    const cleared = (await agentry.api('/api/v1/agents/mailer/tools/send_email/config')) as {
      config: Record<string, unknown>;
    };
    expect(cleared.config).toMatchObject({ host: 'mail.example.com' });
    expect(cleared.config.password).toBeUndefined();
    await expectAccessible('tool config with its secret cleared');
  });
});
