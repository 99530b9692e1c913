import { join } from 'node:path';
import { type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();
const adminKey = 'e2e-admin-key-for-api-keys-0123456789';

describe.runIf(chromiumAvailable())('Settings → API keys in the console', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url, { apiKey: adminKey });
    browser = await launchBrowser();
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: agentry.url });
    page = await browser.newPage();
    await page.goto(`${agentry.url}/settings`);
    await page.getByLabel('API key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  const status = (key: string) =>
    fetch(`${agentry.url}/api/v1/agents`, { headers: { authorization: `Bearer ${key}` } }).then(
      (response) => response.status,
    );

  it('creates a key, shows it once with a copy button, and revokes it after a confirm', async () => {
    await page.getByRole('heading', { level: 2, name: 'API keys' }).waitFor();
    await page.getByText('No API keys yet.').waitFor();
    await page.getByRole('textbox', { name: 'Key name' }).fill('deploy-bot');
    await page.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('status', { name: 'New API key deploy-bot' });
    await shown.getByText('you will not see it again').waitFor();
    const key = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    expect(key).toMatch(/^agk_/);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect(await status(key)).toBe(200);

    const row = page.getByRole('row', { name: /deploy-bot/ });
    await row.getByText('active').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'settings-api-keys.png'), fullPage: true });

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByRole('textbox', { name: 'New API key' }).count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    await page.getByRole('button', { name: 'Revoke deploy-bot' }).click();
    await page.getByRole('alertdialog', { name: 'Confirm revoking deploy-bot' }).waitFor();
    await page.getByRole('button', { name: 'Yes, revoke deploy-bot' }).click();
    await row.getByText('revoked').waitFor();
    expect(await page.getByRole('button', { name: 'Revoke deploy-bot' }).count()).toBe(0);
    expect(await status(key)).toBe(401);
  });

  it('fits a phone-width screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByRole('button', { name: 'Create key' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe.runIf(chromiumAvailable())('the first API key created in the console of an open server', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  it('closes the server but keeps the key on screen and the console signed in with it', async () => {
    const page = await browser.newPage();
    await page.goto(`${agentry.url}/settings`);
    await page.getByRole('textbox', { name: 'Key name' }).fill('first');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    expect(key).toMatch(/^agk_/);
    await page.getByRole('row', { name: /first/ }).getByText('active').waitFor();
    expect((await fetch(`${agentry.url}/api/v1/keys`)).status).toBe(401);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('row', { name: /first/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Sign in to Agentry' }).count()).toBe(0);
  });
});
