import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

describe.runIf(chromiumAvailable())('the console of a server in demo mode', () => {
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    agentry = await startAgentry('http://127.0.0.1:9', { demo: true });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
  });

  it('says on every page that the model is simulated', async () => {
    await page.goto(`${agentry.url}/`);
    const notice = page.getByRole('status').filter({ hasText: 'Demo mode' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('the model is simulated');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Agents' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await page.getByText('demo-assistant').first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Demo mode' }).count()).toBe(1);
  });
});
