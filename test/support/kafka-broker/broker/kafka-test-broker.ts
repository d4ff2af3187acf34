// A single-node, in-memory Kafka broker speaking the real wire protocol over TCP, for tests.
// It implements the API versions kafkajs 2.2.4 uses against a real broker (see api-keys.ts) and
// adds test hooks: read back what was produced, inject error codes, drop connections, restart.
import { createServer, type Server } from 'node:net';
import { ADVERTISED_VERSIONS, ApiKey, advertisedRange, apiName, type ApiKeyName } from '../protocol/api-keys.js';
import type { ApiCodec } from '../protocol/api-codec.js';
import type { ByteReader } from '../protocol/byte-reader.js';
import { ByteWriter } from '../protocol/byte-writer.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { apiVersionsCodec } from '../protocol/apis/api-versions.js';
import { createTopicsCodec, type CreateTopicsRequest, type CreateTopicsResponse } from '../protocol/apis/create-topics.js';
import { deleteTopicsCodec, type DeleteTopicsRequest, type DeleteTopicsResponse } from '../protocol/apis/delete-topics.js';
import { fetchCodec, type FetchPartitionResponse, type FetchRequest, type FetchResponse } from '../protocol/apis/fetch.js';
import { findCoordinatorCodec } from '../protocol/apis/find-coordinator.js';
import { heartbeatCodec } from '../protocol/apis/heartbeat.js';
import { initProducerIdCodec, type InitProducerIdRequest, type InitProducerIdResponse } from '../protocol/apis/init-producer-id.js';
import { joinGroupCodec } from '../protocol/apis/join-group.js';
import { leaveGroupCodec } from '../protocol/apis/leave-group.js';
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  listOffsetsCodec,
  type ListOffsetsPartitionResponse,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
} from '../protocol/apis/list-offsets.js';
import { metadataCodec, type MetadataRequest, type MetadataResponse, type MetadataTopic } from '../protocol/apis/metadata.js';
import { offsetCommitCodec } from '../protocol/apis/offset-commit.js';
import { offsetFetchCodec } from '../protocol/apis/offset-fetch.js';
import {
  produceCodec,
  type ProducePartitionData,
  type ProducePartitionResponse,
  type ProduceRequest,
  type ProduceResponse,
} from '../protocol/apis/produce.js';
import { syncGroupCodec } from '../protocol/apis/sync-group.js';
import { InvalidRecordBatchError, isTransactional, parseRecordBatches, type RecordHeader } from '../protocol/record-batch.js';
import { ClientConnection, type RequestContext, type RequestHeader, type RequestOutcome } from './client-connection.js';
import type { GroupDescription } from './consumer-group.js';
import { GroupCoordinator } from './group-coordinator.js';
import { isValidTopicName, TopicRegistry } from './topic-registry.js';

