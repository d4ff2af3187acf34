/**
 * A background task run one at a time: `kick()` starts a run unless one is under way, and a kick
 * during a run makes exactly one more run follow it, so work that arrived while the last run was
 * finding nothing left is never stranded until the next timer. For workers fed by events (hand-off
 * of review items, bulk restriction jobs, rescreen jobs).
 */
export class Rerun {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.task()
      .then(
        () => undefined,
        (err: unknown) => this.onError(err),
      )
      .finally(() => {
        this.running = null;
        if (this.again) this.kick();
      });
  }

  /** Resolves when no run is under way, the runs kicked meanwhile included. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** True once stop() was called: tasks check it to end early. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** No more runs start; resolves when the one under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
