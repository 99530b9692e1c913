#!/usr/bin/env node
// Prints one closing line for the whole `npm test` run, summed over every workspace's vitest JSON report,
// and lists the suites that were skipped (a service such as PostgreSQL or Dovecot was missing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedFiles = [];
const withoutReport = [];
// Given by run-tests.mjs when every workspace's suites ran, so a missing report means a crashed suite.
const expectEveryWorkspace = process.argv.includes('--expect-every-workspace');
for (const group of ['packages', 'examples']) {
  for (const workspace of readdirSync(join(root, group))) {
    const report = join(root, group, workspace, '.test-results', 'vitest.json');
    if (!existsSync(report)) {
      if (expectEveryWorkspace && hasTestScript(join(root, group, workspace)))
        withoutReport.push(`${group}/${workspace}`);
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    for (const file of result.testResults) {
      if (file.assertionResults.some((test) => test.status === 'pending' || test.status === 'skipped')) {
        skippedFiles.push(file.name.slice(root.length));
      }
    }
  }
}
if (skippedFiles.length > 0) {
  console.log(`\nSuites with skipped tests (see the SKIPPED banners above for how to enable them):`);
  for (const file of skippedFiles) console.log(`  - ${file}`);
}
if (withoutReport.length > 0) {
  console.log(`\nWorkspaces whose suites did not report (they crashed or did not run):`);
  for (const workspace of withoutReport) console.log(`  - ${workspace}`);
}
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || withoutReport.length > 0 ? 1 : 0;

/** True when the workspace's package.json has a `test` script, so a report is expected from it. */
function hasTestScript(workspace) {
  const manifest = join(workspace, 'package.json');
  return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test);
}
