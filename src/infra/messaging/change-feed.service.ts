import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { KafkaService } from './kafka.service.js';

export type ChangeHandler = (payload: Record<string, unknown>, meta: { origin: 'local' | 'remote' }) => void | Promise<void>;

interface Envelope {
  origin: string;
  topic: string;
  payload: Record<string, unknown>;
}

const PG_CHANNEL = 'risk_change_feed';

/**
 * Tells every process that something changed (an entry, an order), so in-memory views stay
 * current. Delivery in this process is immediate; other processes hear it through PostgreSQL
 * LISTEN/NOTIFY, or through the Kafka topic of the same name when Kafka is configured. On the
 * embedded database there is only this process. Payloads carry ids; receivers reload.
 */
@Injectable()
export class ChangeFeedService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ChangeFeed');
  readonly instanceId = randomUUID();
  /** How an envelope published here begins (`publish` writes the origin first). */
  private readonly ownPrefix = JSON.stringify({ origin: this.instanceId }).slice(0, -1);
  private readonly handlers = new Map<string, ChangeHandler[]>();
  private listener: pg.Client | null = null;
  private notifier: pg.Pool | null = null;
  private readonly kafkaTopics = new Set<string>();
  private kafkaStarted = false;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly kafka: KafkaService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.kafka.enabled || !this.config.DATABASE_URL) return;
    this.notifier = new pg.Pool({ connectionString: this.config.DATABASE_URL, max: 2 });
    // An idle connection dropped by the server must not crash the process.
    this.notifier.on('error', (err) => this.logger.warn({ msg: 'change-feed notifier connection lost', err: err.message }));
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closing || !this.config.DATABASE_URL) return;
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (msg) => {
      if (msg.channel !== PG_CHANNEL || !msg.payload) return;
      this.receive(msg.payload);
    });
    client.on('error', (err) => {
      this.logger.warn({ msg: 'change-feed listener lost; reconnecting', err: err.message });
      this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${PG_CHANNEL}`);
    this.listener = client;
  }

  /** Whether a change published here reaches other processes (PostgreSQL NOTIFY or Kafka). */
  get reachesOtherInstances(): boolean {
    return this.kafka.enabled || this.notifier !== null;
  }

  private receive(raw: string): void {
    // This process hears its own notifications too: known by the envelope's first field, unparsed.
    if (raw.startsWith(this.ownPrefix)) return;
    let env: Envelope;
    try {
      env = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (env.origin === this.instanceId) return;
    void this.dispatch(env.topic, env.payload, 'remote');
  }

  private async dispatch(topic: string, payload: Record<string, unknown>, origin: 'local' | 'remote'): Promise<void> {
    for (const h of this.handlers.get(topic) ?? []) {
      try {
        await h(payload, { origin });
      } catch (err) {
        this.logger.error({ msg: 'change handler failed', topic, err: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  subscribe(topic: string, handler: ChangeHandler): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler);
    this.handlers.set(topic, list);
    if (this.kafka.enabled) {
      this.kafkaTopics.add(topic);
      if (this.kafkaStarted) this.logger.warn({ msg: 'subscribed after the Kafka change consumer started; restart needed for remote delivery', topic });
    }
  }

  /** Starts the Kafka consumer for subscribed topics; called once all modules have subscribed. */
  async startRemoteDelivery(): Promise<void> {
    if (!this.kafka.enabled || this.kafkaStarted || this.kafkaTopics.size === 0) return;
    this.kafkaStarted = true;
    await this.kafka.ensureTopics([...this.kafkaTopics].map((topic) => ({ topic, numPartitions: 1 })));
    // A group per instance: every instance must see every change.
    const consumer = this.kafka.createConsumer(`change-feed-${this.instanceId}`);
    await consumer.connect();
    for (const topic of this.kafkaTopics) await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!message.value) return;
        const env = JSON.parse(message.value.toString()) as Envelope;
        if (env.origin === this.instanceId) return;
        await this.dispatch(topic, env.payload, 'remote');
      },
    });
  }

  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    await this.dispatch(topic, payload, 'local');
    const env: Envelope = { origin: this.instanceId, topic, payload };
    const text = JSON.stringify(env);
    if (this.kafka.enabled) {
      const producer = await this.kafka.producer();
      await producer.send({ topic, acks: -1, messages: [{ value: text }] });
    } else if (this.notifier) {
      await this.notifier.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, text]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.listener?.end().catch(() => undefined);
    await this.notifier?.end().catch(() => undefined);
  }
}
