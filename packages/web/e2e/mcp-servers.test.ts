import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();
const fixture = join(import.meta.dirname, '../../server/src/mcp-servers/tiny-mcp-server.fixture.mjs');
/** Generous: the server connects in the background and the page polls its status. */
const patience = { timeout: 60_000 };

/** The text of the error the field's `aria-describedby` names, once the field is marked invalid. */
async function errorUnder(page: Page, field: Locator): Promise<string> {
  await page.locator('[aria-invalid="true"]').first().waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const errorId = ((await field.getAttribute('aria-describedby')) ?? '')
    .split(' ')
    .find((id) => id.endsWith('-error'));
  expect(errorId).toBeDefined();
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

describe.runIf(chromiumAvailable())('MCP servers page', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Done.'));
    agentry = await startAgentry(ollama.url, {
      settings: { mcpServers: { filed: { command: process.execPath, args: [fixture], enabled: false } } },
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
  });

  const serverCard = (name: string) =>
    page
      .getByRole('list')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name}\\b`) }) });
  const storedNames = async () =>
    ((await agentry.api('/api/v1/mcp-servers?limit=50')) as { items: Array<{ name: string }> }).items.map(
      (server) => server.name,
    );

  it('lists a settings-file server as read-only, without enable, disable or delete', async () => {
    await page.goto(agentry.url);
    await page.getByRole('link', { name: 'MCP servers' }).click();
    await page.getByRole('heading', { level: 1, name: 'MCP servers' }).waitFor();
    const card = serverCard('filed');
    await card.getByText('disabled', { exact: true }).waitFor(patience);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('settings file (read-only)');
    expect(text).toContain('Read-only: defined in the settings file');
    expect(await card.getByRole('button').count()).toBe(0);
  });

  it('registers the tiny stdio server: it shows connected with its tools', async () => {
    await page.getByLabel('Server name').fill('tiny');
    await page.getByLabel('Transport').selectOption('stdio');
    await page.getByLabel('Command').fill(process.execPath);
    await page.getByLabel('Arguments').fill(fixture);
    await page.getByRole('button', { name: 'Register MCP server' }).click();
    await page.getByRole('status').filter({ hasText: 'Registered tiny.' }).waitFor();
    const card = serverCard('tiny');
    await card.filter({ hasText: 'tiny_shout' }).waitFor(patience);
    await card.getByText('connected', { exact: true }).waitFor(patience);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('tiny_secret');
    expect(text).toContain(fixture);
    expect(text).toContain('api');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'mcp-servers.png'), fullPage: true });
  });

  it("shows the API's error under the field for a taken name and for an empty command, and adds nothing", async () => {
    const name = page.getByLabel('Server name');
    await name.fill('tiny');
    await page.getByLabel('Command').fill(process.execPath);
    await page.getByRole('button', { name: 'Register MCP server' }).click();
    expect(await errorUnder(page, name)).toContain("MCP server 'tiny' already exists");

    await name.fill('empty');
    const command = page.getByLabel('Command');
    await command.fill('');
    await page.getByRole('button', { name: 'Register MCP server' }).click();
    await page
      .locator('[aria-invalid="true"]')
      .filter({ hasNot: page.locator('#never') })
      .first()
      .waitFor();
    await expect.poll(() => command.getAttribute('aria-invalid')).toBe('true');
    expect(await errorUnder(page, command)).toContain('must NOT have fewer than 1 characters');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await storedNames()).toEqual(['filed', 'tiny']);
  });

  it('disables the server, then deletes it after a confirmation', async () => {
    const card = serverCard('tiny');
    await card.getByRole('button', { name: 'Disable tiny' }).click();
    await card.getByRole('button', { name: 'Enable tiny' }).waitFor();
    await card.getByText('disabled', { exact: true }).waitFor(patience);
    const stored = (await agentry.api('/api/v1/mcp-servers/tiny')) as { enabled: boolean };
    expect(stored.enabled).toBe(false);

    await card.getByRole('button', { name: 'Delete tiny' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm deleting tiny' });
    await dialog.getByRole('button', { name: 'Yes, delete tiny' }).click();
    await card.waitFor({ state: 'detached' });
    expect(await storedNames()).toEqual(['filed']);
  });
});
