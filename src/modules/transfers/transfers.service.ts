/**
 * POST /v1/transfers: validates each event on its own, checks that the caller may report it,
 * then either feeds the in-process pipeline (no Kafka) or publishes the valid events to the
 * `transfers` topic, where the stream consumer runs the same pipeline.
 */
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../domain/domain-error.js';
import { parseEventTime } from '../../domain/detection/event-time.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import type { TransferEvent } from '../../domain/detection/transfer-event.js';
import { KafkaService } from '../../infra/messaging/kafka.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountFactsService } from './account-facts.service.js';
import type { AccountActivityDto, AccountActivityResultResponse, StreamStatusResponse, TransferBatchResponse, TransferResultResponse } from './dto/transfers.dto.js';
import { TransfersRepository } from './transfers.repository.js';
import { HTTP_PARTITION, TransferPipelineService, type PipelineItem } from './transfer-pipeline.service.js';
import { checkTransferEvent, type EventCheck } from './transfer-event.validation.js';
import { TRANSFERS_TOPIC, transferMessageKey } from './transfer-topics.js';

@Injectable()
export class TransfersService {
  constructor(
    private readonly pipeline: TransferPipelineService,
    private readonly facts: AccountFactsService,
    private readonly kafka: KafkaService,
    private readonly audit: AuditService,
    private readonly repo: TransfersRepository,
  ) {}

  /**
   * A bank may report an event when one of its accounts is a party: held by it in the registry,
   * or, for accounts not in the registry, under a bank code equal to its institution code. The
   * operator, regulators and police may report any event.
   */
  private mayReport(p: Principal, e: TransferEvent): boolean {
    if (seesAllInstitutions(p)) return true;
    for (const party of [e.debtor, e.creditor]) {
      if (party !== undefined && this.facts.ownerOf(`${party.bankCode}:${party.accountNumber}`) === p.institutionId) return true;
    }
    return false;
  }

  async ingest(p: Principal, events: readonly unknown[]): Promise<TransferBatchResponse> {
    const checks: EventCheck[] = events.map((raw) => checkTransferEvent(raw));
    const results: TransferResultResponse[] = checks.map((c, index) =>
      c.ok
        ? { index, eventId: c.event.eventId, status: 'QUEUED', alerts: [] }
        : { index, eventId: c.eventId ?? null, status: 'REJECTED', error: c.error, alerts: [] },
    );
    const valid: Array<{ index: number; item: PipelineItem }> = [];
    const validEvents = checks.flatMap((c) => (c.ok ? [c.event] : []));
    if (!seesAllInstitutions(p)) await this.facts.prefetch(validEvents);
    checks.forEach((c, index) => {
      if (!c.ok) return;
      if (!this.mayReport(p, c.event)) {
        results[index] = {
          index,
          eventId: c.event.eventId,
          status: 'REJECTED',
          error: { code: 'TRANSFER_NOT_YOURS', message: 'Neither the debtor nor the creditor account is held by your institution.' },
          alerts: [],
        };
        return;
      }
      valid.push({ index, item: { event: c.event, json: c.json, partition: HTTP_PARTITION } });
    });

    if (valid.length > 0) {
      if (this.kafka.enabled) {
        const producer = await this.kafka.producer();
        await producer.send({
          topic: TRANSFERS_TOPIC,
          messages: valid.map(({ item }) => ({ key: transferMessageKey(item.event), value: JSON.stringify(item.json), headers: { 'content-type': 'application/json' } })),
        });
      } else {
        const out = await this.pipeline.process(valid.map((v) => v.item));
        const seesAll = seesAllInstitutions(p);
        out.forEach((r, k) => {
          const res = results[valid[k]!.index]!;
          res.status = r.status;
          res.alerts = r.alerts
            .filter((a) => seesAll || a.institutionIds.includes(p.institutionId))
            .map((a) => ({ id: a.id, detector: a.detector, severity: a.severity }));
        });
      }
    }

    const tally = { accepted: 0, duplicates: 0, late: 0, queued: 0, rejected: 0 };
    for (const r of results) {
      if (r.status === 'ACCEPTED') tally.accepted++;
      else if (r.status === 'DUPLICATE') tally.duplicates++;
      else if (r.status === 'LATE') tally.late++;
      else if (r.status === 'QUEUED') tally.queued++;
      else tally.rejected++;
    }
    await this.audit.record({ action: 'transfers.reported', subjectType: 'transfer-batch', details: { events: events.length, ...tally } });
    return { ...tally, results };
  }

  /**
   * Last known activity of accounts, from the bank's own records: how the platform learns that
   * an account it has never seen move was dormant for months (DORMANT_REACTIVATED).
   */
  async recordActivity(p: Principal, rows: readonly AccountActivityDto[]): Promise<AccountActivityResultResponse> {
    const keyOf = (r: AccountActivityDto): string => `${r.bankCode}:${r.accountNumber}`;
    const keys = rows.map(keyOf);
    const seesAll = seesAllInstitutions(p);
    if (!seesAll) await this.facts.prefetchKeys(keys);
    const refused: string[] = [];
    const latest = new Map<string, { bankCode: string; accountNumber: string; lastActivityAt: Date }>();
    for (const r of rows) {
      const key = keyOf(r);
      if (!seesAll && this.facts.ownerOf(key) !== p.institutionId) {
        if (!refused.includes(key)) refused.push(key);
        continue;
      }
      let at: Date;
      try {
        at = new Date(parseEventTime(r.lastActivityAt));
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError('VALIDATION_FAILED', `${key}: ${err.message}`, { field: 'lastActivityAt' });
        throw err;
      }
      const prev = latest.get(key);
      if (prev === undefined || at > prev.lastActivityAt) latest.set(key, { bankCode: r.bankCode, accountNumber: r.accountNumber, lastActivityAt: at });
    }
    const accepted = [...latest.values()];
    for (let i = 0; i < accepted.length; i += 5000) await this.repo.upsertActivity(accepted.slice(i, i + 5000));
    this.facts.forget([...latest.keys()]);
    await this.audit.record({ action: 'transfers.activity-reported', subjectType: 'account-activity', details: { accounts: accepted.length, refused: refused.length } });
    return { recorded: accepted.length, refused };
  }

  /** What the detection stream has stored and what this instance's engine holds (operator and regulators). */
  async status(p: Principal): Promise<StreamStatusResponse> {
    if (!seesAllInstitutions(p)) throw new DomainError('FORBIDDEN', 'Only the operator and regulators see the stream status.');
    const [stored, streamed] = await Promise.all([this.repo.latestEventTimeAnywhere(), this.repo.latestStreamWatermark()]);
    const latestMs = Math.max(stored?.getTime() ?? -Infinity, streamed ?? -Infinity);
    const latest = Number.isFinite(latestMs) ? new Date(latestMs) : null;
    const s = this.pipeline.status();
    const wm = s?.stats.watermarkMs;
    return {
      latestEventAt: latest ? latest.toISOString() : null,
      kafka: this.kafka.enabled,
      partitions: s?.partitions ?? [],
      watermark: wm !== undefined && Number.isFinite(wm) ? new Date(wm).toISOString() : null,
      windowAccounts: s?.stats.accounts ?? 0,
      windowPersons: s?.stats.persons ?? 0,
      windowEntries: s?.stats.entries ?? 0,
    };
  }
}
