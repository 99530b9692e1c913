import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './support/axe';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { screenshotFolder } from './support/screenshots';
import { type RunningAgentry, startAgentry } from './support/start-agentry';

const screenshots = screenshotFolder();

/** Writes a plugin package `name` with one tool `<name>_tool` whose module body is `source` (default: a valid plugin). */
function writePlugin(parent: string, name: string, source?: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name,
      version: '2.0.0',
      type: 'module',
      main: 'index.js',
      keywords: ['agentry-plugin'],
      agentry: { apiVersion: 1 },
      peerDependencies: { '@agentry/core': '>=0.1.0' },
    }),
  );
  const tool = `{ name: '${name.replace(/-/g, '_')}_tool', description: 'Waves.', parameters: { type: 'object', properties: {} }, async execute() { return 'wave'; } }`;
  writeFileSync(
    join(dir, 'index.js'),
    source ??
      `export default { [Symbol.for('agentry.plugin')]: true, name: '${name}', version: '2.0.0', tools: [${tool}] };\n`,
  );
  return dir;
}

describe.runIf(chromiumAvailable())('Tools page: register a plugin by path', () => {
  let ollama: ScriptedOllama;
  let agentry: RunningAgentry;
  let browser: BrowserContext;
  let page: Page;
  let elsewhere: string;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Done.'));
    agentry = await startAgentry(ollama.url);
    elsewhere = mkdtempSync(join(tmpdir(), 'agentry-e2e-plugins-'));
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await agentry?.stop();
    await ollama?.close();
    if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
  });

  const pluginCard = (name: string) =>
    page
      .getByRole('list')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name} `) }) });

  it("shows the API's reason under the path field when the plugin does not load, and stores nothing", async () => {
    const broken = writePlugin(elsewhere, 'stormy-plugin', "throw new Error('storm warning: no API key');\n");
    await page.goto(`${agentry.url}/tools`);
    await page.getByRole('heading', { level: 1, name: 'Tools & plugins' }).waitFor();
    await page.getByLabel('Register by').selectOption('path');
    const field = page.getByLabel('Plugin path on the server');
    await field.fill(broken);
    await page.getByRole('button', { name: 'Register plugin' }).click();
    await page.locator('[aria-invalid="true"]').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    const message = await page.locator(`[id="${errorId}"]`).textContent();
    expect(message).toContain('storm warning: no API key');
    const plugins = (await agentry.api('/api/v1/plugins')) as { items: Array<{ name: string }> };
    expect(plugins.items.map((plugin) => plugin.name)).not.toContain('stormy-plugin');
  });

  it('registers a plugin from a folder path: it appears loaded with its tool', async () => {
    const folder = writePlugin(elsewhere, 'wave-plugin');
    const field = page.getByLabel('Plugin path on the server');
    await field.fill(folder);
    await page.getByRole('button', { name: 'Register plugin' }).click();
    await page.getByRole('status').filter({ hasText: 'Registered wave-plugin.' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    const card = pluginCard('wave-plugin');
    await card.waitFor();
    expect(await card.textContent()).toContain('loaded');
    expect(await card.textContent()).toContain('Tools: wave_plugin_tool');
    await page.getByRole('heading', { level: 3, name: /^wave_plugin_tool/ }).waitFor();
    const stored = (await agentry.api('/api/v1/plugins')) as {
      items: Array<{ name: string; status: string; location: string }>;
    };
    expect(stored.items.find((plugin) => plugin.name === 'wave-plugin')).toMatchObject({ status: 'loaded' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'tools-register-plugin.png'), fullPage: true });
  });
});
