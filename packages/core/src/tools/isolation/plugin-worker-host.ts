import type { Worker } from 'node:worker_threads';
import type { Logger } from '../../logging/logger';
import type { PluginFault } from '../loaded-plugin';
import { ToolError } from '../tool-error';
import type { ToolContext } from '../tool-types';
import { withTimeout } from '../with-timeout';
import { backoffMs, type CrashBackoff } from './crash-backoff';
import { crashReason, type LoadedMessage, spawnPluginWorker } from './spawn-plugin-worker';
import { fromErrorData, toErrorData, type WorkerCandidate, type WorkerMessage } from './worker-protocol';

/** Options of {@link PluginWorkerHost}. */
export interface PluginWorkerHostOptions {
  /** The plugin to load in the worker. */
  candidate: WorkerCandidate;
  /** The running core's version. */
  coreVersion: string;
  /** Time allowed for the import, for `setup` and for `dispose`. */
  timeoutMs: number;
  /** Host logger; faults are logged here at error level, plugin lines under `{ plugin }`. */
  logger: Logger;
  /** The output cap applied in the worker (setting `tools.maxOutputBytes`). */
  maxOutputBytes(): number;
  /** Heap limit of the worker in MB (setting `plugins.workerMaxMemoryMb`), read at each start. */
  maxMemoryMb(): number;
  /** How long the tools stay unavailable after repeated crashes. */
  backoff: CrashBackoff;
  /** After a timeout or cancellation, how long a call may take to stop before its worker is terminated. */
  abortGraceMs: number;
  /** The clock the back-off is measured with. */
  now(): number;
}

interface PendingCall {
  tool: string;
  logger: Logger;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/**
 * One third-party plugin running in its own worker thread. Calls cross as structured clones; the call's
 * signal crosses as an `abort` message and its logger as `log` messages. When the worker dies (an uncaught
 * throw, `process.exit`, a heap past `plugins.workerMaxMemoryMb`) or is terminated (a call still running after its timeout), the calls in flight end
 * as `TOOL_FAILED` naming the plugin, the fault is kept for `GET /api/v1/plugins`, and the next call starts
 * a new worker, unless repeated crashes put the plugin in back-off (`TOOL_UNAVAILABLE` until it passes).
 */
export class PluginWorkerHost {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 0;
  private crashes = 0;
  private unavailableUntil = 0;
  private fault: PluginFault | null = null;
  private stopped = false;
  private name: string;

  /** Creates the host; no worker runs until {@link start}. */
  constructor(private readonly options: PluginWorkerHostOptions) {
    this.name = options.candidate.manifest?.name ?? options.candidate.location;
  }

  /** The last crash or termination of this plugin's worker, if any. */
  lastFault(): PluginFault | null {
    return this.fault;
  }

  /** Starts the worker and loads the plugin in it; throws `PluginLoadError` with the reason. */
  async start(): Promise<LoadedMessage> {
    const { worker, loaded } = await this.spawn();
    this.name = loaded.plugin.name;
    this.attach(worker);
    return loaded;
  }

