// Wire-level behaviour of the test broker that no well-behaved client exercises: version
// negotiation, unsupported requests, corrupt batches, fetch limits and long polling.
import {
  ApiKey,
  ErrorCode,
  RawKafkaClient,
  encodeRecordBatch,
  startTestBroker,
  type TestBroker,
} from '../../support/kafka-broker/index.js';
import { ByteReader } from '../../support/kafka-broker/protocol/byte-reader.js';
import { ByteWriter } from '../../support/kafka-broker/protocol/byte-writer.js';
import { decodeRecords, parseRecordBatches } from '../../support/kafka-broker/protocol/record-batch.js';

interface ApiVersionsAnswer {
  errorCode: number;
  versions: Map<number, [number, number]>;
}

function readApiVersions(body: Buffer): ApiVersionsAnswer {
  const reader = new ByteReader(body);
  const errorCode = reader.int16();
  const versions = new Map<number, [number, number]>();
  for (const [key, min, max] of reader.array((r) => [r.int16(), r.int16(), r.int16()])) versions.set(key, [min, max]);
  return { errorCode, versions };
}

function produceRequest(topic: string, partition: number, records: Buffer, acks = -1): Buffer {
  return new ByteWriter()
    .nullableString(null)
    .int16(acks)
    .int32(5000)
    .array([topic], (w, t) => w.string(t).array([partition], (pw, p) => pw.int32(p).bytes(records)))
    .toBuffer();
}

function readProduceResponse(body: Buffer): { errorCode: number; baseOffset: bigint } {
  const reader = new ByteReader(body);
  const [[partition]] = reader.array((t) => {
    t.string();
    return t.array((p) => {
      p.int32();
      const errorCode = p.int16();
      const baseOffset = p.int64();
      p.int64();
      p.int64();
      return { errorCode, baseOffset };
    });
  });
  return partition;
}

interface FetchSpec {
  topic: string;
  partition: number;
  offset: bigint;
  maxWaitMs?: number;
  minBytes?: number;
  maxBytes?: number;
  partitionMaxBytes?: number;
}

function fetchRequest(spec: FetchSpec): Buffer {
  return new ByteWriter()
    .int32(-1)
    .int32(spec.maxWaitMs ?? 0)
    .int32(spec.minBytes ?? 1)
    .int32(spec.maxBytes ?? 52_428_800)
    .int8(0)
    .int32(0)
    .int32(-1)
    .array([spec.topic], (w, t) =>
      w.string(t).array([spec.partition], (pw, p) => {
        pw.int32(p).int32(-1).int64(spec.offset).int64(-1).int32(spec.partitionMaxBytes ?? 1_048_576);
      }),
    )
    .array([], (w, t: string) => w.string(t))
    .string('')
    .toBuffer();
}

function readFetchResponse(body: Buffer): { errorCode: number; highWatermark: bigint; records: Buffer } {
  const reader = new ByteReader(body);
  reader.int32();
  reader.int16();
  reader.int32();
  const [[partition]] = reader.array((t) => {
    t.string();
    return t.array((p) => {
      p.int32();
      const errorCode = p.int16();
      const highWatermark = p.int64();
      p.int64();
      p.int64();
      p.array((a) => [a.int64(), a.int64()]);
      p.int32();
      return { errorCode, highWatermark, records: p.bytes() };
    });
  });
  return partition;
}

