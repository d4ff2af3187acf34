/**
 * Durable progress of one partition of the Kafka log, as pure functions: moving it on after a
 * round, and finding where to start replaying after a restart or rebalance. Checkpoints are the
 * offset of the first message seen in each hour of event time; the replay starts at the newest
 * checkpoint at least one retention span (plus an hour, for events that arrived late) before
 * the partition's watermark, so the rebuilt windows hold everything the detectors look back on.
 */
import type { StreamProgress } from './transfers.repository.js';

const HOUR_MS = 3_600_000;

/** The progress after live messages (offset, event time) of one partition were made durable. */
export function advanceProgress(
  prev: StreamProgress | undefined,
  partition: number,
  live: ReadonlyArray<{ offset: string; atMs: number }>,
  lastOffset: string,
  retentionMs: number,
): StreamProgress {
  const checkpoints: Array<[number, string]> = [...(prev?.checkpoints ?? [])];
  let watermarkMs = prev?.watermarkMs ?? -1;
  for (const m of live) {
    if (m.atMs > watermarkMs) watermarkMs = m.atMs;
    const hour = Math.floor(m.atMs / HOUR_MS) * HOUR_MS;
    const newest = checkpoints[checkpoints.length - 1];
    if (newest === undefined || hour > newest[0]) checkpoints.push([hour, m.offset]);
  }
  // Keep the checkpoints a replay may need: all within reach, and the newest one before that.
  const reach = watermarkMs - retentionMs - HOUR_MS;
  let firstKept = 0;
  for (let i = 0; i < checkpoints.length; i++) if (checkpoints[i]![0] <= reach) firstKept = i;
  const next = (BigInt(lastOffset) + 1n).toString();
  return {
    partition,
    expectedNext: prev?.expectedNext ?? null,
    next: prev !== undefined && BigInt(prev.next) > BigInt(next) ? prev.next : next,
    watermarkMs,
    checkpoints: checkpoints.slice(firstKept),
  };
}

/** Where to seek before replaying a partition's windows; its next offset when there is nothing to replay. */
export function replayStartOffset(p: StreamProgress, retentionMs: number): string {
  if (p.checkpoints.length === 0) return p.next;
  const reach = p.watermarkMs - retentionMs - HOUR_MS;
  let start = p.checkpoints[0]![1];
  for (const [hour, offset] of p.checkpoints) if (hour <= reach) start = offset;
  return start;
}
