import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

/** Calls a webhook trigger as a Standard Webhooks sender does: signed with its secret. */
async function callHook(url: string, secret: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const id = `msg_${Date.now()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  return response.status;
}

describe.runIf(chromiumAvailable())('Triggers in the console: list, events, create a webhook trigger', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Order noted.'));
    agentry = await startAgentry(ollama.url);
    await agentry.api('/api/v1/agents', 'POST', {
      name: 'orders',
      role: 'Order clerk',
      goals: ['Note orders'],
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

  it('creates a webhook trigger and shows its signing secret once', async () => {
    await page.goto(`${agentry.url}/triggers`);
    await page.getByRole('heading', { level: 1, name: 'Triggers' }).waitFor();
    await page.getByText('No triggers yet.').waitFor();
    await page.getByLabel('Trigger name').fill('new-order');
    await page.getByLabel('Target', { exact: true }).selectOption('orders');
    await page.getByLabel('Input (JSON)').fill('{"task":"Note order {event.payload.id}"}');
    await page.getByRole('button', { name: 'Create webhook trigger' }).click();

    const shown = page.getByRole('status', { name: 'Signing secret of new-order' });
    await shown.getByText('you will not see it again').waitFor();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const { items } = (await agentry.api('/api/v1/triggers')) as { items: Record<string, unknown>[] };
    expect(items).toMatchObject([
      { name: 'new-order', kind: 'webhook', target: { kind: 'agent', name: 'orders' }, secretSet: true },
    ]);
    expect(JSON.stringify(items)).not.toContain(secret);

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /new-order/ }) });
    await card.getByText('webhook', { exact: true }).waitFor();
    await card.getByText('enabled').waitFor();
    await card.getByText(`POST /hooks/${items[0]?.id}`).waitFor();
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.content()).not.toContain(secret);

    expect(await callHook(`${agentry.url}/hooks/${items[0]?.id}`, secret, { id: 'A-17' })).toBe(202);
    await card.getByRole('button', { name: 'Show events of new-order' }).click();
    const event = card.getByRole('row', { name: /executed/ });
    await event.waitFor({ timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'triggers.png'), fullPage: true });
    await event.getByRole('link', { name: 'Open run' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run of agent orders' }).waitFor();
  });

  it('shows the error the API names at the field, and creates nothing', async () => {
    await page.goto(`${agentry.url}/triggers`);
    await page.getByLabel('Trigger name').fill('bad name!');
    await page.getByLabel('Target', { exact: true }).selectOption('orders');
    await page.getByRole('button', { name: 'Create webhook trigger' }).click();
    await expect.poll(() => page.getByLabel('Trigger name').getAttribute('aria-invalid')).toBe('true');
    const { items } = (await agentry.api('/api/v1/triggers')) as { items: unknown[] };
    expect(items).toHaveLength(1);
  });

  it('fits the new pages on a phone-width screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [path, heading] of [
        ['/triggers', 'Triggers'],
        ['/schedules', 'Schedules'],
        ['/workflows/new', 'New workflow'],
        ['/agents/orders', 'Edit agent orders'],
      ] as const) {
        await page.goto(`${agentry.url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
