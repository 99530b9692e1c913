import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const coreEntry = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;

/** Packages a plugin worker never uses, which importing core must therefore not load. */
const loadedOnFirstUse = ['ollama', 'undici', 'bree', 'pino', 'pino-pretty', 'ajv', 'ajv-formats'];

describe('importing @agentry/core (what every plugin worker does)', () => {
  it('loads none of the packages that are loaded on first use', async () => {
    // CommonJS packages, even when imported from ESM, are recorded in the require cache.
    const script = `
      await import(${JSON.stringify(coreEntry)});
      const { createRequire } = await import('node:module');
      console.log(JSON.stringify(Object.keys(createRequire(process.cwd() + '/').cache)));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const loaded = (JSON.parse(stdout) as string[])
      .map((path) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(loaded.filter((name) => loadedOnFirstUse.includes(name))).toEqual([]);
    expect(loaded).not.toContain('better-sqlite3');
  }, 60_000);
});
