import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchOptions, BenchReport, ResultRow } from './benchmark';

/** The machine a result was measured on. */
export function machine() {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Formats `rows` as an aligned text table with the union of their keys as columns. */
export function formatTable(rows: readonly ResultRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => line[index]!.length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, index) => value.padEnd(widths[index]!)).join(' | ')} |`;
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function formatCell(value: ResultRow[string] | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && Number.isNaN(value)) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/** Prints the benchmark's table, targets and notes, and writes `<resultsDir>/<name>.json`. */
export function publish(benchmark: Benchmark, options: BenchOptions, report: BenchReport): void {
  const out = process.stdout;
  out.write(`\n## ${benchmark.name}: ${benchmark.title}\n\n${formatTable(report.rows)}\n`);
  for (const check of report.targets) {
    out.write(`${check.met ? 'MET ' : 'MISS'}  ${check.label}: ${check.value} (target ${check.target})\n`);
  }
  for (const note of report.notes) out.write(`note: ${note}\n`);
  const json = {
    name: benchmark.name,
    title: benchmark.title,
    measuredAt: new Date().toISOString(),
    quick: options.quick,
    machine: machine(),
    ...report,
  };
  writeFileSync(join(options.resultsDir, `${benchmark.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}
