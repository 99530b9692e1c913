import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

const agent = (role: string, extra: Record<string, unknown> = {}) => ({
  role,
  goals: [`Act as ${role}`],
  backstory: '',
  tools: [],
  memoryTurns: 0,
  ...extra,
});

describe.runIf(chromiumAvailable())('Run view: child runs of a delegating agent', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    await agentry.api('/api/v1/agents', 'POST', { name: 'researcher', ...agent('Research analyst') });
    await agentry.api('/api/v1/agents', 'POST', {
      name: 'lead',
      ...agent('Team lead', { delegates: ['researcher'] }),
    });
    await agentry.api('/api/v1/agents', 'POST', {
      name: 'boss',
      ...agent('Director', { delegates: ['lead'] }),
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  it('lists the child run live with its status, and links to its own run view', async () => {
    ollama.enqueue(
      reply.delay(
        1500,
        reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Find the answer' } }]),
      ),
      reply.delay(1500, reply.text('The answer is 42.')),
      reply.text('Our answer: 42.'),
    );
    const queued = (await agentry.api('/api/v1/agents/lead/run', 'POST', {
      task: 'What is the answer?',
      async: true,
    })) as { id: string };
    await page.goto(`${agentry.url}/runs/${queued.id}`);
    await page.getByRole('heading', { level: 1, name: 'Run of agent lead' }).waitFor();
    const section = page.getByRole('region', { name: 'Child runs' });
    const link = section.getByRole('link', { name: 'agent researcher' });
    await link.waitFor();
    // Seen while the child still waits for its (delayed) model answer, then updated by child.finished.
    const item = section
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'agent researcher' }) });
    expect(await item.locator('.badge').first().textContent()).toBe('running');
    await page.getByRole('heading', { name: 'Final answer' }).waitFor();
    await expect.poll(() => item.locator('.badge').first().textContent()).toBe('succeeded');

    const tree = (await agentry.api(`/api/v1/runs/${queued.id}/tree`)) as {
      children: Array<{ id: string; status: string }>;
    };
    expect(tree.children).toHaveLength(1);
    const childId = tree.children[0]?.id;
    expect(await link.getAttribute('href')).toBe(`/runs/${childId}`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'run-view-children.png'), fullPage: true });

    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Run of agent researcher' }).waitFor();
    await page.getByText('The answer is 42.').first().waitFor();
    expect(page.url()).toBe(`${agentry.url}/runs/${childId}`);
    expect(await page.getByRole('region', { name: 'Child runs' }).count()).toBe(0);
  });

  it('shows the children of a finished run from its stored tree, without live events', async () => {
    const runs = (await agentry.api('/api/v1/runs?agent=lead')) as { items: Array<{ id: string }> };
    const parent = runs.items[0]?.id;
    await page.goto(`${agentry.url}/runs/${parent}`);
    const section = page.getByRole('region', { name: 'Child runs' });
    const item = section.getByRole('listitem').filter({ hasText: 'agent researcher' });
    await item.waitFor();
    expect(await item.locator('.badge').first().textContent()).toBe('succeeded');
  });
  it('nests grandchildren under the child that started them', async () => {
    ollama.enqueue(
      reply.toolCalls([{ name: 'ask_lead', arguments: { task: 'Get it done' } }]),
      reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Look it up' } }]),
      reply.text('Found it.'),
      reply.text('Done by the team.'),
      reply.text('All done.'),
    );
    const run = (await agentry.api('/api/v1/agents/boss/run', 'POST', { task: 'Get it done.' })) as {
      id: string;
      status: string;
    };
    expect(run.status).toBe('succeeded');
    await page.goto(`${agentry.url}/runs/${run.id}`);
    const section = page.getByRole('region', { name: 'Child runs' });
    const lead = section
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'agent lead' }) });
    await lead.waitFor();
    const nested = lead.getByRole('list').getByRole('listitem');
    expect(await nested.count()).toBe(1);
    expect(await nested.getByRole('link').textContent()).toBe('agent researcher');
    expect(await nested.locator('.badge').textContent()).toBe('succeeded');
  });
});
