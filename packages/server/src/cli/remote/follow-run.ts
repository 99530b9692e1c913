import type { Run } from '@agentry/core';
import type { ApiClient } from './api-client';
import { RemoteError } from './remote-error';
import { RunRenderer } from './render-run-event';
import { colourWanted } from './terminal-style';

const FINAL_EVENTS = new Set(['run.finished', 'run.failed']);

/** Exit code of a follow the user left with Ctrl-C (the run keeps going). */
const DETACHED_EXIT_CODE = 130;

/**
 * Follows run `runId` over `GET /api/v1/runs/{id}/events` (what happened so far, then live) until its
 * final event, rendered for a person (TTY: colour, spinner; otherwise plain lines) or, with `json`, as
 * NDJSON: one `{ "event", "id", "data" }` object per line. Answers the run as it ended, or undefined when
 * the user pressed Ctrl-C: that only detaches (the run continues; `agentry runs cancel ID` stops it).
 */
export async function followRun(client: ApiClient, runId: string, json = false): Promise<Run | undefined> {
  const renderer = json
    ? undefined
    : new RunRenderer({
        out: process.stdout,
        tty: process.stdout.isTTY === true,
        color: colourWanted(process.stdout),
      });
  const abort = new AbortController();
  const detach = () => abort.abort();
  process.once('SIGINT', detach);
  try {
    for await (const message of client.events(`/api/v1/runs/${runId}/events`, abort.signal)) {
      const data = JSON.parse(message.data) as Record<string, unknown>;
      if (renderer) renderer.render(message.event, data);
      else
        process.stdout.write(`${JSON.stringify({ event: message.event, id: Number(message.id), data })}\n`);
      if (FINAL_EVENTS.has(message.event)) return data.run as Run;
    }
    if (abort.signal.aborted) {
      renderer?.stop();
      process.stderr.write(
        `\nagentry: detached from run ${runId}; it keeps running. Follow it again with \`agentry runs follow ${runId}\`, stop it with \`agentry runs cancel ${runId}\`.\n`,
      );
      return undefined;
    }
    throw new RemoteError('SERVER_UNREACHABLE', {
      message: `The event stream of run ${runId} ended before the run did.`,
      hint: `run \`agentry runs follow ${runId}\` to pick it up again.`,
    });
  } finally {
    renderer?.stop();
    process.removeListener('SIGINT', detach);
  }
}

/** Sets the exit code for a followed run: 0 succeeded, 1 failed or cancelled, 130 detached. */
export function exitCodeFor(run: Run | undefined): void {
  if (run === undefined) process.exitCode = DETACHED_EXIT_CODE;
  else if (run.status !== 'succeeded') process.exitCode = 1;
}
