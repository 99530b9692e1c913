import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the end-to-end tests save their screenshots: docs/images/console with
 * `UPDATE_CONSOLE_SCREENSHOTS=1` (`npm run docs:screenshots`), else a temporary folder, so an ordinary
 * test run leaves the repository unchanged.
 */
export function screenshotFolder(): string {
  const folder =
    process.env.UPDATE_CONSOLE_SCREENSHOTS === '1'
      ? join(import.meta.dirname, '../../../../docs/images/console')
      : mkdtempSync(join(tmpdir(), 'agentry-console-screenshots-'));
  mkdirSync(folder, { recursive: true });
  return folder;
}