export interface KafkaTestBrokerOptions {
  /** Address to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Host clients are told to connect to (Metadata, FindCoordinator); default `host`. */
  readonly advertisedHost?: string;
  /** 0 (default) picks a free port; restarts reuse the port first bound. */
  readonly port?: number;
  readonly nodeId?: number;
  readonly clusterId?: string;
  /** Create unknown topics named in a Metadata request (Kafka's auto.create.topics.enable); default true. */
  readonly autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of CreateTopics with -1 (Kafka's num.partitions); default 1. */
  readonly defaultPartitions?: number;
  /** Kafka's group.min.session.timeout.ms; default 6000 as in Kafka. */
  readonly minSessionTimeoutMs?: number;
  /** Kafka's group.max.session.timeout.ms; default 1800000 as in Kafka. */
  readonly maxSessionTimeoutMs?: number;
  /** Kafka's group.initial.rebalance.delay.ms; default 0 (Kafka's test setting, not its 3000). */
  readonly initialRebalanceDelayMs?: number;
  /** Largest record set accepted per partition (Kafka's message.max.bytes); default 1048588. */
  readonly maxMessageBytes?: number;
  readonly topics?: readonly { readonly name: string; readonly partitions?: number }[];
  /** Diagnostics (closed connections, rejected batches); silent by default. */
  readonly log?: (line: string) => void;
}

export interface ProducedMessage {
  /** The codec of the batch the record arrived in: none, gzip, snappy, lz4 or zstd. */
  readonly compression: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

interface RegisteredApi {
  run(body: ByteReader, context: RequestContext): Promise<RequestOutcome>;
}

interface InjectedError {
  readonly errorCode: number;
  readonly applyRequest: boolean;
  remaining: number;
}

export interface InjectErrorOptions {
  /**
   * Apply the request first and only then answer with the error, like a response lost after
   * the broker acted: an idempotent producer's retry must then be deduplicated. Default false.
   */
  readonly applyRequest?: boolean;
}

export class KafkaTestBroker {
  private readonly topics = new TopicRegistry();
  private readonly coordinator: GroupCoordinator;
  private readonly apis = new Map<number, RegisteredApi>();
  private readonly connections = new Set<ClientConnection>();
  private readonly injectedErrors = new Map<number, InjectedError>();
  private readonly requestCounts = new Map<number, number>();
  private readonly transactionalProducers = new Map<string, { producerId: bigint; epoch: number }>();
  private nextProducerId = 1000n;
  private server: Server | null = null;
  private boundPort: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: KafkaTestBrokerOptions = {}) {
    this.boundPort = options.port ?? 0;
    this.log = options.log ?? (() => undefined);
    this.coordinator = new GroupCoordinator(
      {
        minSessionTimeoutMs: options.minSessionTimeoutMs ?? 6000,
        maxSessionTimeoutMs: options.maxSessionTimeoutMs ?? 1_800_000,
        initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 0,
      },
      (topic, partition) => this.topics.partition(topic, partition) !== undefined,
    );
    for (const topic of options.topics ?? []) this.createTopic(topic.name, topic.partitions);
    this.registerApis();
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get advertisedHost(): string {
    return this.options.advertisedHost ?? this.host;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Bootstrap list for clients, e.g. ['127.0.0.1:40123']. */
  get brokers(): string[] {
    return [`${this.advertisedHost}:${this.port}`];
  }

  get nodeId(): number {
    return this.options.nodeId ?? 1;
  }

  get isRunning(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => {
      const connection = new ClientConnection(
        socket,
        (header, body, context) => this.dispatch(header, body, context),
        this.log,
        (closed) => this.connections.delete(closed),
      );
      this.connections.add(connection);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port: this.boundPort }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('broker did not bind a TCP port');
    this.boundPort = address.port;
    this.server = server;
    this.coordinator.resume();
  }

  /** Closes the listener and every connection. Topics, logs, groups and committed offsets are kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
    this.coordinator.suspend();
    this.topics.notifyAppend(); // release long-polling fetches
    await closed;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  // ---- test hooks -------------------------------------------------------------------------

  createTopic(name: string, partitions = this.options.defaultPartitions ?? 1): void {
    const errorCode = this.topics.create(name, partitions);
    if (errorCode !== ErrorCode.NONE) {
      throw new Error(`cannot create topic "${name}" with ${partitions} partitions (Kafka error ${errorCode})`);
    }
  }

  deleteTopic(name: string): boolean {
    const deleted = this.topics.delete(name);
    if (deleted) this.coordinator.forgetTopic(name);
    return deleted;
  }

  topicNames(): string[] {
    return this.topics.names();
  }

  /** Every record stored for the topic (or one partition), decoded; [] for an unknown topic. */
  producedMessages(topic: string, partition?: number): ProducedMessage[] {
    const logs = this.topics.partitions(topic) ?? [];
    return logs.flatMap((log, index) => {
      if (partition !== undefined && index !== partition) return [];
      return log.records().map((record) => ({
        compression: record.compression,
        topic,
        partition: index,
        offset: Number(record.offset),
        timestamp: Number(record.timestamp),
        key: record.key,
        value: record.value,
        headers: record.headers,
      }));
    });
  }

  /** Offsets of the next message per partition (the high watermarks). */
  endOffsets(topic: string): number[] {
    return (this.topics.partitions(topic) ?? []).map((log) => Number(log.highWatermark));
  }

  /**
   * The next `count` requests of the API are answered with `errorCode` in every error field of
   * the response, and not applied (unless `applyRequest`). A count of 0 cancels.
   */
  injectError(api: number | ApiKeyName, errorCode: number, count = 1, options: InjectErrorOptions = {}): void {
    const apiKey = typeof api === 'number' ? api : ApiKey[api];
    if (count <= 0) this.injectedErrors.delete(apiKey);
    else this.injectedErrors.set(apiKey, { errorCode, remaining: count, applyRequest: options.applyRequest ?? false });
  }

  clearInjectedErrors(): void {
    this.injectedErrors.clear();
  }

  /** Drops client connections (all, or those whose last request carried a matching client id). */
  dropConnections(filter: { clientId?: string | RegExp } = {}): number {
    let dropped = 0;
    for (const connection of [...this.connections]) {
      const { clientId } = filter;
      const matches =
        clientId === undefined ||
        (typeof clientId === 'string' ? connection.clientId === clientId : clientId.test(connection.clientId));
      if (!matches) continue;
      connection.destroy();
      this.connections.delete(connection);
      dropped += 1;
    }
    return dropped;
  }

  /** How many requests of the API arrived (answered, injected with errors or rejected). */
  requestCount(api: number | ApiKeyName): number {
    const apiKey = typeof api === 'number' ? api : ApiKey[api];
    return this.requestCounts.get(apiKey) ?? 0;
  }

  describeGroup(groupId: string): GroupDescription | undefined {
    return this.coordinator.describe(groupId);
  }

  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    const committed = this.coordinator.committedOffset(groupId, topic, partition);
    return committed === undefined ? undefined : Number(committed.offset);
  }

  // ---- request dispatch ---------------------------------------------------------------------

  private async dispatch(header: RequestHeader, body: ByteReader, context: RequestContext): Promise<RequestOutcome> {
    const { apiKey, apiVersion } = header;
    this.requestCounts.set(apiKey, (this.requestCounts.get(apiKey) ?? 0) + 1);
    const range = advertisedRange(apiKey);
    const api = this.apis.get(apiKey);
    if (range === undefined || api === undefined) {
      return { kind: 'close', reason: `api key ${apiKey} is not supported by the test broker` };
    }
    if (apiVersion < range.minVersion || apiVersion > range.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        // The client could not know our versions yet: answer in v0 form so it can retry.
        const writer = new ByteWriter();
        apiVersionsCodec.encodeResponse(writer, 0, {
          errorCode: ErrorCode.UNSUPPORTED_VERSION,
          apiVersions: ADVERTISED_VERSIONS,
        });
        return { kind: 'respond', body: writer.toBuffer() };
      }
      return {
        kind: 'close',
        reason: `${apiName(apiKey)} v${apiVersion} is outside the advertised ${range.minVersion}..${range.maxVersion}`,
      };
    }
    return api.run(body, context);
  }

