import { join } from 'node:path';
import { type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();
const apiKey = 'e2e-admin-key-0123456789abcdef';

describe.runIf(chromiumAvailable())('signing in to the console of a server that needs an API key', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url, { apiKey });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  it('asks for the key, shows the API’s detail for a wrong one, and signs in with a cookie only', async () => {
    await page.goto(`${agentry.url}/agents`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Agentry' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('API key').fill('not-the-right-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The API key is not valid.').waitFor();
    await page.screenshot({ path: join(screenshots, 'sign-in.png') });

    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agents', exact: true }).waitFor();

    const cookies = await browser.cookies(agentry.url);
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'agentry_session', httpOnly: true, sameSite: 'Strict' }),
    ]);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(apiKey);
    expect(stored).toBe('{}{}');
  });

  it('changes state with the cookie (create an agent) and signs out, which revokes the session', async () => {
    await page.getByLabel('Agent name').fill('cookie-agent');
    await page.getByLabel('Description').fill('Made after signing in.');
    await page.getByLabel('Role').fill('Helper');
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run an agent' }).waitFor();
    const cookie = (await browser.cookies(agentry.url))[0];
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Agentry' }).waitFor();
    const reused = await fetch(`${agentry.url}/api/v1/agents`, {
      headers: { cookie: `agentry_session=${cookie?.value}` },
    });
    expect(reused.status).toBe(401);
  });
});
