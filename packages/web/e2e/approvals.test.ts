import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  'Approvals: a tool call waits for a person in the run view and on its page',
  () => {
    let ollama: ScriptedOllama;
    let agentry: RunningAgentry;
    let site: Server;
    let siteUrl: string;
    let browser: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      ollama.respondWith(() => reply.text('Done.'));
      agentry = await startAgentry(ollama.url);
      site = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ weather: 'sunny behind the approval' }));
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/today`;
      await agentry.api('/api/v1/tools/http_get/config', 'PUT', { config: { allowHosts: ['127.0.0.1'] } });
      await agentry.api('/api/v1/agents', 'POST', {
        name: 'fetcher',
        role: 'Weather fetcher',
        goals: ['Read the weather page'],
        backstory: '',
        tools: ['http_get'],
        approval: { default: 'always' },
      });
      browser = await launchBrowser();
      page = await browser.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await agentry?.stop();
      await ollama?.close();
      await new Promise((resolve) => site?.close(resolve));
    });

    const fetchCall = () => reply.toolCalls([{ name: 'http_get', arguments: { url: siteUrl } }]);

    it('shows the waiting run, approves on the Approvals page (with its pending count), and the run ends', async () => {
      ollama.enqueue(fetchCall(), reply.text('It is sunny behind the approval.'));
      await page.goto(`${agentry.url}/run?agent=fetcher`);
      await page.getByRole('heading', { level: 1, name: 'Run an agent' }).waitFor();
      await expect.poll(() => page.getByLabel('Agent').inputValue()).toBe('fetcher');
      await page.getByLabel('Task').fill('What is the weather?');
      await page.getByRole('button', { name: 'Start run' }).click();
      await page.getByRole('heading', { level: 1, name: 'Run of agent fetcher' }).waitFor();
      const runUrl = page.url();
      const waiting = page.getByRole('region', { name: 'Waiting for approval' });
      await waiting.waitFor();
      expect(await waiting.getByTitle('Arguments of http_get').textContent()).toContain(siteUrl);
      expect(await page.getByText('waiting_approval').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshots, 'run-view-waiting.png'), fullPage: true });

      const nav = page.getByRole('navigation', { name: 'Sections' });
      await nav.getByRole('link', { name: 'Approvals 1 pending' }).click();
      await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
      const card = page.getByRole('listitem').filter({ hasText: 'for agent fetcher' });
      expect(await card.getByTitle('Arguments of http_get').textContent()).toContain(siteUrl);
      expect(await card.getByRole('link', { name: 'Open the run of fetcher' }).getAttribute('href')).toBe(
        new URL(runUrl).pathname,
      );
      expect(await page.locator('h1').count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, 'approvals.png'), fullPage: true });

      await card.getByRole('button', { name: 'Approve http_get' }).click();
      await page.getByText('No tool call is waiting for a decision.').waitFor();
      await expect
        .poll(() => nav.getByRole('link', { name: 'Approvals', exact: true }).count(), { timeout: 8000 })
        .toBe(1);

      await page.goto(runUrl);
      await page.getByRole('heading', { name: 'Final answer' }).waitFor();
      await page.getByText('It is sunny behind the approval.').first().waitFor();
      // The approved call ran: the model got the page's text as the tool's answer.
      expect(JSON.stringify(ollama.chatRequests().at(-1))).toContain('sunny behind the approval');
      expect(await page.getByRole('region', { name: 'Waiting for approval' }).count()).toBe(0);
    });

    it('rejects with a reason in the run view: the model gets the reason and answers', async () => {
      ollama.enqueue(fetchCall(), reply.text('Understood, I will not fetch it.'));
      const run = (await agentry.api('/api/v1/agents/fetcher/run', 'POST', { task: 'Weather again?' })) as {
        id: string;
        status: string;
      };
      expect(run.status).toBe('waiting_approval');
      await page.goto(`${agentry.url}/runs/${run.id}`);
      const waiting = page.getByRole('region', { name: 'Waiting for approval' });
      await waiting.waitFor();
      await waiting.getByLabel('Reason (http_get for fetcher)').fill('not today');
      await waiting.getByRole('button', { name: 'Reject http_get' }).click();
      await page.getByRole('heading', { name: 'Final answer' }).waitFor();
      await page.getByText('Understood, I will not fetch it.').first().waitFor();
      expect(JSON.stringify(ollama.chatRequests().at(-1))).toContain('not today');
    });

    it('shows "already decided" when someone else decided first', async () => {
      ollama.enqueue(fetchCall(), reply.text('Fine.'));
      const run = (await agentry.api('/api/v1/agents/fetcher/run', 'POST', { task: 'And now?' })) as {
        id: string;
      };
      const [approval] = (
        (await agentry.api(`/api/v1/approvals?runId=${run.id}`)) as { items: { id: string }[] }
      ).items;
      await page.goto(`${agentry.url}/approvals`);
      const card = page.getByRole('listitem').filter({ hasText: 'for agent fetcher' });
      await card.waitFor();
      await agentry.api(`/api/v1/approvals/${approval?.id}`, 'POST', {
        decision: 'reject',
        reason: 'by curl',
      });
      await card.getByRole('button', { name: 'Approve http_get' }).click();
      await card.getByRole('alert').getByText('This call was already decided.').waitFor();
    });

    it('edits the arguments as JSON: a problem is shown at the field, a valid edit is approved', async () => {
      ollama.enqueue(fetchCall(), reply.text('Fetched the edited page.'));
      const run = (await agentry.api('/api/v1/agents/fetcher/run', 'POST', { task: 'Edit me' })) as {
        id: string;
      };
      await page.goto(`${agentry.url}/approvals`);
      const card = page.getByRole('listitem').filter({ hasText: 'for agent fetcher' });
      await card.getByLabel('Edit arguments (http_get for fetcher)').check();
      const args = card.getByLabel('Arguments as JSON (http_get for fetcher)');
      await args.fill('{ "url": ');
      await card.getByRole('button', { name: 'Approve http_get' }).click();
      await card.getByText('The arguments are not valid JSON.').waitFor();
      await args.fill('{}');
      await card.getByRole('button', { name: 'Approve http_get' }).click();
      // The API's problem (`/arguments…`) is shown under the arguments field, which is marked invalid.
      await expect.poll(() => args.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await args.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/url/);
      expect((await agentry.api(`/api/v1/approvals?runId=${run.id}`)) as { items: unknown[] }).toMatchObject({
        items: [{ status: 'pending' }],
      });
      await args.fill(JSON.stringify({ url: `${siteUrl}?edited=1` }));
      await card.getByRole('button', { name: 'Approve http_get' }).click();
      await page.getByText('No tool call is waiting for a decision.').waitFor();
      const decided = (await agentry.api(`/api/v1/approvals?runId=${run.id}&status=approved`)) as {
        items: { editedArguments: unknown }[];
      };
      expect(decided.items[0]?.editedArguments).toEqual({ url: `${siteUrl}?edited=1` });
    });
  },
);
