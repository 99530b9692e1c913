import Bree from 'bree';
import type { Logger } from '../logging/logger';

const JOB_NAME = 'agentry-scheduler-tick';

/**
 * The worker's whole code: tell the main thread it is time to tick. bree runs a job in a worker thread
 * and keeps nothing across restarts, so the worker only signals; the claiming happens in the main thread
 * against the database, which alone decides what is due.
 */
const TICK_SIGNAL = "const { parentPort } = require('node:worker_threads'); parentPort.postMessage('done');";

/** Calls `onTick` every `intervalMs`, clocked by bree. */
export class BreeTicker {
  private bree: Bree | undefined;

  /** Creates a stopped ticker. */
  constructor(
    private readonly onTick: () => void,
    private readonly logger: Logger,
  ) {}

  /** Starts (or restarts, with a new interval) the ticking. */
  async start(intervalMs: number): Promise<void> {
    await this.stop();
    const logger = this.logger;
    const bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: {
        info: () => {},
        warn: (message: unknown) => logger.warn({ bree: String(message) }, 'scheduler clock warning'),
        error: (message: unknown) => logger.error({ bree: String(message) }, 'scheduler clock error'),
      },
      jobs: [{ name: JOB_NAME, path: TICK_SIGNAL, interval: intervalMs, worker: { eval: true } }],
      workerMessageHandler: ({ message }) => {
        if (message === 'done') this.onTick();
      },
      errorHandler: (error: unknown) => logger.error({ err: error }, 'scheduler clock worker failed'),
    });
    this.bree = bree;
    await bree.start();
  }

  /** Stops the ticking; an unfinished worker is terminated. */
  async stop(): Promise<void> {
    const bree = this.bree;
    this.bree = undefined;
    if (bree !== undefined) await bree.stop();
  }
}
