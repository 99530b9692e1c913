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

describe.runIf(chromiumAvailable())('Tools page: try a tool with a form built from its parameters', () => {
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
      response.end(JSON.stringify({ weather: 'sunny in the console' }));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/today`;
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  const card = () =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: /^http_get/ }) });

  it('shows the ToolError when the tool refuses the call', async () => {
    await page.goto(`${agentry.url}/tools`);
    await page.getByRole('heading', { level: 1, name: 'Tools & plugins' }).waitFor();
    await card().getByText('Try http_get').click();
    await card().getByLabel(/^url/).fill(siteUrl);
    await card().getByRole('button', { name: 'Run http_get' }).click();
    const alert = card().getByRole('alert', { name: 'Tool error of http_get' });
    await alert.waitFor();
    expect(await alert.locator('code').textContent()).toMatch(/^[A-Z_]+$/);
    expect(await alert.textContent()).toContain('127.0.0.1');
    expect(await card().getByRole('region', { name: 'Result of http_get' }).count()).toBe(0);
  });

  it("runs the tool with the form's parameters and shows its output", async () => {
    await agentry.api('/api/v1/tools/http_get/config', 'PUT', { config: { allowHosts: ['127.0.0.1'] } });
    await card().getByRole('button', { name: 'Run http_get' }).click();
    const result = card().getByRole('region', { name: 'Result of http_get' });
    await result.waitFor();
    expect(await result.textContent()).toContain('sunny in the console');
    expect(await card().getByRole('alert').count()).toBe(0);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'tools-try.png'), fullPage: true });
  });
});
