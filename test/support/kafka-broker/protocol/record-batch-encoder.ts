// Builds uncompressed magic v2 record batches, for tests that produce through RawKafkaClient
// (hand-made batches with chosen timestamps, sequences or a broken checksum).
import { ByteWriter } from './byte-writer.js';
import { crc32c } from './crc32c.js';
import { BATCH_HEADER_SIZE } from './record-batch.js';

export interface RecordToEncode {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly timestamp?: number;
  readonly headers?: readonly { key: string; value: Buffer | string | null }[];
}

export interface BatchOptions {
  readonly producerId?: bigint;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
}

function zigZag(value: bigint): bigint {
  return value >= 0n ? value << 1n : (-value << 1n) - 1n;
}

function varlong(writer: ByteWriter, value: bigint | number): void {
  let rest = zigZag(BigInt(value));
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    writer.raw(Buffer.from([byte]));
  } while (rest !== 0n);
}

function varBytes(writer: ByteWriter, value: Buffer | string | null | undefined): void {
  if (value === null || value === undefined) {
    varlong(writer, -1);
    return;
  }
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  varlong(writer, bytes.length);
  writer.raw(bytes);
}

export function encodeRecordBatch(records: readonly RecordToEncode[], options: BatchOptions = {}): Buffer {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  const now = Date.now();
  const timestamps = records.map((r) => r.timestamp ?? now);
  const firstTimestamp = Math.min(...timestamps);
  const body = new ByteWriter();
  records.forEach((record, index) => {
    const encoded = new ByteWriter();
    encoded.int8(0);
    varlong(encoded, timestamps[index] - firstTimestamp);
    varlong(encoded, index);
    varBytes(encoded, record.key);
    varBytes(encoded, record.value);
    varlong(encoded, record.headers?.length ?? 0);
    for (const header of record.headers ?? []) {
      varBytes(encoded, header.key);
      varBytes(encoded, header.value);
    }
    varlong(body, encoded.size);
    body.raw(encoded.toBuffer());
  });
  const payload = body.toBuffer();
  const batch = new ByteWriter(BATCH_HEADER_SIZE + payload.length)
    .int64(0)
    .int32(BATCH_HEADER_SIZE - 12 + payload.length)
    .int32(-1) // partition leader epoch
    .int8(2) // magic
    .int32(0) // CRC, filled in below
    .int16(0) // attributes: no compression, create time, not transactional
    .int32(records.length - 1)
    .int64(firstTimestamp)
    .int64(Math.max(...timestamps))
    .int64(options.producerId ?? -1n)
    .int16(options.producerEpoch ?? -1)
    .int32(options.baseSequence ?? -1)
    .int32(records.length)
    .raw(payload)
    .toBuffer();
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
