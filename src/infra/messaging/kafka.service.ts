import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import kafkajs from 'kafkajs';
import type { Admin, Consumer, ConsumerConfig, Kafka, Producer } from 'kafkajs';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { HealthService } from '../../modules/health/health.service.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/**
 * The one kafkajs client of the process, present when KAFKA_BROKERS is set. Producers are
 * idempotent (acks=all); consumers are created per group by the modules that own them.
 */
@Injectable()
export class KafkaService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaService');
  readonly enabled: boolean;
  private readonly kafka: Kafka | null;
  private producerPromise: Promise<Producer> | null = null;
  private adminPromise: Promise<Admin> | null = null;
  private readonly consumers: Consumer[] = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly health: HealthService,
  ) {
    this.enabled = config.kafkaBrokers.length > 0;
    this.kafka = this.enabled
      ? new KafkaClient({
          clientId: config.KAFKA_CLIENT_ID,
          brokers: [...config.kafkaBrokers],
          logLevel: logLevel.WARN,
          logCreator: () => (entry) => {
            if (entry.level <= logLevel.WARN) this.logger.warn({ msg: entry.log.message, kafka: entry.namespace });
          },
          retry: { retries: 8, initialRetryTime: 200 },
        })
      : null;
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.health.register('kafka', async () => {
      const admin = await this.admin();
      await admin.describeCluster();
    });
  }

  private client(): Kafka {
    if (!this.kafka) throw new Error('Kafka is not configured (KAFKA_BROKERS is empty)');
    return this.kafka;
  }

  producer(): Promise<Producer> {
    this.producerPromise ??= (async () => {
      const p = this.client().producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: true });
      await p.connect();
      return p;
    })();
    return this.producerPromise;
  }

  admin(): Promise<Admin> {
    this.adminPromise ??= (async () => {
      const a = this.client().admin();
      await a.connect();
      return a;
    })();
    return this.adminPromise;
  }

  /** Creates topics that do not exist yet (idempotent). */
  async ensureTopics(topics: Array<{ topic: string; numPartitions?: number }>): Promise<void> {
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions ?? 6 })), waitForLeaders: true });
    }
  }

  createConsumer(groupId: string, opts: Partial<ConsumerConfig> = {}): Consumer {
    const c = this.client().consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, ...opts });
    this.consumers.push(c);
    return c;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.consumers.splice(0)) await c.disconnect().catch(() => undefined);
    if (this.producerPromise) await (await this.producerPromise).disconnect().catch(() => undefined);
    if (this.adminPromise) await (await this.adminPromise).disconnect().catch(() => undefined);
  }
}
