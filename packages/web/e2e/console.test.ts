import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();
const enabled = chromiumAvailable();

describe.runIf(enabled)('the web console in Chromium, against a real agentry serve', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];
  const externalRequests: string[] = [];

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    agentry = await startAgentry(ollama.url);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(agentry.url)) externalRequests.push(request.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  async function open(path: string, heading: string): Promise<void> {
    await page.goto(`${agentry.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  }

  async function expectAccessible(name: string): Promise<void> {
    expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
    expect(await seriousA11yViolations(page), `${name}: axe serious/critical violations`).toEqual([]);
  }

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  }

  it('shows the overview: server and Ollama status, and the failed plugin', async () => {
    await open('/', 'Overview');
    await page.getByText('llama3 is present').waitFor();
    await page.getByText('weather service key missing').waitFor();
    await expectAccessible('overview');
    await screenshot('overview');
  });

  it('creates an agent with the form, runs it, and shows the tool call and the answer live', async () => {
    ollama.enqueue(
      reply.delay(
        300,
        reply.toolCalls([{ name: 'http_get', arguments: { url: 'http://127.0.0.1:9/status' } }]),
      ),
      reply.delay(300, reply.text('The status page cannot be reached from here.')),
    );
    await open('/agents', 'Agents');
    await page.getByLabel('Agent name').fill('helper');
    await page.getByLabel('Description').fill('Checks status pages.');
    await page.getByLabel('Role').fill('Status checker');
    await page.getByLabel('Tools', { exact: true }).selectOption(['http_get']);
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run an agent' }).waitFor();
    await expectAccessible('run an agent');
    await expect.poll(() => page.getByLabel('Agent').inputValue()).toBe('helper');
    await page.getByLabel('Task').fill('Is the status page up?');
    await screenshot('run-an-agent');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run of agent helper' }).waitFor();
    const toolCall = page.locator('.entry-tool').filter({ hasText: 'http_get' });
    await toolCall.waitFor();
    await page.getByRole('heading', { name: 'Final answer' }).waitFor();
    await page.getByText('The status page cannot be reached from here.').first().waitFor();
    // The refused call (loopback is closed to http_get by default) is highlighted and opened.
    await expect.poll(() => toolCall.getAttribute('class')).toContain('entry-error');
    await expect
      .poll(() => toolCall.locator('pre').first().textContent())
      .toContain('http://127.0.0.1:9/status');
    await expectAccessible('run view');
    await screenshot('run-view');
  });

  it('finds the agent by search and asks before deleting one that has memory', async () => {
    await open('/agents', 'Agents');
    await page.getByLabel('Search agents').fill('status pages');
    await page.getByRole('heading', { name: 'helper' }).waitFor();
    await expectAccessible('agents');
    await screenshot('agents');
    await page.getByRole('button', { name: 'Delete helper' }).click();
    await page.getByRole('alertdialog', { name: 'Confirm deleting helper' }).waitFor();
    await page.getByRole('button', { name: 'Keep helper' }).click();
  });

  it('shows what the agent remembers', async () => {
    await open('/memory?agent=helper', 'Memory');
    await page
      .getByRole('list', { name: 'Memory entries of helper' })
      .getByText('Is the status page up?')
      .first()
      .waitFor();
    await expectAccessible('memory');
    await screenshot('memory');
  });

  it('runs a workflow with its inputs form and follows the run', async () => {
    await agentry.api('/api/v1/workflows', 'POST', {
      name: 'greeting',
      description: 'Greets someone by name.',
      inputs: { person: { description: 'Who to greet' } },
      steps: [{ id: 'greet', agent: 'helper', task: 'Say hello to {inputs.person}.' }],
    });
    ollama.enqueue(reply.text('Hello, Ada!'));
    await open('/workflows', 'Workflows');
    await page.getByRole('button', { name: 'Run greeting' }).click();
    await page.getByRole('button', { name: 'Start greeting' }).click();
    await page.getByText('person is required.').waitFor();
    await page.getByLabel('person').fill('Ada');
    await expectAccessible('workflows');
    await screenshot('workflows');
    await page.getByRole('button', { name: 'Start greeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run of workflow greeting' }).waitFor();
    await page.getByRole('heading', { name: 'Final answer' }).waitFor();
    await page.locator('.entry-step').filter({ hasText: 'greet' }).first().waitFor();
    await expect.poll(() => page.locator('.answer').textContent()).toContain('Hello, Ada!');
  });

  it('pauses and resumes a schedule', async () => {
    await agentry.api('/api/v1/schedules', 'POST', {
      target: { kind: 'agent', name: 'helper' },
      every: '1h',
      input: { task: 'Check the status page.' },
    });
    await open('/schedules', 'Schedules');
    await page.getByRole('button', { name: /^Pause agent helper/ }).click();
    await page.getByRole('button', { name: /^Resume agent helper/ }).waitFor();
    await expectAccessible('schedules');
    await screenshot('schedules');
    await page.getByRole('button', { name: /^Resume agent helper/ }).click();
    await page.getByRole('button', { name: /^Pause agent helper/ }).waitFor();
  });

  it("shows tools with their schemas and a failed plugin's reason", async () => {
    await open('/tools', 'Tools & plugins');
    await page.getByText('Reason: ').filter({ hasText: 'weather service key missing' }).waitFor();
    await page.getByText('Parameters of http_get').click();
    await expectAccessible('tools');
    await screenshot('tools');
    await page.getByRole('button', { name: 'Rescan tools directory' }).click();
    await page.getByText('weather service key missing').first().waitFor();
  });

  it('shows the settings in force', async () => {
    await open('/settings', 'Settings');
    await page.getByText('ollama.url').waitFor();
    await expectAccessible('settings');
    await screenshot('settings');
  });

  it('collapses the navigation into a menu at phone width, without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [path, heading] of [
        ['/', 'Overview'],
        ['/runs/00000000-0000-4000-8000-000000000000', 'Run'],
        ['/tools', 'Tools & plugins'],
      ] as const) {
        await open(path, heading);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      }
      await open('/', 'Overview');
      expect(await page.getByRole('link', { name: 'Schedules', exact: true }).isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Menu' }).click();
      await screenshot('phone-menu');
      await page.getByRole('link', { name: 'Schedules', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Schedules' }).waitFor();
      await expectAccessible('phone schedules');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('broke no Content-Security-Policy rule and requested nothing from another origin', () => {
    expect(cspViolations).toEqual([]);
    expect(externalRequests).toEqual([]);
  });
});
