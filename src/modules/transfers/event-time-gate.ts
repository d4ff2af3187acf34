/**
 * Which messages of a round of Kafka batches may be detected now. The detection engine has one
 * watermark (the newest event time it accepted) and refuses events older than it by more than
 * the allowed lateness. Partitions are fetched a batch at a time, so a partition that is caught
 * up could push the watermark hours past a partition still working through a backlog, whose
 * events would then all be refused as LATE. So a partition that has more messages waiting holds
 * the others back: only events up to the newest event time it has delivered (the horizon) are
 * released, and the rest of each batch is left unresolved, for kafkajs to fetch again.
 * Every round releases at least the whole batch of the partition that sets the horizon, so the
 * stream always moves.
 */

export interface GateInput {
  partition: number;
  /** Event time of each message in offset order; -Infinity for a message that is not a valid event (it goes to the DLQ at once). */
  times: readonly number[];
  /** The partition has messages beyond this batch. */
  moreComing: boolean;
}

export interface GatePartitionState {
  moreComing: boolean;
  /** Newest event time delivered so far. */
  frontier: number;
}

function maxOf(times: readonly number[]): number {
  let m = -Infinity;
  for (const t of times) if (t > m) m = t;
  return m;
}

/**
 * How many leading messages of each batch may be processed. `state` holds what earlier rounds
 * said of assigned partitions that have no batch in this round; it is updated in place.
 */
export function releasable(batches: readonly GateInput[], state: Map<number, GatePartitionState>): number[] {
  for (const b of batches) {
    const prev = state.get(b.partition);
    state.set(b.partition, { moreComing: b.moreComing, frontier: Math.max(prev?.frontier ?? -Infinity, maxOf(b.times)) });
  }
  let horizon = Infinity;
  for (const s of state.values()) if (s.moreComing && s.frontier < horizon) horizon = s.frontier;
  return batches.map((b) => {
    let n = 0;
    while (n < b.times.length && !(b.times[n]! > horizon)) n++;
    return n;
  });
}
