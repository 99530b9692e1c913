import { join } from 'node:path';
import { type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

describe.runIf(chromiumAvailable())('Settings in the console: change a setting through the API', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${agentry.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  const settings = () => agentry.api('/api/v1/config') as Promise<Record<string, Record<string, unknown>>>;

  it('changes a live setting and shows it in force', async () => {
    const row = page.getByRole('row', { name: /agent\.maxIterations/ });
    await row.getByRole('textbox', { name: 'New value of agent.maxIterations' }).fill('12');
    await row.getByRole('button', { name: 'Save agent.maxIterations' }).click();
    await row.getByRole('status').filter({ hasText: 'In force now.' }).waitFor();
    expect((await settings()).agent?.maxIterations).toBe(12);
    await row.getByRole('cell', { name: '12', exact: true }).waitFor();
  });

  it('shows the API validation error next to the field and changes nothing', async () => {
    const row = page.getByRole('row', { name: /agent\.maxIterations/ });
    const field = row.getByRole('textbox', { name: 'New value of agent.maxIterations' });
    await field.fill('999');
    await row.getByRole('button', { name: 'Save agent.maxIterations' }).click();
    await row.locator('.field-error').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await settings()).agent?.maxIterations).toBe(12);
    await field.fill('twelve');
    await row.getByRole('button', { name: 'Save agent.maxIterations' }).click();
    await row.getByText('Not valid JSON.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'settings-edit.png'), fullPage: true });
  });

  it('says when a change takes effect only after a restart', async () => {
    const row = page.getByRole('row', { name: /server\.port/ });
    await row.getByRole('textbox', { name: 'New value of server.port' }).fill('9191');
    await row.getByRole('button', { name: 'Save server.port' }).click();
    await row.getByRole('status').filter({ hasText: 'takes effect after a restart' }).waitFor();
  });
});
