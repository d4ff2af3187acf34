// One partition's log: record batches kept in memory exactly as produced, with the base offset
// rewritten. Also holds the idempotent-producer sequence state, which Kafka keeps per partition.
import { ErrorCode } from '../protocol/error-codes.js';
import {
  decodeRecords,
  InvalidRecordBatchError,
  withBaseOffset,
  type DecodedRecord,
  type RecordBatchView,
} from '../protocol/record-batch.js';

interface StoredBatch {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly maxTimestamp: bigint;
  readonly bytes: Buffer;
}

interface AppendedBatch {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: bigint;
}

interface ProducerState {
  epoch: number;
  lastSequence: number;
  /** The last few batches, so a retried batch is answered with its first offset, not stored twice. */
  readonly recent: AppendedBatch[];
}

/** Kafka remembers the last five batches per producer for duplicate detection. */
const RECENT_BATCHES_KEPT = 5;
const INT32_MAX = 2147483647;

export interface AppendResult {
  readonly errorCode: number;
  readonly baseOffset: bigint;
}

export interface LogRead {
  readonly records: Buffer;
  readonly size: number;
}

function nextSequence(sequence: number, count: number): number {
  const next = sequence + count;
  return next > INT32_MAX ? next - INT32_MAX - 1 : next;
}

export class PartitionLog {
  private readonly batches: StoredBatch[] = [];
  private readonly producers = new Map<bigint, ProducerState>();
  private nextOffset = 0n;
  private startOffset = 0n;

  get logStartOffset(): bigint {
    return this.startOffset;
  }

  /** No replication and no transactions: the high watermark is the log end offset and the LSO. */
  get highWatermark(): bigint {
    return this.nextOffset;
  }

  /**
   * Appends the batches of one produce request for this partition. Either all of them are
   * stored or none (a sequence error in the second batch must not leave the first behind).
   */
  append(batches: readonly RecordBatchView[]): AppendResult {
    const checked: { batch: RecordBatchView; duplicateOf: bigint | null }[] = [];
    const pendingSequences = new Map<bigint, { epoch: number; lastSequence: number }>();
    for (const batch of batches) {
      const verdict = this.checkSequence(batch, pendingSequences);
      if (verdict.errorCode !== ErrorCode.NONE) return { errorCode: verdict.errorCode, baseOffset: -1n };
      checked.push({ batch, duplicateOf: verdict.duplicateOf });
    }

    let firstOffset: bigint | null = null;
    for (const { batch, duplicateOf } of checked) {
      if (duplicateOf !== null) {
        firstOffset ??= duplicateOf;
        continue;
      }
      const baseOffset = this.nextOffset;
      const lastOffset = baseOffset + BigInt(batch.lastOffsetDelta);
      this.batches.push({
        baseOffset,
        lastOffset,
        maxTimestamp: batch.maxTimestamp,
        bytes: withBaseOffset(batch.bytes, baseOffset),
      });
      this.nextOffset = lastOffset + 1n;
      firstOffset ??= baseOffset;
      this.rememberSequence(batch, baseOffset);
    }
    return { errorCode: ErrorCode.NONE, baseOffset: firstOffset ?? -1n };
  }

  private checkSequence(
    batch: RecordBatchView,
    pending: Map<bigint, { epoch: number; lastSequence: number }>,
  ): { errorCode: number; duplicateOf: bigint | null } {
    const ok = { errorCode: ErrorCode.NONE, duplicateOf: null };
    if (batch.producerId < 0n) return ok;
    const state = this.producers.get(batch.producerId);
    const current = pending.get(batch.producerId) ?? state;
    const lastSequenceOfBatch = nextSequence(batch.baseSequence, batch.recordCount - 1);
    pending.set(batch.producerId, { epoch: batch.producerEpoch, lastSequence: lastSequenceOfBatch });
    if (current === undefined) return ok; // a producer new to this partition may start anywhere
    if (batch.producerEpoch < current.epoch) return { errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, duplicateOf: null };
    if (batch.producerEpoch > current.epoch) {
      return batch.baseSequence === 0 ? ok : { errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, duplicateOf: null };
    }
    const duplicate = state?.recent.find(
      (recent) => recent.firstSequence === batch.baseSequence && recent.lastSequence === lastSequenceOfBatch,
    );
    if (duplicate && state?.epoch === batch.producerEpoch) {
      return { errorCode: ErrorCode.NONE, duplicateOf: duplicate.baseOffset };
    }
    if (batch.baseSequence !== nextSequence(current.lastSequence, 1)) {
      return { errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, duplicateOf: null };
    }
    return ok;
  }

  private rememberSequence(batch: RecordBatchView, baseOffset: bigint): void {
    if (batch.producerId < 0n) return;
    const lastSequence = nextSequence(batch.baseSequence, batch.recordCount - 1);
    let state = this.producers.get(batch.producerId);
    if (state === undefined || state.epoch !== batch.producerEpoch) {
      state = { epoch: batch.producerEpoch, lastSequence, recent: [] };
      this.producers.set(batch.producerId, state);
    }
    state.lastSequence = lastSequence;
    state.recent.push({ firstSequence: batch.baseSequence, lastSequence, baseOffset });
    if (state.recent.length > RECENT_BATCHES_KEPT) state.recent.shift();
  }

  /** Index of the first batch whose last offset is at or after `offset`. */
  private batchIndexFor(offset: bigint): number {
    let low = 0;
    let high = this.batches.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.batches[middle].lastOffset < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  isOffsetInRange(offset: bigint): boolean {
    return offset >= this.startOffset && offset <= this.nextOffset;
  }

  /**
   * Whole batches from the one holding `offset`, up to `maxBytes`. When `mustReturnOne` is set
   * the first batch is returned even if it alone exceeds the limit (KIP-74), so a consumer can
   * always make progress.
   */
  read(offset: bigint, maxBytes: number, mustReturnOne: boolean): LogRead {
    const chunks: Buffer[] = [];
    let size = 0;
    for (let i = this.batchIndexFor(offset); i < this.batches.length; i += 1) {
      const { bytes } = this.batches[i];
      if (size + bytes.length > maxBytes && !(mustReturnOne && chunks.length === 0)) break;
      chunks.push(bytes);
      size += bytes.length;
    }
    return { records: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), size };
  }

  /** First offset whose record timestamp is at or after `timestamp` (ListOffsets by time). */
  offsetForTimestamp(timestamp: bigint): { offset: bigint; timestamp: bigint } | null {
    for (const batch of this.batches) {
      if (batch.maxTimestamp < timestamp) continue;
      try {
        const record = decodeRecords(batch.bytes).find((r) => r.timestamp >= timestamp);
        if (record) return { offset: record.offset, timestamp: record.timestamp };
      } catch (error) {
        // A codec the broker cannot read: answer with the batch, as precise as it can be.
        if (!(error instanceof InvalidRecordBatchError)) throw error;
        return { offset: batch.baseOffset, timestamp: batch.maxTimestamp };
      }
    }
    return null;
  }

  /** Every record in the log, decoded (test hook; throws on codecs it cannot read). */
  records(): DecodedRecord[] {
    return this.batches.flatMap((batch) => decodeRecords(batch.bytes));
  }
}
