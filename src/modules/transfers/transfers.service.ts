/**
 * POST /v1/transfers: validates each event on its own, checks that the caller may report it,
 * then either feeds the in-process pipeline (no Kafka) or publishes the valid events to the
 * `transfers` topic, where the stream consumer runs the same pipeline.
 */
import { Injectable } from '@nestjs/common';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import type { TransferEvent } from '../../domain/detection/transfer-event.js';
import { KafkaService } from '../../infra/messaging/kafka.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountFactsService } from './account-facts.service.js';
import type { TransferBatchResponse, TransferResultResponse } from './dto/transfers.dto.js';
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
}
