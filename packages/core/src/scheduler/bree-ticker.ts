import type Bree from 'bree';
import type { Logger } from '../logging/logger';
import { loadOnFirstUse } from '../runtime/load-on-first-use';

const JOB_NAME = 'agentry-scheduler-clock';
const TICK = 'tick';
const BreeClass = loadOnFirstUse<typeof Bree>('bree');

/**
 * The worker's whole code: post a tick to the main thread every `workerData.intervalMs`, until bree
 * cancels it. bree runs a job in a worker thread and keeps nothing across restarts, so the worker only
 * signals; the claiming happens in the main thread against the database, which alone decides what is due.
 * The worker lives as long as the ticker: starting a thread per tick cost a few % of a core when idle.
 * bree's `stop` posts `cancel`; the worker then exits (answering `cancelled` instead would race with a
 * tick already posted, which bree's one-shot listener would take for the answer).
 */
const CLOCK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const timer = setInterval(() => parentPort.postMessage('${TICK}'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'cancel') return;
  clearInterval(timer);
  process.exit(0);
});
`;

/**
 * Calls `onTick` every `intervalMs`, clocked by bree: one long-lived bree job whose worker thread posts a
 * message per tick. A worker that dies unexpectedly is started again after one interval.
 */
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
    const bree = new (BreeClass())({
      root: false,
      doRootCheck: false,
      logger: {
        info: () => {},
        warn: (message: unknown) => logger.warn({ bree: String(message) }, 'scheduler clock warning'),
        error: (message: unknown) => logger.error({ bree: String(message) }, 'scheduler clock error'),
      },
      jobs: [
        {
          name: JOB_NAME,
          path: CLOCK_WORKER,
          worker: { eval: true, workerData: { intervalMs } },
        },
      ],
      workerMessageHandler: ({ message }) => {
        if (message === TICK) this.onTick();
      },
      errorHandler: (error: unknown) => logger.error({ err: error }, 'scheduler clock worker failed'),
    });
    bree.on('worker deleted', () => {
      if (this.bree !== bree) return;
      setTimeout(() => {
        if (this.bree === bree) void bree.run(JOB_NAME);
      }, intervalMs).unref();
    });
    this.bree = bree;
    await bree.run(JOB_NAME);
  }

  /** Stops the ticking and ends the clock's worker thread. */
  async stop(): Promise<void> {
    const bree = this.bree;
    this.bree = undefined;
    if (bree !== undefined) await bree.stop();
  }
}
