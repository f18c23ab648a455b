import type { Log } from '@escalations/db/log';

/**
 * Runs a task again and again: at once when woken (a message just arrived), else every
 * `intervalMs`. Never two runs at once; a failing run is logged and the loop goes on.
 */
export class WorkerLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    /** returns true when there may be more to do right away */
    private readonly task: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly log: Log,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Run as soon as the current run (if any) ends. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.intervalMs);
      }
    });
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped && (await this.task()));
    } catch (error) {
      // kind and codes only: a failed query's message repeats its parameters (case details)
      this.log.error('loop.failed', { loop: this.name, error });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
