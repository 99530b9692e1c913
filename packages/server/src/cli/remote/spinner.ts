const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

/** Where a spinner draws: a terminal stream. */
export interface SpinnerOutput {
  /** Writes text. */
  write(text: string): unknown;
}

/**
 * A one-line spinner for a terminal: `start(label)` draws and animates it, `update(label)` changes its
 * text, `stop()` erases the line so the next output starts clean. Never used when output is not a TTY.
 */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private label = '';

  /** Creates a spinner that draws on `output`. */
  constructor(private readonly output: SpinnerOutput) {}

  /** Shows the spinner with `label` (or changes the label if it already spins). */
  start(label: string): void {
    this.label = label;
    if (this.timer) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), FRAME_MS);
    this.timer.unref();
  }

  /** Changes the label while spinning; ignored when stopped. */
  update(label: string): void {
    if (this.timer) this.label = label;
  }

  /** Erases the spinner line. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.output.write('\r\u001b[2K');
  }

  private draw(): void {
    const frame = FRAMES[this.frame++ % FRAMES.length];
    this.output.write(`\r\u001b[2K${frame} ${this.label}`);
  }
}