describe('Kafka test broker: wire protocol', () => {
  let broker: TestBroker;
  let client: RawKafkaClient;

  beforeAll(async () => {
    broker = await startTestBroker();
  });

  beforeEach(async () => {
    client = await RawKafkaClient.connect(broker.port);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    await broker.stop();
  });

  it('advertises exactly the versions kafkajs 2.2.4 uses against a real broker', async () => {
    const answer = readApiVersions(await client.request(ApiKey.ApiVersions, 2, Buffer.alloc(0)));
    expect(answer.errorCode).toBe(ErrorCode.NONE);
    const maxima = Object.fromEntries([...answer.versions].map(([key, [, max]]) => [key, max]));
    expect(maxima).toEqual({
      [ApiKey.Produce]: 7,
      [ApiKey.Fetch]: 11,
      [ApiKey.ListOffsets]: 3,
      [ApiKey.Metadata]: 6,
      [ApiKey.OffsetCommit]: 5,
      [ApiKey.OffsetFetch]: 4,
      [ApiKey.FindCoordinator]: 2,
      [ApiKey.JoinGroup]: 5,
      [ApiKey.Heartbeat]: 3,
      [ApiKey.LeaveGroup]: 3,
      [ApiKey.SyncGroup]: 3,
      [ApiKey.ApiVersions]: 2,
      [ApiKey.CreateTopics]: 3,
      [ApiKey.DeleteTopics]: 1,
      [ApiKey.InitProducerId]: 1,
    });
  });

  it('answers ApiVersions v0 and v1 too', async () => {
    for (const version of [0, 1]) {
      const answer = readApiVersions(await client.request(ApiKey.ApiVersions, version, Buffer.alloc(0)));
      expect(answer.errorCode).toBe(ErrorCode.NONE);
      expect(answer.versions.get(ApiKey.Fetch)).toEqual([0, 11]);
    }
  });

  it('answers a too-new ApiVersions in v0 form with UNSUPPORTED_VERSION and its ranges, as Kafka does', async () => {
    const answer = readApiVersions(await client.request(ApiKey.ApiVersions, 3, Buffer.alloc(0)));
    expect(answer.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(answer.versions.get(ApiKey.ApiVersions)).toEqual([0, 2]);
  });

  it('closes the connection on an API it does not implement, and keeps serving others', async () => {
    const describeGroups = 15;
    await expect(client.request(describeGroups, 0, Buffer.alloc(0))).rejects.toThrow('connection closed');
    const other = await RawKafkaClient.connect(broker.port);
    const answer = readApiVersions(await other.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
    expect(answer.errorCode).toBe(ErrorCode.NONE);
    await other.close();
  });

  it('closes the connection on a version above the advertised one', async () => {
    await expect(client.request(ApiKey.Produce, 8, Buffer.alloc(0))).rejects.toThrow('connection closed');
  });

  it('closes the connection on a truncated request instead of hanging', async () => {
    await expect(client.request(ApiKey.Metadata, 6, Buffer.from([0, 0, 0, 5]))).rejects.toThrow('connection closed');
  });

  it('stores a batch with its base offset rewritten and the bytes otherwise intact', async () => {
    broker.createTopic('raw-produce', 1);
    const first = encodeRecordBatch([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    const second = encodeRecordBatch([{ value: 'x', headers: [{ key: 'h', value: 'v' }] }]);
    expect(readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-produce', 0, first)))).toEqual({
      errorCode: ErrorCode.NONE,
      baseOffset: 0n,
    });
    expect(readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-produce', 0, second)))).toEqual({
      errorCode: ErrorCode.NONE,
      baseOffset: 2n,
    });

    const fetched = readFetchResponse(
      await client.request(ApiKey.Fetch, 11, fetchRequest({ topic: 'raw-produce', partition: 0, offset: 0n })),
    );
    expect(fetched.highWatermark).toBe(3n);
    const batches = parseRecordBatches(fetched.records);
    expect(batches.map((b) => b.baseOffset)).toEqual([0n, 2n]);
    expect(batches[1].bytes.subarray(16)).toEqual(second.subarray(16));
    expect(decodeRecords(batches[1].bytes)[0]).toMatchObject({ offset: 2n, value: Buffer.from('x') });
  });

  it('rejects a batch whose CRC does not match with CORRUPT_MESSAGE', async () => {
    broker.createTopic('raw-corrupt', 1);
    const batch = encodeRecordBatch([{ value: 'payload' }]);
    batch[batch.length - 2] ^= 0xff;
    const answer = readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-corrupt', 0, batch)));
    expect(answer.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(broker.endOffsets('raw-corrupt')).toEqual([0]);
  });

  it('refuses the old message format (magic 1) instead of storing what it cannot serve', async () => {
    broker.createTopic('raw-magic1', 1);
    const oldMessage = Buffer.alloc(34);
    oldMessage.writeInt32BE(22, 8); // message size
    oldMessage.writeInt8(1, 16); // magic 1
    const answer = readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-magic1', 0, oldMessage)));
    expect(answer.errorCode).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
  });

  it('rejects a produce to an unknown partition with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    broker.createTopic('raw-one-partition', 1);
    const batch = encodeRecordBatch([{ value: 'v' }]);
    const answer = readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-one-partition', 3, batch)));
    expect(answer.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('sends no response at all for acks=0, yet stores the batch', async () => {
    broker.createTopic('raw-acks0', 1);
    client.send(ApiKey.Produce, 7, produceRequest('raw-acks0', 0, encodeRecordBatch([{ value: 'fire' }]), 0));
    // Requests on a connection are answered in order: this answer proves the produce was handled.
    const answer = readApiVersions(await client.request(ApiKey.ApiVersions, 0, Buffer.alloc(0)));
    expect(answer.errorCode).toBe(ErrorCode.NONE);
    expect(broker.producedMessages('raw-acks0').map((m) => m.value?.toString())).toEqual(['fire']);
  });

  it('answers OFFSET_OUT_OF_RANGE for an offset past the high watermark', async () => {
    broker.createTopic('raw-range', 1);
    await client.request(ApiKey.Produce, 7, produceRequest('raw-range', 0, encodeRecordBatch([{ value: 'v' }])));
    const fetched = readFetchResponse(
      await client.request(ApiKey.Fetch, 11, fetchRequest({ topic: 'raw-range', partition: 0, offset: 5n })),
    );
    expect(fetched.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(fetched.highWatermark).toBe(1n);
  });

  it('returns whole batches up to the partition limit, but always at least one (KIP-74)', async () => {
    broker.createTopic('raw-limits', 1);
    for (const value of ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(200)]) {
      await client.request(ApiKey.Produce, 7, produceRequest('raw-limits', 0, encodeRecordBatch([{ value }])));
    }
    const tiny = readFetchResponse(
      await client.request(ApiKey.Fetch, 11, fetchRequest({ topic: 'raw-limits', partition: 0, offset: 0n, partitionMaxBytes: 10 })),
    );
    expect(parseRecordBatches(tiny.records).map((b) => b.baseOffset)).toEqual([0n]);
    const two = readFetchResponse(
      await client.request(ApiKey.Fetch, 11, fetchRequest({ topic: 'raw-limits', partition: 0, offset: 1n, partitionMaxBytes: 600 })),
    );
    expect(parseRecordBatches(two.records).map((b) => b.baseOffset)).toEqual([1n, 2n]);
  });

  it('holds a fetch with nothing to read until a produce arrives (long polling)', async () => {
    broker.createTopic('raw-long-poll', 1);
    const waiting = client.request(
      ApiKey.Fetch,
      11,
      fetchRequest({ topic: 'raw-long-poll', partition: 0, offset: 0n, maxWaitMs: 60_000, minBytes: 1 }),
    );
    let answered = false;
    void waiting.then(() => {
      answered = true;
    });
    const producer = await RawKafkaClient.connect(broker.port);
    // A produce on another connection while the fetch waits: the fetch must not have answered yet.
    await producer.request(ApiKey.ApiVersions, 0, Buffer.alloc(0));
    expect(answered).toBe(false);
    await producer.request(ApiKey.Produce, 7, produceRequest('raw-long-poll', 0, encodeRecordBatch([{ value: 'wake' }])));
    const fetched = readFetchResponse(await waiting);
    expect(decodeRecords(parseRecordBatches(fetched.records)[0].bytes)[0].value?.toString()).toBe('wake');
    await producer.close();
  });

  it('holds a fetch until min bytes have arrived', async () => {
    broker.createTopic('raw-min-bytes', 1);
    const batch = encodeRecordBatch([{ value: 'same size' }]);
    const waiting = client.request(
      ApiKey.Fetch,
      11,
      fetchRequest({ topic: 'raw-min-bytes', partition: 0, offset: 0n, maxWaitMs: 60_000, minBytes: batch.length * 2 }),
    );
    let answered = false;
    void waiting.then(() => {
      answered = true;
    });
    const producer = await RawKafkaClient.connect(broker.port);
    await producer.request(ApiKey.Produce, 7, produceRequest('raw-min-bytes', 0, batch));
    await producer.request(ApiKey.ApiVersions, 0, Buffer.alloc(0));
    expect(answered).toBe(false); // one batch is not enough
    await producer.request(ApiKey.Produce, 7, produceRequest('raw-min-bytes', 0, batch));
    const fetched = readFetchResponse(await waiting);
    expect(parseRecordBatches(fetched.records).map((b) => b.baseOffset)).toEqual([0n, 1n]);
    await producer.close();
  });

  it('answers a fetch with nothing to read after max wait when nothing arrives', async () => {
    broker.createTopic('raw-max-wait', 1);
    const fetched = readFetchResponse(
      await client.request(ApiKey.Fetch, 11, fetchRequest({ topic: 'raw-max-wait', partition: 0, offset: 0n, maxWaitMs: 100 })),
    );
    expect(fetched.errorCode).toBe(ErrorCode.NONE);
    expect(fetched.records.length).toBe(0);
  });

  it('applies an injected error to the next N requests of one API only', async () => {
    broker.createTopic('raw-inject', 1);
    broker.injectError('Produce', ErrorCode.NOT_LEADER_FOR_PARTITION, 2);
    const send = async () =>
      readProduceResponse(await client.request(ApiKey.Produce, 7, produceRequest('raw-inject', 0, encodeRecordBatch([{ value: 'v' }]))));
    expect((await send()).errorCode).toBe(ErrorCode.NOT_LEADER_FOR_PARTITION);
    expect((await send()).errorCode).toBe(ErrorCode.NOT_LEADER_FOR_PARTITION);
    expect(await send()).toEqual({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(broker.endOffsets('raw-inject')).toEqual([1]);
  });
});

describe('ByteWriter', () => {
  it('keeps earlier bytes when it grows past its initial size', () => {
    const writer = new ByteWriter(4);
    writer.int32(0x01020304).raw(Buffer.alloc(10, 7)).int16(-2).int64(-3n);
    const reader = new ByteReader(writer.toBuffer());
    expect(reader.int32()).toBe(0x01020304);
    expect([...reader.raw(10)]).toEqual(Array(10).fill(7));
    expect(reader.int16()).toBe(-2);
    expect(reader.int64()).toBe(-3n);
    expect(reader.remaining()).toBe(0);
  });
});
