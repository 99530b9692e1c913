import type { Run } from '@agentry/core';
import type { ApiClient } from './api-client';
import { exitCodeFor, followRun } from './follow-run';
import { printJson } from './output';
import { RunRenderer } from './render-run-event';
import { colourWanted } from './terminal-style';

/** Options of the commands that start a run. */
export interface StartRunOptions {
  /** Follow the run live; undefined means "when stdout is a terminal". */
  follow?: boolean;
  /** JSON output. */
  json?: boolean;
}

/**
 * Starts a run with `POST path` and shows it. Following: the run is queued (`async: true`) and followed
 * over its event stream. Otherwise the request waits for the end: `--json` prints the run record, text
 * shows the answer and the summary line. The exit code is 1 when the run did not succeed.
 */
export async function startRun(
  client: ApiClient,
  path: string,
  body: Record<string, unknown>,
  options: StartRunOptions,
): Promise<void> {
  const follow = options.follow ?? process.stdout.isTTY === true;
  if (follow) {
    const queued = await client.post<Run>(path, { ...body, async: true });
    exitCodeFor(await followRun(client, queued.id, options.json));
    return;
  }
  const run = await client.post<Run>(path, body);
  if (options.json) printJson(run);
  else {
    const renderer = new RunRenderer({
      out: process.stdout,
      tty: false,
      color: colourWanted(process.stdout),
    });
    renderer.render(run.status === 'succeeded' ? 'run.finished' : 'run.failed', { run });
  }
  exitCodeFor(run);
}
