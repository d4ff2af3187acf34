// Magic v2 record batches. The broker stores batches exactly as clients send them, rewriting only
// the base offset (which lies outside the CRC), so storage never decompresses. Decoding the
// records themselves is needed only by the test hooks and by ListOffsets-by-timestamp.
import { gunzipSync } from 'node:zlib';
import { ByteReader, ProtocolDecodeError } from './byte-reader.js';
import { crc32c } from './crc32c.js';

/** Bytes before the records: base offset .. record count. */
export const BATCH_HEADER_SIZE = 61;
const LENGTH_FIELD_END = 12; // base offset (8) + batch length (4)
const MAGIC_OFFSET = 16;
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;

const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

export interface RecordBatchHeader {
  readonly baseOffset: bigint;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly firstTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

export interface RecordBatchView extends RecordBatchHeader {
  /** The whole batch, header included. */
  readonly bytes: Buffer;
}

export class InvalidRecordBatchError extends Error {
  constructor(
    message: string,
    /** The bytes may be fine but use an older message format (magic 0 or 1). */
    readonly oldMessageFormat = false,
  ) {
    super(message);
    this.name = 'InvalidRecordBatchError';
  }
}

export function compressionOf(attributes: number): number {
  return attributes & 0x07;
}

export function compressionName(attributes: number): string {
  const codec = compressionOf(attributes);
  return COMPRESSION_NAMES[codec] ?? `codec ${codec}`;
}

export function isTransactional(attributes: number): boolean {
  return (attributes & 0x10) !== 0;
}

export function isControlBatch(attributes: number): boolean {
  return (attributes & 0x20) !== 0;
}

function readHeader(bytes: Buffer): RecordBatchHeader {
  return {
    baseOffset: bytes.readBigInt64BE(0),
    attributes: bytes.readInt16BE(ATTRIBUTES_OFFSET),
    lastOffsetDelta: bytes.readInt32BE(23),
    firstTimestamp: bytes.readBigInt64BE(27),
    maxTimestamp: bytes.readBigInt64BE(35),
    producerId: bytes.readBigInt64BE(43),
    producerEpoch: bytes.readInt16BE(51),
    baseSequence: bytes.readInt32BE(53),
    recordCount: bytes.readInt32BE(57),
  };
}

/**
 * Splits a produced record set into its batches and checks each one the way a broker would:
 * magic 2, consistent lengths, record count matching the offset span, valid CRC-32C.
 */
export function parseRecordBatches(recordSet: Buffer): RecordBatchView[] {
  const batches: RecordBatchView[] = [];
  let position = 0;
  while (position < recordSet.length) {
    // Magic sits at the same place in every message format, so it can be read first.
    if (recordSet.length - position <= MAGIC_OFFSET) {
      throw new InvalidRecordBatchError('record set ends inside a batch header');
    }
    const magic = recordSet.readInt8(position + MAGIC_OFFSET);
    if (magic !== 2) {
      throw new InvalidRecordBatchError(`only magic v2 record batches are supported, got magic ${magic}`, magic < 2);
    }
    if (recordSet.length - position < BATCH_HEADER_SIZE) {
      throw new InvalidRecordBatchError('record set ends inside a batch header');
    }
    const batchLength = recordSet.readInt32BE(position + 8);
    const total = LENGTH_FIELD_END + batchLength;
    if (batchLength < BATCH_HEADER_SIZE - LENGTH_FIELD_END || position + total > recordSet.length) {
      throw new InvalidRecordBatchError(`batch length ${batchLength} does not fit the record set`);
    }
    const bytes = recordSet.subarray(position, position + total);
    const expectedCrc = bytes.readUInt32BE(CRC_OFFSET);
    const actualCrc = crc32c(bytes.subarray(ATTRIBUTES_OFFSET));
    if (expectedCrc !== actualCrc) {
      throw new InvalidRecordBatchError(`record batch CRC mismatch (${expectedCrc} != ${actualCrc})`);
    }
    const header = readHeader(bytes);
    if (header.recordCount <= 0 || header.lastOffsetDelta < header.recordCount - 1) {
      throw new InvalidRecordBatchError(
        `record count ${header.recordCount} does not match last offset delta ${header.lastOffsetDelta}`,
      );
    }
    batches.push({ ...header, bytes });
    position += total;
  }
  return batches;
}

/** A copy of the batch with a new base offset; the CRC does not cover it, so it stays valid. */
export function withBaseOffset(bytes: Buffer, baseOffset: bigint): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeBigInt64BE(baseOffset, 0);
  copy.writeInt32BE(0, LENGTH_FIELD_END); // partition leader epoch of our single, never-failing leader
  return copy;
}

export function readBatchHeader(bytes: Buffer): RecordBatchHeader {
  return readHeader(bytes);
}

export interface RecordHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface DecodedRecord {
  readonly compression: string;
  readonly offset: bigint;
  readonly timestamp: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

function decompress(attributes: number, payload: Buffer): Buffer {
  const codec = compressionOf(attributes);
  switch (codec) {
    case 0:
      return payload;
    case 1:
      return gunzipSync(payload);
    default:
      throw new InvalidRecordBatchError(
        `the test broker can read back only uncompressed and gzip batches, not ${compressionName(attributes)}`,
      );
  }
}

function readVarBytes(reader: ByteReader): Buffer | null {
  const length = reader.varint();
  if (length < 0) return null;
  return Buffer.from(reader.raw(length));
}

/** Decodes every record of one stored batch (control batches yield none). */
export function decodeRecords(bytes: Buffer): DecodedRecord[] {
  const header = readHeader(bytes);
  if (isControlBatch(header.attributes)) return [];
  const payload = decompress(header.attributes, bytes.subarray(BATCH_HEADER_SIZE));
  const reader = new ByteReader(payload);
  const records: DecodedRecord[] = [];
  try {
    for (let i = 0; i < header.recordCount; i += 1) {
      const length = reader.varint();
      const record = new ByteReader(reader.raw(length));
      record.int8(); // record attributes, unused
      const timestampDelta = record.varlong();
      const offsetDelta = record.varint();
      const key = readVarBytes(record);
      const value = readVarBytes(record);
      const headerCount = record.varint();
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h += 1) {
        const headerKey = readVarBytes(record);
        headers.push({ key: headerKey?.toString('utf8') ?? '', value: readVarBytes(record) });
      }
      records.push({
        compression: compressionName(header.attributes),
        offset: header.baseOffset + BigInt(offsetDelta),
        timestamp: header.firstTimestamp + timestampDelta,
        key,
        value,
        headers,
      });
    }
  } catch (error) {
    if (error instanceof ProtocolDecodeError) {
      throw new InvalidRecordBatchError(`malformed record in batch: ${error.message}`);
    }
    throw error;
  }
  return records;
}