  private takeInjectedError(apiKey: number): InjectedError | undefined {
    const injected = this.injectedErrors.get(apiKey);
    if (injected === undefined) return undefined;
    injected.remaining -= 1;
    if (injected.remaining <= 0) this.injectedErrors.delete(apiKey);
    return injected;
  }

  private register<Req, Res>(
    codec: ApiCodec<Req, Res>,
    handle: (request: Req, context: RequestContext) => Res | null | Promise<Res | null>,
    onInjectedError: (request: Req, errorCode: number) => Res | null = (request, errorCode) =>
      codec.errorResponse(request, errorCode),
  ): void {
    this.apis.set(codec.apiKey, {
      run: async (body, context) => {
        const { apiVersion } = context.header;
        const request = codec.decodeRequest(body, apiVersion);
        if (body.remaining() !== 0) {
          this.log(`${apiName(codec.apiKey)} v${apiVersion}: ${body.remaining()} unread bytes after the request`);
        }
        const injected = this.takeInjectedError(codec.apiKey);
        if (injected?.applyRequest) await handle(request, context);
        const response =
          injected === undefined ? await handle(request, context) : onInjectedError(request, injected.errorCode);
        if (response === null) return { kind: 'none' };
        const writer = new ByteWriter();
        codec.encodeResponse(writer, apiVersion, response);
        return { kind: 'respond', body: writer.toBuffer() };
      },
    });
  }

  private registerApis(): void {
    this.register(apiVersionsCodec, () => ({ errorCode: ErrorCode.NONE, apiVersions: ADVERTISED_VERSIONS }));
    this.register(
      produceCodec,
      (request) => this.produce(request),
      (request, errorCode) => (request.acks === 0 ? null : produceCodec.errorResponse(request, errorCode)),
    );
    this.register(fetchCodec, (request, context) => this.fetch(request, context));
    this.register(listOffsetsCodec, (request) => this.listOffsets(request));
    this.register(
      metadataCodec,
      (request) => this.metadata(request),
      (request, errorCode) => ({
        ...this.metadata({ topics: request.topics, allowAutoTopicCreation: false }),
        topics: (request.topics ?? this.topics.names()).map((topic) => ({
          errorCode,
          topic,
          isInternal: false,
          partitions: [],
        })),
      }),
    );
    this.register(offsetCommitCodec, (request) => this.coordinator.commit(request));
    this.register(offsetFetchCodec, (request) => this.coordinator.fetchOffsets(request));
    this.register(findCoordinatorCodec, () => ({
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      nodeId: this.nodeId,
      host: this.advertisedHost,
      port: this.port,
    }));
    this.register(joinGroupCodec, (request, context) =>
      this.coordinator.join(request, context.header.clientId, context.header.apiVersion),
    );
    this.register(heartbeatCodec, (request) => ({ errorCode: this.coordinator.heartbeat(request) }));
    this.register(leaveGroupCodec, (request) => this.coordinator.leave(request));
    this.register(syncGroupCodec, (request) => this.coordinator.sync(request));
    this.register(createTopicsCodec, (request) => this.createTopics(request));
    this.register(deleteTopicsCodec, (request) => this.deleteTopics(request));
    this.register(initProducerIdCodec, (request) => this.initProducerId(request));
  }

