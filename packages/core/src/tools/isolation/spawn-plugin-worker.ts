import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PluginLoadError } from '../plugin-load-error';
import { pluginWorkerEntry } from './worker-entry';
import type { WorkerCandidate, WorkerMessage } from './worker-protocol';

/** The worker's answer when the plugin loaded: the plugin's identity and its tools. */
export type LoadedMessage = Extract<WorkerMessage, { type: 'loaded' }>;

/** What {@link spawnPluginWorker} needs. */
export interface SpawnOptions {
  candidate: WorkerCandidate;
  coreVersion: string;
  /** Time allowed for the import and, separately, for `setup`. */
  timeoutMs: number;
  /** Heap limit of the worker (its V8 old generation), in MB. */
  maxMemoryMb: number;
}

/** Node's error code for a worker ended because its heap reached `resourceLimits`. */
export const WORKER_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Why a worker died, from its `error` event: running out of memory (Node's `ERR_WORKER_OUT_OF_MEMORY`
 * when the heap reaches `maxMemoryMb`) or an uncaught exception.
 */
export function crashReason(error: Error, maxMemoryMb: number): string {
  if ((error as { code?: unknown }).code === WORKER_OUT_OF_MEMORY) {
    return `it ran out of memory: its heap reached the ${maxMemoryMb} MB limit (plugins.workerMaxMemoryMb), so its worker was ended (${WORKER_OUT_OF_MEMORY})`;
  }
  return `uncaught exception: ${error.message}`;
}

/**
 * Starts a worker thread, its heap capped at `maxMemoryMb`, and loads the candidate in it (manifest checks, import, `setup`). Resolves once
 * the plugin loaded; otherwise the worker is ended and {@link PluginLoadError} names the reason, including
 * a crash or a hang (no answer within twice the time limit and a second) while loading. `log` receives the
 * plugin's log lines meanwhile.
 */
export function spawnPluginWorker(
  options: SpawnOptions,
  log: (message: Extract<WorkerMessage, { type: 'log' }>) => void,
): Promise<{ worker: Worker; loaded: LoadedMessage }> {
  const { candidate } = options;
  const label = candidate.manifest?.name ?? basename(candidate.location);
  const limitMs = options.timeoutMs * 2 + 1000;
  return new Promise((resolve, reject) => {
    // A host started with `--input-type` (code given with -e) would pass it on, and a worker refuses it.
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    const worker = new Worker(pluginWorkerEntry(), {
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
    });
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const fail = (reason: string) => {
      done();
      void worker.terminate();
      reject(new PluginLoadError(reason));
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'log') log(message);
      else if (message.type === 'load-failed') fail(message.message);
      else if (message.type === 'loaded') {
        done();
        resolve({ worker, loaded: message });
      }
    };
    const onError = (error: Error) =>
      fail(`${label}: its worker crashed while loading: ${crashReason(error, options.maxMemoryMb)}`);
    const onExit = (code: number) => fail(`${label}: its worker exited with code ${code} while loading.`);
    const timer = setTimeout(
      () => fail(`${label}: did not load within ${limitMs} ms; its worker was terminated.`),
      limitMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({
      type: 'load',
      candidate,
      coreVersion: options.coreVersion,
      timeoutMs: options.timeoutMs,
    });
  });
}
