import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../../../../test-support/require-service';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const conformanceCli = join(
  dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')),
  'dist/index.js',
);
const baseline = join(import.meta.dirname, 'mcp-conformance-baseline.yml');
/** The conformance runner needs Node 22+ (`fs.globSync`); on Node 20 point CONFORMANCE_NODE at a newer one. */
const node = process.env.CONFORMANCE_NODE || process.execPath;
const nodeMajor = Number(/^v(\d+)/.exec(execFileSync(node, ['--version'], { encoding: 'utf8' }))?.[1]);

/** The scenarios that test the protocol itself rather than the reference server's fixtures: all must pass. */
const protocolScenarios = [
  'server-initialize',
  'ping',
  'tools-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
];

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

const runnable = requireService(
  nodeMajor >= 22,
  'MCP conformance suite (mcp-conformance.test.ts)',
  `The conformance runner needs Node 22+ (this is ${process.version}): set CONFORMANCE_NODE to a Node 22+ binary ` +
    '(.ci/run unpacks Node 24 with .ci/fetch-node.sh and sets it).',
);

describe.runIf(runnable)(
  'MCP conformance suite (@modelcontextprotocol/conformance) against /mcp',
  { timeout: 120_000 },
  () => {
    let ollama: ScriptedOllama;
    let server: TestServer;
    const results = mkdtempSync(join(tmpdir(), 'agentry-mcp-conformance-'));

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      // No API key: the runner cannot send one, and a keyless server answers loopback requests only.
      server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' } });
      await server.request('/api/v1/agents', {
        method: 'POST',
        json: { name: 'writer', role: 'Writer', goals: [], backstory: '', tools: [] },
      });
    }, 300_000);
    afterAll(async () => {
      await server?.close();
      await ollama?.close();
      rmSync(results, { recursive: true, force: true });
    });

    it('passes every protocol scenario; only the baseline’s not-applicable ones fail', async () => {
      const outcome = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          node,
          [
            conformanceCli,
            'server',
            '--url',
            `${server.url}/mcp`,
            '--suite',
            'all',
            '--expected-failures',
            baseline,
            '--output-dir',
            results,
          ],
          { timeout: 110_000, env: { PATH: process.env.PATH ?? '' } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr }),
        );
      });
      expect(outcome.output).not.toMatch(/Unexpected failures|Stale baseline/);
      expect(outcome.code, outcome.output).toBe(0);

      const checksOf = (scenario: string): Check[] => {
        const folder = readdirSync(results).find((name) => name.startsWith(`server-${scenario}-2`));
        expect(folder, `no results for ${scenario}`).toBeDefined();
        return JSON.parse(readFileSync(join(results, folder as string, 'checks.json'), 'utf8'));
      };
      for (const scenario of protocolScenarios) {
        const checks = checksOf(scenario);
        expect(checks.length, scenario).toBeGreaterThan(0);
        expect(
          checks.filter((check) => check.status !== 'SUCCESS'),
          scenario,
        ).toEqual([]);
      }
    });
  },
);