  // ---- handlers -----------------------------------------------------------------------------

  private produce(request: ProduceRequest): ProduceResponse | null {
    const validAcks = request.acks === -1 || request.acks === 0 || request.acks === 1;
    if (!validAcks) return produceCodec.errorResponse(request, ErrorCode.INVALID_REQUIRED_ACKS);
    let appended = false;
    const topics = request.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((data) => {
        const result = this.appendTo(topic.topic, data);
        if (result.errorCode === ErrorCode.NONE) appended = true;
        return result;
      }),
    }));
    if (appended) this.topics.notifyAppend();
    return request.acks === 0 ? null : { topics };
  }

  private appendTo(topic: string, data: ProducePartitionData): ProducePartitionResponse {
    const log = this.topics.partition(topic, data.partition);
    const failed = (errorCode: number): ProducePartitionResponse => ({
      partition: data.partition,
      errorCode,
      baseOffset: -1n,
      logAppendTimeMs: -1n,
      logStartOffset: log?.logStartOffset ?? -1n,
    });
    if (log === undefined) return failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (data.records === null || data.records.length === 0) return failed(ErrorCode.CORRUPT_MESSAGE);
    if (data.records.length > (this.options.maxMessageBytes ?? 1_048_588)) return failed(ErrorCode.MESSAGE_TOO_LARGE);
    let batches;
    try {
      batches = parseRecordBatches(data.records);
    } catch (error) {
      if (!(error instanceof InvalidRecordBatchError)) throw error;
      this.log(`rejected produce to ${topic}/${data.partition}: ${error.message}`);
      return failed(error.oldMessageFormat ? ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT : ErrorCode.CORRUPT_MESSAGE);
    }
    // There is no transaction coordinator, so transactional batches could never be committed.
    if (batches.some((batch) => isTransactional(batch.attributes))) return failed(ErrorCode.INVALID_TXN_STATE);
    const result = log.append(batches);
    if (result.errorCode !== ErrorCode.NONE) return failed(result.errorCode);
    return {
      partition: data.partition,
      errorCode: ErrorCode.NONE,
      baseOffset: result.baseOffset,
      logAppendTimeMs: -1n,
      logStartOffset: log.logStartOffset,
    };
  }

  private async fetch(request: FetchRequest, context: RequestContext): Promise<FetchResponse> {
    const deadline = Date.now() + Math.max(0, request.maxWaitMs);
    for (;;) {
      const { response, bytes, hasErrors } = this.readForFetch(request);
      const remaining = deadline - Date.now();
      if (bytes >= request.minBytes || hasErrors || remaining <= 0) {
        return response;
      }
      if (!this.isRunning || !context.connection.isOpen) return response;
      await this.topics.waitForAppend(remaining);
    }
  }

  private readForFetch(request: FetchRequest): { response: FetchResponse; bytes: number; hasErrors: boolean } {
    let budget = request.maxBytes;
    let bytes = 0;
    let hasErrors = false;
    const topics = request.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((p): FetchPartitionResponse => {
        const log = this.topics.partition(topic.topic, p.partition);
        if (log === undefined || !log.isOffsetInRange(p.fetchOffset)) {
          hasErrors = true;
          return {
            partition: p.partition,
            errorCode: log === undefined ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OFFSET_OUT_OF_RANGE,
            highWatermark: log?.highWatermark ?? -1n,
            lastStableOffset: log?.highWatermark ?? -1n,
            logStartOffset: log?.logStartOffset ?? -1n,
            records: Buffer.alloc(0),
          };
        }
        const read = log.read(p.fetchOffset, Math.min(p.partitionMaxBytes, budget), bytes === 0);
        bytes += read.size;
        budget = Math.max(0, budget - read.size);
        return {
          partition: p.partition,
          errorCode: ErrorCode.NONE,
          highWatermark: log.highWatermark,
          lastStableOffset: log.highWatermark,
          logStartOffset: log.logStartOffset,
          records: read.records,
        };
      }),
    }));
    return { response: { errorCode: ErrorCode.NONE, topics }, bytes, hasErrors };
  }

  private listOffsets(request: ListOffsetsRequest): ListOffsetsResponse {
    return {
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p): ListOffsetsPartitionResponse => {
          const log = this.topics.partition(topic.topic, p.partition);
          if (log === undefined) {
            return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1n, offset: -1n };
          }
          if (p.timestamp === EARLIEST_TIMESTAMP) {
            return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: -1n, offset: log.logStartOffset };
          }
          if (p.timestamp === LATEST_TIMESTAMP) {
            return { partition: p.partition, errorCode: ErrorCode.NONE, timestamp: -1n, offset: log.highWatermark };
          }
          const found = log.offsetForTimestamp(p.timestamp);
          return {
            partition: p.partition,
            errorCode: ErrorCode.NONE,
            timestamp: found?.timestamp ?? -1n,
            offset: found?.offset ?? -1n,
          };
        }),
      })),
    };
  }

  private describeTopic(topic: string): MetadataTopic {
    const logs = this.topics.partitions(topic) ?? [];
    return {
      errorCode: ErrorCode.NONE,
      topic,
      isInternal: false,
      partitions: logs.map((_log, partition) => ({
        errorCode: ErrorCode.NONE,
        partition,
        leader: this.nodeId,
        replicas: [this.nodeId],
        isr: [this.nodeId],
      })),
    };
  }

  private metadata(request: MetadataRequest): MetadataResponse {
    const autoCreate = request.allowAutoTopicCreation && (this.options.autoCreateTopics ?? true);
    const topics = (request.topics ?? this.topics.names()).map((topic): MetadataTopic => {
      if (!this.topics.has(topic)) {
        const created = autoCreate && this.topics.create(topic, this.options.defaultPartitions ?? 1) === ErrorCode.NONE;
        if (!created) {
          const errorCode = isValidTopicName(topic) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_TOPIC_EXCEPTION;
          return { errorCode, topic, isInternal: false, partitions: [] };
        }
      }
      return this.describeTopic(topic);
    });
    return {
      brokers: [{ nodeId: this.nodeId, host: this.advertisedHost, port: this.port }],
      clusterId: this.options.clusterId ?? 'kafka-test-broker',
      controllerId: this.nodeId,
      topics,
    };
  }

  private createTopics(request: CreateTopicsRequest): CreateTopicsResponse {
    const counts = new Map<string, number>();
    for (const t of request.topics) counts.set(t.topic, (counts.get(t.topic) ?? 0) + 1);
    return {
      topics: request.topics.map((t) => {
        const fail = (errorCode: number, errorMessage: string) => ({ topic: t.topic, errorCode, errorMessage });
        if ((counts.get(t.topic) ?? 0) > 1) return fail(ErrorCode.INVALID_REQUEST, `Topic '${t.topic}' is listed twice.`);
        if (!isValidTopicName(t.topic)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic name '${t.topic}' is illegal.`);
        if (this.topics.has(t.topic)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.topic}' already exists.`);
        const partitions =
          t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? (this.options.defaultPartitions ?? 1) : t.numPartitions;
        if (partitions <= 0) return fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
        const replicationFactor = t.assignments.length > 0 ? t.assignments[0].brokerIds.length : t.replicationFactor;
        if (replicationFactor !== -1 && replicationFactor !== 1) {
          return fail(
            ErrorCode.INVALID_REPLICATION_FACTOR,
            `Replication factor: ${replicationFactor} larger than available brokers: 1.`,
          );
        }
        if (!request.validateOnly) this.topics.create(t.topic, partitions);
        return { topic: t.topic, errorCode: ErrorCode.NONE, errorMessage: null };
      }),
    };
  }

  private deleteTopics(request: DeleteTopicsRequest): DeleteTopicsResponse {
    return {
      topics: request.topics.map((topic) => ({
        topic,
        errorCode: this.deleteTopic(topic) ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      })),
    };
  }

  private initProducerId(request: InitProducerIdRequest): InitProducerIdResponse {
    if (request.transactionalId === null) {
      const producerId = this.nextProducerId;
      this.nextProducerId += 1n;
      return { errorCode: ErrorCode.NONE, producerId, producerEpoch: 0 };
    }
    // Each call with the same transactional id fences the previous one with a higher epoch.
    const existing = this.transactionalProducers.get(request.transactionalId);
    const next = existing
      ? { producerId: existing.producerId, epoch: existing.epoch + 1 }
      : { producerId: this.nextProducerId++, epoch: 0 };
    this.transactionalProducers.set(request.transactionalId, next);
    return { errorCode: ErrorCode.NONE, producerId: next.producerId, producerEpoch: next.epoch };
  }
}
