import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

describe.runIf(chromiumAvailable())(
  'Schedules in the console: preview, create, next fire times, history',
  () => {
    let ollama: ScriptedOllama;
    let agentry: RunningAgentry;
    let browser: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      ollama.respondWith(() => reply.text('Tick.'));
      agentry = await startAgentry(ollama.url);
      await agentry.api('/api/v1/agents', 'POST', {
        name: 'ticker',
        role: 'Clock',
        goals: ['Say tick'],
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

    async function expectAccessible(name: string): Promise<void> {
      expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
      expect(await seriousA11yViolations(page), `${name}: axe serious/critical violations`).toEqual([]);
    }

    it('previews the next five fire times as the timing is typed, before saving', async () => {
      await page.goto(`${agentry.url}/schedules`);
      await page.getByRole('heading', { level: 1, name: 'Schedules' }).waitFor();
      const preview = page.getByRole('region', { name: 'Fire time preview' });
      const previewed = () =>
        preview
          .getByRole('list', { name: 'Next fire times' })
          .locator('time')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
      await page.getByLabel('Time zone').fill('Asia/Kolkata');
      await page.getByLabel('Cron expression').pressSequentially('30 9 * * *', { delay: 20 });
      await expect.poll(previewed).toHaveLength(5);
      const times = await previewed();
      for (const time of times) expect(time).toMatch(/T04:00:00\.000Z$/);
      await page.getByLabel('Cron expression').fill('61 * * * *');
      await expect.poll(() => page.getByLabel('Cron expression').getAttribute('aria-invalid')).toBe('true');
      expect(await preview.getByRole('list').count()).toBe(0);
      await page.getByLabel('Cron expression').fill('0 12 * * *');
      await expect.poll(async () => (await previewed())[0] ?? '').toMatch(/T06:30:00\.000Z$/);
      expect(await page.getByLabel('Cron expression').getAttribute('aria-invalid')).toBeNull();
      await expectAccessible('schedule preview');
      await page.screenshot({ path: join(screenshots, 'schedule-preview.png'), fullPage: true });
      expect(await agentry.api('/api/v1/schedules')).toMatchObject({ items: [] });
      await page.getByLabel('Time zone').fill('UTC');
    });

    it('shows the error the API names at the cron field, and creates nothing', async () => {
      await page.getByLabel('Target', { exact: true }).selectOption('ticker');
      await page.getByLabel('Cron expression').fill('every tuesday');
      await page.getByLabel('Task').fill('Tick');
      await page.getByRole('button', { name: 'Create schedule' }).click();
      await expect.poll(() => page.getByLabel('Cron expression').getAttribute('aria-invalid')).toBe('true');
      expect(await agentry.api('/api/v1/schedules')).toMatchObject({ items: [] });
    });

    it('creates an interval schedule for an agent and shows the next fire times the API computed', async () => {
      await page.getByLabel('Fires').selectOption('every');
      await page.getByLabel('Interval').fill('2s');
      await page.getByLabel('Time zone').fill('Europe/Berlin');
      await page.getByRole('button', { name: 'Create schedule' }).click();
      const created = page.getByRole('status', { name: 'Schedule created' });
      await created.waitFor();
      const times = await created
        .getByRole('list', { name: 'Next fire times' })
        .locator('time')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
      expect(times.length).toBeGreaterThan(1);
      const gaps = times.slice(1).map((time, index) => Date.parse(time) - Date.parse(times[index] ?? ''));
      expect(new Set(gaps)).toEqual(new Set([2000]));
      const { items } = (await agentry.api('/api/v1/schedules')) as {
        items: { target: unknown; every: string; timezone: string; input: unknown }[];
      };
      expect(items).toMatchObject([
        {
          target: { kind: 'agent', name: 'ticker' },
          every: '2s',
          timezone: 'Europe/Berlin',
          input: { task: 'Tick' },
        },
      ]);
      await page.getByRole('row', { name: /ticker/ }).waitFor();
      await expectAccessible('schedules');
      await page.screenshot({ path: join(screenshots, 'schedules-create.png'), fullPage: true });
    });

    it("opens the schedule's firing history: each firing's status and a link to its run", async () => {
      await page.getByRole('link', { name: /^Firing history of agent ticker/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Schedule history' }).waitFor();
      const executed = page.getByRole('row', { name: /executed/ }).first();
      await executed.waitFor({ timeout: 20_000 });
      await expectAccessible('schedule history');
      await page.screenshot({ path: join(screenshots, 'schedule-history.png'), fullPage: true });
      const { items } = (await agentry.api('/api/v1/schedules')) as { items: { id: string }[] };
      await agentry.api(`/api/v1/schedules/${items[0]?.id}`, 'PATCH', { enabled: false });
      await executed.getByRole('link', { name: 'Open run' }).click();
      await page.getByRole('heading', { level: 1, name: 'Run of agent ticker' }).waitFor();
      expect(page.url()).toMatch(/\/runs\/[0-9a-f-]{36}$/);
    });
  },
);
