interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Calls grouped into batches: each caller awaits its own result, at most `maxInFlight` batches
 * run at once, and the calls that arrive while every slot is busy go together in the next batch
 * (at most `maxBatch` of them). An idle pump sends a lone call at once, so grouping costs no
 * latency when there is no load; under load, hundreds of calls a second become a few round trips.
 * A failed batch rejects every call in it.
 */
export class BatchPump<T, R> {
  private queue: Array<Waiting<T, R>> = [];
  private inFlight = 0;

  /** @param run answers a batch, one result per item, in order */
  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
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
