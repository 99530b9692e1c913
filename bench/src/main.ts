/**
 * `npm run bench [-- names...] [--quick] [--no-postgres]`: runs the selected benchmarks (all by default),
 * prints a table per benchmark and writes bench/results/<name>.json. Never part of `npm test`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@agentry/core';
import { benchmarks } from './benchmarks/index';
import type { BenchOptions } from './harness/benchmark';
import { parseCommandLine } from './harness/cli-options';
import { portOpen } from './harness/databases';
import { machine, publish } from './harness/report';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const commandLine = parseCommandLine(process.argv.slice(2), process.env);
const unknown = commandLine.names.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${benchmarks.map((b) => b.name).join(', ')}\n`,
  );
  process.exit(2);
}
const selected = benchmarks.filter(
  (benchmark) => commandLine.names.length === 0 || commandLine.names.includes(benchmark.name),
);

const dialects: Dialect[] = ['sqlite'];
const postgresUp = commandLine.postgres && (await portOpen(5432));
if (postgresUp) dialects.push('postgres');
const options: BenchOptions = {
  quick: commandLine.quick,
  dialects,
  resultsDir: join(benchDir, 'results'),
  workDir: join(benchDir, '.work'),
};
mkdirSync(options.resultsDir, { recursive: true });
mkdirSync(options.workDir, { recursive: true });

const about = machine();
process.stdout.write(
  `# Agentry benchmarks${options.quick ? ' (quick)' : ''}\n${about.nproc} CPU(s) ${about.cpu}, ${about.memoryGiB} GiB, Node ${about.node}; databases: ${dialects.join(', ')}${postgresUp ? '' : ' (PostgreSQL skipped: nothing on 127.0.0.1:5432 or --no-postgres)'}\n`,
);
let failures = 0;
const started = performance.now();
for (const benchmark of selected) {
  const begun = performance.now();
  try {
    publish(benchmark, options, await benchmark.run(options));
  } catch (error) {
    failures++;
    process.stdout.write(`\n## ${benchmark.name}: FAILED\n${(error as Error).stack ?? error}\n`);
  }
  process.stdout.write(`(${benchmark.name} took ${((performance.now() - begun) / 1000).toFixed(1)} s)\n`);
}
rmSync(options.workDir, { recursive: true, force: true });
process.stdout.write(
  `\nAll done in ${((performance.now() - started) / 1000).toFixed(1)} s; JSON in ${options.resultsDir}\n`,
);
process.exit(failures > 0 ? 1 : 0);