  /** Runs `tool` in the worker; rejects with the tool's error, or a `ToolError` for a crash or back-off. */
  async call(tool: string, params: Record<string, unknown>, context: ToolContext): Promise<unknown> {
    const worker = await this.ready(tool);
    const id = ++this.nextId;
    const { signal, logger, scope, config } = context;
    return new Promise<unknown>((resolve, reject) => {
      let grace: NodeJS.Timeout | undefined;
      const onAbort = () => {
        worker.postMessage({ type: 'abort', id, reason: toErrorData(signal.reason) });
        grace = setTimeout(() => {
          if (!this.pending.has(id)) return;
          const timedOut = ToolError.isInstance(signal.reason) && signal.reason.code === 'TOOL_TIMEOUT';
          this.terminate(
            worker,
            `tool '${tool}' ${timedOut ? 'timed out' : 'was cancelled'} and still ran ${this.options.abortGraceMs} ms later; its worker was terminated`,
          );
        }, this.options.abortGraceMs);
      };
      const settle = () => {
        this.pending.delete(id);
        clearTimeout(grace);
        signal.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) worker.unref();
      };
      this.pending.set(id, {
        tool,
        logger,
        resolve: (output) => {
          settle();
          resolve(output);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      worker.ref();
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const maxOutputBytes = this.options.maxOutputBytes();
      worker.postMessage({ type: 'call', id, tool, params, config, scope, maxOutputBytes });
    });
  }

  /** Runs the plugin's `dispose` in the worker (within the time limit), then ends the worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    this.failPending(
      (call) => new ToolError('TOOL_UNAVAILABLE', call.tool, `Plugin ${this.name} was unloaded.`),
    );
    const disposed = new Promise<void>((resolve) => {
      worker.on('message', (message: WorkerMessage) => message.type === 'disposed' && resolve());
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'dispose' });
    await withTimeout(
      disposed,
      this.options.timeoutMs,
      () => new Error(`dispose did not finish within ${this.options.timeoutMs} ms`),
    ).catch((error: unknown) =>
      this.options.logger.warn({ err: error, plugin: this.name }, 'Plugin dispose failed'),
    );
    await worker.terminate();
  }

  private spawn() {
    const options = { ...this.options, maxMemoryMb: this.options.maxMemoryMb() };
    return spawnPluginWorker(options, (message) => this.log(message));
  }

  private async ready(tool: string): Promise<Worker> {
    if (this.worker) return this.worker;
    const wait = this.unavailableUntil - this.options.now();
    if (this.stopped || wait > 0) {
      const why = this.stopped
        ? 'was unloaded'
        : `crashed ${this.crashes} times in a row (last: ${this.fault?.message}); it is started again in ${Math.ceil(wait / 1000)} s`;
      throw new ToolError(
        'TOOL_UNAVAILABLE',
        tool,
        `Tool '${tool}' is not available now: plugin ${this.name} ${why}.`,
        {
          retryable: true,
        },
      );
    }
    this.starting ??= this.spawn()
      .then(({ worker }) => {
        this.attach(worker);
        return worker;
      })
      .catch((error: unknown) => {
        this.recordFault(`it could not be started again: ${(error as Error).message}`);
        throw error;
      })
      .finally(() => {
        this.starting = undefined;
      });
    try {
      return await this.starting;
    } catch (error) {
      throw new ToolError(
        'TOOL_FAILED',
        tool,
        `'${tool}' failed: plugin ${this.name} could not be restarted.`,
        {
          cause: error,
        },
      );
    }
  }

  private attach(worker: Worker): void {
    if (this.stopped) {
      void worker.terminate();
      return;
    }
    this.worker = worker;
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.crashed(worker, crashReason(error, this.options.maxMemoryMb())));
    worker.on('exit', (code) => this.crashed(worker, `the plugin ended its worker (process.exit(${code}))`));
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'log') this.log(message);
    if (message.type !== 'result' && message.type !== 'error') return;
    const call = this.pending.get(message.id);
    this.crashes = 0;
    if (message.type === 'result') call?.resolve(message.output);
    else call?.reject(fromErrorData(message.error));
  }

  private log(message: Extract<WorkerMessage, { type: 'log' }>): void {
    const call = message.id === undefined ? undefined : this.pending.get(message.id);
    const base = call?.logger ?? this.options.logger.child({ plugin: this.name });
    const logger = message.bindings.reduce((parent, bindings) => parent.child(bindings), base);
    if (message.message === undefined) logger[message.level](message.data);
    else logger[message.level](message.data, message.message);
  }

  private crashed(worker: Worker, why: string): void {
    if (this.worker !== worker) return; // Already handled, or ended on purpose.
    this.worker = undefined;
    this.recordFault(why);
  }

  private terminate(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.recordFault(why);
    void worker.terminate();
  }

  private recordFault(why: string): void {
    this.crashes++;
    this.unavailableUntil = this.options.now() + backoffMs(this.crashes, this.options.backoff);
    this.fault = { time: new Date().toISOString(), message: why };
    this.options.logger.error({ plugin: this.name, crashes: this.crashes }, `Plugin ${this.name}: ${why}`);
    this.failPending(
      (call) =>
        new ToolError(
          'TOOL_FAILED',
          call.tool,
          `'${call.tool}' failed: plugin ${this.name} crashed (${why}).`,
        ),
    );
  }

  private failPending(error: (call: PendingCall) => ToolError): void {
    for (const call of [...this.pending.values()]) call.reject(error(call));
  }
}
