interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Calls grouped into batches: each caller awaits its own result, at most `maxInFlight` batches
 * run at once, and the calls that arrive while every slot is busy go together in the next batch
 * (at most `maxBatch` of them). A free slot is filled at the end of the event loop's current turn
 * (setImmediate), not at the first call: the requests read from the network in one turn go
 * together even when a slot is free, at the cost of that turn and no timer. An idle pump thus
 * sends a lone call within the same turn; under load, hundreds of calls a second become a few
 * round trips. A failed batch rejects every call in it.
 */
export class BatchPump<T, R> {
  private queue: Array<Waiting<T, R>> = [];
  private inFlight = 0;
  private scheduled = false;

  /** @param run answers a batch, one result per item, in order */
  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.run(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
