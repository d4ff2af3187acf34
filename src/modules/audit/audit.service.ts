import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { verifyChain, type ChainRecord, type ChainVerification } from '../../domain/audit/hash-chain.js';
import { requestContext } from '../../common/http/request-context.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { AuditRepository, type AuditQuery } from './audit.repository.js';

export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILED';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  /** Defaults to the principal of the request being served, or SYSTEM outside requests. */
  actor?: { type: 'USER' | 'API_KEY' | 'SYSTEM' | 'ANONYMOUS'; id: string };
  institutionId?: string | null;
}

interface Pending {
  entry: Omit<ChainRecord, 'seq' | 'prevHash' | 'hash'>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Writes the audit log with group commit: callers await their record, and records that arrive
 * while a write is in flight go together in the next statement. Each write takes the chain
 * lock in the database, so several processes on one database extend a single chain.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('AuditService');
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  record(e: AuditEntry): Promise<void> {
    const ctx = requestContext.current();
    const p = ctx?.principal;
    const actor = e.actor ?? (p ? { type: p.kind, id: p.id } : { type: 'SYSTEM' as const, id: 'system' });
    const entry: Pending['entry'] = {
      occurredAt: this.clock.now(),
      actorType: actor.type,
      actorId: actor.id,
      institutionId: e.institutionId !== undefined ? e.institutionId : (p?.institutionId ?? null),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId ?? null,
      requestId: ctx?.requestId ?? null,
      outcome: e.outcome ?? 'SUCCESS',
      details: e.details ?? {},
    };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 500);
        try {
          await this.repo.append(batch.map((p) => p.entry));
          for (const p of batch) p.resolve();
          this.metrics.counter('audit_records_written_total', 'Audit records appended to the hash chain').inc(batch.length);
        } catch (err) {
          this.logger.error({ msg: 'audit write failed', err: String(err) });
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  query(q: AuditQuery): Promise<ChainRecord[]> {
    return this.repo.query(q);
  }

  /** Re-computes the whole chain and reports the first record that does not link. */
  async verify(): Promise<ChainVerification> {
    await this.flush();
    return verifyChain((after) => this.repo.page(after, 5000), 5000);
  }
}
