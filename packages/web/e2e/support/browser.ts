import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { requireService } from '../../../../test-support/require-service';

/** Debian's Chromium (`apt-get install chromium`), the browser the end-to-end tests drive. */
export const chromiumPath = process.env.AGENTRY_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the end-to-end suite can run: true with Chromium installed. Without it the suite is skipped
 * loudly, or fails under CI=true (where every suite must run).
 */
export function chromiumAvailable(): boolean {
  return requireService(
    existsSync(chromiumPath),
    'web console end-to-end tests (packages/web/e2e)',
    `Install Chromium: apt-get install -y chromium (or set AGENTRY_CHROMIUM to a Chromium binary; looked for ${chromiumPath}).`,
  );
}

/**
 * Starts headless Chromium with a fresh profile, no sandbox (tests run as root in CI), and the
 * background-networking features off, so the browser makes no request of its own.
 */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'agentry-chromium-')), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
    ],
  });
}
