/**
 * The Kafka entry point of the detection pipeline: a consumer group on `transfers`. Kafka is the
 * log; the database holds what the log's events caused.
 *
 * - At least once, with effects that happen once: a round's alerts and the partitions' new
 *   durable offsets are written in one transaction (transfer_stream_offsets), and only then are
 *   the offsets committed to Kafka. A message below its partition's durable offset (a
 *   redelivery) is replayed into the windows, never detected again.
 * - A message that is not JSON, or not a valid event, goes to `transfers.dlq` with headers
 *   naming the error and never holds up its partition.
 * - The batches of a fetch are detected together in event-time order, and a partition with a
 *   backlog holds the others back (event-time-gate.ts), so no partition's events fall behind
 *   the engine's watermark.
 * - When the assignment changes (start, rebalance, a member gone) or a write failed, the windows
 *   start empty and every assigned partition is replayed from the checkpoint one retention span
 *   before its durable watermark (stream-progress.ts); the gate keeps live partitions waiting
 *   until the replay has caught up.
 * - On shutdown kafkajs lets the round in hand finish, so what was processed is committed.
 * - Consumer lag (end offset minus committed offset, per partition) is the gauge
 *   `transfers_consumer_lag`.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { KafkaService } from '../../infra/messaging/kafka.service.js';
import { RISK_ALERTS_TOPIC } from '../alerts/alerts.service.js';
import { TransferPipelineService, type LogItem } from './transfer-pipeline.service.js';
import { advanceProgress, replayStartOffset } from './stream-progress.js';
import { TransfersRepository, type StreamProgress } from './transfers.repository.js';
import { releasable, type GatePartitionState } from './event-time-gate.js';
import { checkTransferMessage, type EventError } from './transfer-event.validation.js';
import { TRANSFERS_DLQ_TOPIC, TRANSFERS_TOPIC } from './transfer-topics.js';

const LAG_INTERVAL_MS = 10_000;
/** The batches of one fetch reach eachBatch within a few milliseconds of each other. */
const ROUND_GATHER_MS = 5;
/**
 * A round is detected and made durable as a whole, so its size bounds alert latency: 256 KB per
 * partition (about 800 events) kept p99 under a quarter of a second at half the throughput in
 * bench:stream, where kafkajs's 1 MB default gave seconds, for the same throughput.
 */
const MAX_BYTES_PER_PARTITION = 256 * 1024;
/** kafkajs workers: every partition's batch of a fetch must be in hand at once to be merged. */
const MAX_CONCURRENT_PARTITIONS = 64;

interface Waiting {
  payload: EachBatchPayload;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Round {
  waiting: Waiting[];
  timer: NodeJS.Timeout | undefined;
}

export function dlqHeaders(m: KafkaMessage, partition: number, error: EventError, eventId: string | undefined): IHeaders {
  const headers: IHeaders = { ...(m.headers ?? {}) };
  headers['dlq-error-code'] = error.code;
  headers['dlq-error-message'] = error.message.slice(0, 500);
  if (error.field !== undefined) headers['dlq-error-field'] = error.field;
  if (eventId !== undefined) headers['dlq-event-id'] = eventId;
  headers['dlq-source-topic'] = TRANSFERS_TOPIC;
  headers['dlq-source-partition'] = String(partition);
  headers['dlq-source-offset'] = m.offset;
  return headers;
}

@Injectable()
export class TransfersConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TransfersConsumer');
  private consumer: Consumer | null = null;
  private assigned: number[] = [];
  private lagTimer: NodeJS.Timeout | undefined;
  private round: Round | null = null;
  private rounds: Promise<unknown> = Promise.resolve();
  /** The last round's write and Kafka commit, settled (failures are logged). */
  private inflight: Promise<void> = Promise.resolve();
  /** Event-time progress of the assigned partitions, for the gate. */
  private gate = new Map<number, GatePartitionState>();
  /** Durable progress of the assigned partitions, as last written by this consumer. */
  private progress = new Map<number, StreamProgress>();
  /** The windows must be rebuilt (new assignment, or a failed write) before the next round. */
  private needsReset = true;

