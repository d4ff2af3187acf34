/**
 * The Kafka entry point of the detection pipeline: a consumer group on `transfers`.
 *
 * At least once, with effects that do not repeat: a batch's offsets are committed only after
 * its events and alerts are in the database (TransferPipelineService) and its bad messages are
 * in `transfers.dlq`; a redelivered message is recognised by its stored event id. A message
 * that is not JSON, or not a valid event, goes to `transfers.dlq` with headers naming the error
 * and never holds up its partition. When the assignment changes (start, rebalance, a member
 * gone) the pipeline rebuilds its windows from the stored events of the partitions now held.
 * On shutdown kafkajs lets the batch in hand finish, so what was processed is committed.
 * Consumer lag (end offset minus committed offset, per partition) is the gauge
 * `transfers_consumer_lag`.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { KafkaService } from '../../infra/messaging/kafka.service.js';
import { RISK_ALERTS_TOPIC } from '../alerts/alerts.service.js';
import { TransferPipelineService, type PipelineItem } from './transfer-pipeline.service.js';
import { checkTransferMessage, type EventError } from './transfer-event.validation.js';
import { TRANSFERS_DLQ_TOPIC, TRANSFERS_TOPIC } from './transfer-topics.js';

/** Messages per pipeline call and offset commit. */
const CHUNK = 1000;
const LAG_INTERVAL_MS = 10_000;

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

  constructor(
    private readonly kafka: KafkaService,
    private readonly pipeline: TransferPipelineService,
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
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.assigned = [...(e.payload.memberAssignment[TRANSFERS_TOPIC] ?? [])].sort((a, b) => a - b);
      this.logger.log({ msg: 'transfers partitions assigned', partitions: this.assigned, memberId: e.payload.memberId });
      this.pipeline.useScope(this.assigned).catch((err: unknown) => this.logger.warn({ msg: 'rebuilding windows failed; retried with the next batch', err: String(err) }));
    });
    consumer.on(consumer.events.CRASH, (e) => this.logger.error({ msg: 'transfers consumer crashed', err: String(e.payload.error), restart: e.payload.restart }));
    await consumer.connect();
    await consumer.subscribe({ topic: TRANSFERS_TOPIC, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.onBatch(p) });
    this.consumer = consumer;
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_INTERVAL_MS);
    this.lagTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    const c = this.consumer;
    this.consumer = null;
    // stop() waits for the batch in hand, whose offsets are committed at its end.
    if (c) await c.disconnect().catch((err: unknown) => this.logger.warn({ msg: 'consumer disconnect failed', err: String(err) }));
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    const scope = this.assigned.includes(partition) ? this.assigned : [...this.assigned, partition].sort((a, b) => a - b);
    const messages = batch.messages;
    for (let from = 0; from < messages.length; from += CHUNK) {
      if (!isRunning() || isStale()) return;
      const chunk = messages.slice(from, from + CHUNK);
      const items: PipelineItem[] = [];
      const bad: Array<{ m: KafkaMessage; error: EventError; eventId?: string }> = [];
      for (const m of chunk) {
        const c = checkTransferMessage(m.value);
        if (c.ok) items.push({ event: c.event, json: c.json, partition });
        else bad.push({ m, error: c.error, ...(c.eventId !== undefined ? { eventId: c.eventId } : {}) });
      }
      if (bad.length > 0) {
        const producer = await this.kafka.producer();
        await producer.send({
          topic: TRANSFERS_DLQ_TOPIC,
          messages: bad.map(({ m, error, eventId }) => ({ key: m.key, value: m.value, headers: dlqHeaders(m, partition, error, eventId) })),
        });
        const dlq = this.metrics.counter('transfers_dlq_total', 'Messages of `transfers` sent to the DLQ by error code', ['code']);
        for (const b of bad) dlq.inc({ code: b.error.code });
      }
      if (items.length > 0) await this.pipeline.process(items, { partitions: scope, heartbeat });
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      const next = (BigInt(last) + 1n).toString();
      await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition, offset: next }] }] });
      this.lag.set({ partition: String(partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))));
      await heartbeat();
    }
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
