import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

interface Entry {
  runId: string;
  role: string;
  content: string;
}

describe.runIf(chromiumAvailable())('Memory page: filter by run and by role', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;
  let runs: string[];

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Noted.'));
    agentry = await startAgentry(ollama.url);
    await agentry.api('/api/v1/agents', 'POST', {
      name: 'scribe',
      role: 'Scribe',
      goals: ['Write things down'],
      backstory: '',
      tools: [],
    });
    ollama.enqueue(reply.text('First answer: apples.'));
    const first = (await agentry.api('/api/v1/agents/scribe/run', 'POST', { task: 'Remember apples' })) as {
      id: string;
    };
    ollama.enqueue(reply.text('Second answer: pears.'));
    const second = (await agentry.api('/api/v1/agents/scribe/run', 'POST', { task: 'Remember pears' })) as {
      id: string;
    };
    runs = [first.id, second.id];
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  const shown = () =>
    page
      .getByRole('list', { name: 'Memory entries of scribe' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.textContent ?? ''));

  async function expected(query: string): Promise<Entry[]> {
    return ((await agentry.api(`/api/v1/agents/scribe/memory?limit=100${query}`)) as { items: Entry[] })
      .items;
  }

  it("shows only the chosen run's entries", async () => {
    const all = await expected('');
    expect(new Set(all.map((entry) => entry.runId))).toEqual(new Set(runs));
    await page.goto(`${agentry.url}/memory?agent=scribe`);
    await page.getByRole('heading', { level: 1, name: 'Memory' }).waitFor();
    await expect.poll(async () => (await shown()).length).toBe(all.length);
    await page.getByLabel('Run').selectOption(runs[0] as string);
    const firstRun = await expected(`&runId=${runs[0]}`);
    expect(firstRun.length).toBeGreaterThan(0);
    expect(firstRun.length).toBeLessThan(all.length);
    await expect.poll(async () => (await shown()).length).toBe(firstRun.length);
    const texts = (await shown()).join('\n');
    expect(texts).toContain('apples');
    expect(texts).not.toContain('pears');
  });

  it("shows only the chosen role's entries, combined with the run", async () => {
    await page.getByLabel('Role').selectOption('assistant');
    await expect.poll(async () => (await shown()).length).toBe(1);
    expect((await shown())[0]).toContain('First answer: apples.');
    await page.getByLabel('Run').selectOption('');
    const answers = await expected('&role=assistant');
    expect(answers.map((entry) => entry.content)).toEqual(['Second answer: pears.', 'First answer: apples.']);
    await expect.poll(async () => (await shown()).length).toBe(2);
    expect((await shown())[0]).toContain('Second answer: pears.');
    expect(await expected('&role=tool_call')).toEqual([]);
    await page.getByLabel('Role').selectOption('tool_call');
    await page.getByText("Nothing of scribe's memory matches these filters.").waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Role').selectOption('assistant');
    await expect.poll(async () => (await shown()).length).toBe(2);
    await page.screenshot({ path: join(screenshots, 'memory-filters.png'), fullPage: true });
  });
});