  constructor(
    private readonly kafka: KafkaService,
    private readonly pipeline: TransferPipelineService,
    private readonly repo: TransfersRepository,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get lag() {
    return this.metrics.gauge('transfers_consumer_lag', 'Messages of `transfers` not yet committed by the detection consumer group, per partition', ['partition']);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.kafka.enabled || !this.config.TRANSFERS_CONSUMER) return;
    const partitions = this.config.TRANSFERS_TOPIC_PARTITIONS;
    await this.kafka.ensureTopics([
      { topic: TRANSFERS_TOPIC, numPartitions: partitions },
      { topic: TRANSFERS_DLQ_TOPIC, numPartitions: partitions },
      { topic: RISK_ALERTS_TOPIC, numPartitions: partitions },
    ]);
    const session = this.config.TRANSFERS_SESSION_TIMEOUT_MS;
    const consumer = this.kafka.createConsumer(this.config.TRANSFERS_CONSUMER_GROUP, {
      sessionTimeout: session,
      rebalanceTimeout: session,
      heartbeatInterval: Math.min(3000, Math.floor(session / 5)),
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.assigned = [...(e.payload.memberAssignment[TRANSFERS_TOPIC] ?? [])].sort((a, b) => a - b);
      this.needsReset = true;
      this.logger.log({ msg: 'transfers partitions assigned', partitions: this.assigned, memberId: e.payload.memberId });
    });
    consumer.on(consumer.events.CRASH, (e) => this.logger.error({ msg: 'transfers consumer crashed', err: String(e.payload.error), restart: e.payload.restart }));
    await consumer.connect();
    await consumer.subscribe({ topic: TRANSFERS_TOPIC, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: MAX_CONCURRENT_PARTITIONS, eachBatch: (p) => this.onBatch(p) });
    this.consumer = consumer;
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_INTERVAL_MS);
    this.lagTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    const c = this.consumer;
    this.consumer = null;
    if (c === null) return;
    // No more fetches; the rounds in hand finish, and their writes and commits land while this
    // member still holds its partitions. disconnect() then waits for any batch still in hand.
    c.pause([{ topic: TRANSFERS_TOPIC }]);
    if (this.round !== null) this.closeRound(this.round);
    await this.rounds;
    await this.inflight;
    await c.disconnect().catch((err: unknown) => this.logger.warn({ msg: 'consumer disconnect failed', err: String(err) }));
  }

  /**
   * kafkajs hands over one batch per partition per fetch, each to its own worker; the batches of
   * a fetch are gathered into a round and detected together in event-time order, up to what
   * the event-time gate releases (event-time-gate.ts).
   */
  private onBatch(payload: EachBatchPayload): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let round = this.round;
      if (round === null) {
        round = { waiting: [], timer: undefined };
        this.round = round;
        round.timer = setTimeout(() => this.closeRound(round!), ROUND_GATHER_MS);
      }
      round.waiting.push({ payload, resolve, reject });
      if (round.waiting.length >= Math.max(1, this.assigned.length)) this.closeRound(round);
    });
  }

  private closeRound(round: Round): void {
    if (this.round !== round) return;
    this.round = null;
    clearTimeout(round.timer);
    const run = this.rounds.then(() => this.runRound(round.waiting));
    this.rounds = run.catch(() => undefined);
    run.then(
      () => round.waiting.forEach((w) => w.resolve()),
      (err: unknown) => round.waiting.forEach((w) => w.reject(err)),
    );
  }

  /**
   * Fresh windows for the assigned partitions: reload their durable progress and seek each one
   * back to where its replay starts. Batches fetched before the seek turn stale and are skipped.
   */
  private async reset(): Promise<void> {
    const consumer = this.consumer;
    const partitions = [...this.assigned];
    await this.pipeline.resetLog(partitions);
    this.progress = await this.repo.loadProgress(this.config.TRANSFERS_CONSUMER_GROUP, TRANSFERS_TOPIC, partitions);
    this.gate = new Map();
    const retention = this.pipeline.retentionMs;
    const seeks: string[] = [];
    for (const p of partitions) {
      const row = this.progress.get(p);
      if (row === undefined || consumer === null) continue;
      const offset = replayStartOffset(row, retention);
      consumer.seek({ topic: TRANSFERS_TOPIC, partition: p, offset });
      seeks.push(`${p}@${offset}..${row.next}`);
    }
    this.needsReset = false;
    this.logger.log({ msg: 'detection windows reset; replaying the log', partitions, replay: seeks.join(' ') });
  }

  private async runRound(waiting: Waiting[]): Promise<void> {
    if (this.needsReset || this.pipeline.logDirty) {
      // The progress to reload is what the last write left. The batches in hand predate the
      // seek: leave them unresolved for kafkajs to fetch again.
      await this.inflight;
      await this.reset();
      return;
    }
    const live = waiting.filter((w) => w.payload.isRunning() && !w.payload.isStale());
    if (live.length === 0) return;
    const checked = live.map((w) => {
      const b = w.payload.batch;
      const checks = b.messages.map((m) => checkTransferMessage(m.value));
      const last = b.messages.length > 0 ? BigInt(b.messages[b.messages.length - 1]!.offset) : -1n;
      return { w, checks, moreComing: BigInt(b.highWatermark) > last + 1n };
    });
    const counts = releasable(
      checked.map((c) => ({ partition: c.w.payload.batch.partition, times: c.checks.map((k) => (k.ok ? k.event.occurredAtMs : -Infinity)), moreComing: c.moreComing })),
      this.gate,
    );
    const items: LogItem[] = [];
    const bad: Array<{ m: KafkaMessage; partition: number; error: EventError; eventId?: string }> = [];
    const saved: StreamProgress[] = [];
    /** Kafka offset to commit per partition: up to the durable mark or beyond, never backwards. */
    const commits = new Map<number, string>();
    const retention = this.pipeline.retentionMs;
    checked.forEach((c, i) => {
      const b = c.w.payload.batch;
      const partition = b.partition;
      const n = counts[i]!;
      if (n === 0) return;
      const prev = this.progress.get(partition);
      const durable = prev === undefined ? -1n : BigInt(prev.next);
      const liveTimes: Array<{ offset: string; atMs: number }> = [];
      for (let k = 0; k < n; k++) {
        const check = c.checks[k]!;
        const m = b.messages[k]!;
        const replay = BigInt(m.offset) < durable;
        if (check.ok) {
          items.push({ event: check.event, json: check.json, partition, replay, ...(check.text !== undefined ? { text: check.text } : {}) });
          if (!replay) liveTimes.push({ offset: m.offset, atMs: check.event.occurredAtMs });
        } else if (!replay) {
          bad.push({ m, partition, error: check.error, ...(check.eventId !== undefined ? { eventId: check.eventId } : {}) });
        }
      }
      const last = b.messages[n - 1]!.offset;
      if (BigInt(last) >= durable) saved.push(advanceProgress(prev, partition, liveTimes, last, retention));
      // A replay that reaches the durable mark commits it too: a commit lost earlier catches up.
      if (BigInt(last) + 1n >= durable) commits.set(partition, (BigInt(last) + 1n).toString());
    });
    if (bad.length > 0) {
      const producer = await this.kafka.producer();
      await producer.send({
        topic: TRANSFERS_DLQ_TOPIC,
        messages: bad.map(({ m, partition, error, eventId }) => ({ key: m.key, value: m.value, headers: dlqHeaders(m, partition, error, eventId) })),
      });
      const dlq = this.metrics.counter('transfers_dlq_total', 'Messages of `transfers` sent to the DLQ by error code', ['code']);
      for (const b of bad) dlq.inc({ code: b.error.code });
    }
    // One transaction for the round: its alerts and every partition's new progress together. It
    // commits behind the stream: the next round is fetched and detected meanwhile.
    const { durable } = await this.pipeline.processLog(items, saved, this.config.TRANSFERS_CONSUMER_GROUP, TRANSFERS_TOPIC);
    // As the write will leave it; a failed write makes the pipeline dirty, and the reset reloads it.
    for (const row of saved) this.progress.set(row.partition, { ...row, expectedNext: row.next });
    const offsets = checked.flatMap((c, i) => {
      const n = counts[i]!;
      if (n === 0) return [];
      const b = c.w.payload.batch;
      return [{ partition: b.partition, first: b.messages[0]!.offset, last: b.messages[n - 1]!.offset, highWatermark: b.highWatermark }];
    });
    // Kafka offsets move only once the round is durable, in round order, all in one request (a
    // replay short of the durable mark commits nothing).
    const toCommit = offsets.filter((o) => commits.has(o.partition));
    const payload = live[0]!.payload;
    const previous = this.inflight;
    this.inflight = previous
      .then(() =>
        durable.catch((err: unknown) => {
          // The write failed: fetch the round again, so a quiet partition does not wait for new
          // messages before the windows are rebuilt and the round is detected anew.
          this.refetch(offsets);
          throw err;
        }),
      )
      .then(async () => {
        if (toCommit.length > 0) {
          try {
            await payload.commitOffsetsIfNecessary({ topics: [{ topic: TRANSFERS_TOPIC, partitions: toCommit.map((o) => ({ partition: o.partition, offset: commits.get(o.partition)! })) }] });
          } catch (err) {
            // Fetch the round again: below the durable mark it only replays, and the replay that
            // reaches the mark commits it.
            this.refetch(toCommit);
            throw err;
          }
        }
        for (const o of offsets) this.lag.set({ partition: String(o.partition) }, Math.max(0, Number(BigInt(o.highWatermark) - BigInt(o.last) - 1n)));
      })
      .catch((err: unknown) => {
        this.logger.warn({ msg: 'a round of transfers did not commit; the windows will be rebuilt if the write failed', err: err instanceof Error ? err.message : String(err) });
      });
    // kafkajs fetches from the resolved offsets: the next round is fetched while this one commits.
    // Should the write fail, the round is fetched again and the reset it meets seeks every
    // partition back to its durable progress.
    for (const o of offsets) {
      const w = checked.find((c) => c.w.payload.batch.partition === o.partition)!.w;
      w.payload.resolveOffset(o.last);
    }
    // One round in flight at most: wait for the previous round's write and commit.
    await previous;
    await payload.heartbeat();
  }

  /** Seeks partitions back to the first offset of a round, so kafkajs hands it over again. */
  private refetch(parts: ReadonlyArray<{ partition: number; first: string }>): void {
    for (const o of parts) this.consumer?.seek({ topic: TRANSFERS_TOPIC, partition: o.partition, offset: o.first });
  }

  /** Group lag from the broker: end offset minus committed offset for every partition. */
  async refreshLag(): Promise<void> {
    try {
      const admin = await this.kafka.admin();
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(TRANSFERS_TOPIC),
        admin.fetchOffsets({ groupId: this.config.TRANSFERS_CONSUMER_GROUP, topics: [TRANSFERS_TOPIC] }),
      ]);
      const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      for (const e of ends) {
        const end = BigInt(e.high);
        const c = done.get(e.partition) ?? -1n;
        const from = c < 0n ? BigInt(e.low) : c;
        this.lag.set({ partition: String(e.partition) }, Number(end > from ? end - from : 0n));
      }
    } catch (err) {
      this.logger.debug({ msg: 'consumer lag refresh failed', err: String(err) });
    }
  }
}
