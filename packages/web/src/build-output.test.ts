import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

/** The JavaScript files `dist/index.html` loads before anything else (its module scripts and preloads). */
function initialScripts(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
}

describe('the built console', () => {
  beforeAll(() => {
    // `npm test` builds first (turbo); a direct `vitest run` on a fresh clone builds here.
    if (!existsSync(join(dist, 'index.html')))
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  });

  it('loads at most 200 KB of gzipped JavaScript on first load', () => {
    const scripts = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, script) => sum + gzipSync(readFileSync(join(dist, script))).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(200 * 1024);
  });

  it('has no inline script and requests nothing from another origin', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const file of readdirSync(join(dist, 'assets'))) {
      const text = readFileSync(join(dist, 'assets', file), 'utf8');
      expect(text, file).not.toMatch(/(?:src|href)=["']https?:\/\//);
      expect(text, file).not.toMatch(/@import\s+url\(["']?https?:/);
    }
  });
});

describe('src/api/schema.d.ts', () => {
  it('is generated from openapi.json (regenerate with npm run docs:api at the repository root)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'agentry-web-types-')), 'schema.d.ts');
    const cli = join(root, '../../node_modules/openapi-typescript/bin/cli.js');
    execFileSync(process.execPath, [cli, join(root, 'openapi.json'), '--output', out], { stdio: 'ignore' });
    expect(readFileSync(join(root, 'src/api/schema.d.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  });
});
