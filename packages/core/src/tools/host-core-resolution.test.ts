import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const builtCore = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Runs in a plain Node process with the built core: a test runner's own module loader would resolve the
// plugin's imports itself and hide what Node does in production.
describe('plugins in the tools directory', () => {
  it('import @agentry/core from the host when no copy is installed beside them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-host-core-'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(
      join(dir, 'tools', 'shout.mjs'),
      `import { BaseTool, definePlugin } from '@agentry/core';
class Shout extends BaseTool {
  name = 'shout';
  description = 'Upper-cases text.';
  parameters = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };
  async execute({ text }) { return text.toUpperCase(); }
}
export default definePlugin({ name: 'shout', version: '1.0.0', tools: [Shout] });
`,
    );
    const script = `
import { createAgentry, silentLogger } from ${JSON.stringify(builtCore)};
const agentry = await createAgentry({ cwd: ${JSON.stringify(dir)}, env: {}, logger: silentLogger });
await agentry.start();
const plugins = await agentry.tools.plugins();
const outcome = await agentry.tools.execute({ tool: 'shout', parameters: { text: 'hello' } });
await agentry.stop();
console.log(JSON.stringify({ plugin: plugins.find((p) => p.location.endsWith('shout.mjs')), outcome }));
`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
    });
    const result = JSON.parse(stdout) as { plugin: { status: string; tools: string[] }; outcome: unknown };
    expect(result.plugin).toMatchObject({ status: 'loaded', tools: ['shout'] });
    expect(result.outcome).toMatchObject({ ok: true, output: 'HELLO' });
  });
});
