import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { effectiveRestriction } from '../../domain/restrictions/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import type { RestrictionAccountStateEntity } from './restriction-account-state.entity.js';
import type { ChangeCause, RestrictionEffectiveChangeEntity } from './restriction-effective-change.entity.js';
import { EFFECTIVE_CHANGED_WEBHOOK, RESTRICTIONS_TOPIC, type EffectiveChangeMessage } from './restriction-events.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import { toOrderView } from './restriction-order.mapping.js';
import { accountKeyOf } from './restriction-view.js';
import { RestrictionsRepository } from './restrictions.repository.js';

const CHUNK = 500;

export interface AccountKey {
  bankCode: string;
  accountNumber: string;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Records and publishes changes of accounts' effective restrictions. Works from the database,
 * not the in-memory view, inside a transaction that locks the accounts' state rows: whichever
 * instance (or sweep) gets there first records a change once, and the others find nothing to
 * do. A change goes out three ways: a row in restriction_effective_changes (the account's
 * history), a webhook delivery to the institution holding the account (written in the same
 * transaction), and an ACCOUNT_EFFECTIVE_CHANGED message on `restrictions.changes`.
 */
@Injectable()
export class EffectiveStateService {
  private readonly logger = new Logger('RestrictionEffectiveState');
  private readonly published: Counter<string>;
  private readonly institutionByCode = new Map<string, string>();

  constructor(
    private readonly repo: RestrictionsRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly webhooks: WebhooksService,
    private readonly feed: ChangeFeedService,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.published = metrics.counter('restriction_effective_changes_total', 'Changes of accounts\u2019 effective restriction, by cause', ['cause']);
  }

  /** The institution that holds an account not (yet) in the registry: the one whose code is the bank code. */
  async ownerByBankCode(bankCode: string): Promise<string | null> {
    const known = this.institutionByCode.get(bankCode);
    if (known) return known;
    const inst = await this.institutions.findByCode(bankCode);
    const id = inst && inst.kind === 'BANK' ? inst.id : null;
    if (this.institutionByCode.size > 10_000) this.institutionByCode.clear();
    // Only hits are kept: an institution registered later must be found then.
    if (id) this.institutionByCode.set(bankCode, id);
    return id;
  }

  /**
   * Recomputes these accounts' effective restriction now and records any change. Returns the
   * changes recorded (already published).
   */
  async refresh(accounts: AccountKey[], cause: ChangeCause, causeOrderId: string | null): Promise<EffectiveChangeMessage[]> {
    const unique = new Map<string, AccountKey>();
    for (const a of accounts) unique.set(accountKeyOf(a.bankCode, a.accountNumber), { bankCode: a.bankCode, accountNumber: a.accountNumber });
    const all = [...unique.values()];
    const out: EffectiveChangeMessage[] = [];
    for (let i = 0; i < all.length; i += CHUNK) out.push(...(await this.refreshChunk(all.slice(i, i + CHUNK), cause, causeOrderId)));
    if (out.length > 0) {
      this.webhooks.notifyQueued();
      for (const m of out) {
        this.published.inc({ cause: m.cause });
        await this.feed.publish(RESTRICTIONS_TOPIC, { ...m }).catch((err: unknown) =>
          this.logger.warn({ msg: 'publishing an effective change failed', changeId: m.changeId, err: err instanceof Error ? err.message : String(err) }),
        );
      }
    }
    return out;
  }

  private async refreshChunk(chunk: AccountKey[], cause: ChangeCause, causeOrderId: string | null): Promise<EffectiveChangeMessage[]> {
    const sorted = [...chunk].sort((a, b) => (a.bankCode === b.bankCode ? (a.accountNumber < b.accountNumber ? -1 : 1) : a.bankCode < b.bankCode ? -1 : 1));
    const codes = [...new Set(sorted.map((a) => a.bankCode))];
    const owners = new Map<string, string | null>();
    for (const c of codes) owners.set(c, await this.ownerByBankCode(c));

    return this.repo.transaction(async (em) => {
      const now = this.clock.now();
      const states = await this.repo.lockStates(sorted, now, em);
      const registry = new Map((await this.repo.accountsByKeys(sorted, em)).map((r) => [accountKeyOf(r.bankCode, r.accountNumber), r]));
      const holderKeys = [...new Set([...registry.values()].map((r) => r.holderKey))];
      const orders = await this.repo.activeOrdersFor(sorted, holderKeys, em);
      const byAccount = new Map<string, RestrictionOrderEntity[]>();
      const byHolder = new Map<string, RestrictionOrderEntity[]>();
      for (const o of orders) {
        if (o.targetType === 'ACCOUNT') {
          const k = accountKeyOf(o.bankCode!, o.accountNumber!);
          byAccount.set(k, [...(byAccount.get(k) ?? []), o]);
        } else if (o.holderKey) {
          byHolder.set(o.holderKey, [...(byHolder.get(o.holderKey) ?? []), o]);
        }
      }
      const changes: EffectiveChangeMessage[] = [];
      const rows: RestrictionEffectiveChangeEntity[] = [];
      const saved: RestrictionAccountStateEntity[] = [];
      const hooks: Array<{ institutionId: string; event: { id: string; type: string; payload: Record<string, unknown> } }> = [];
      for (const s of states) {
        const key = accountKeyOf(s.bankCode, s.accountNumber);
        const reg = registry.get(key);
        const reaching = [...(byAccount.get(key) ?? []), ...(reg ? (byHolder.get(reg.holderKey) ?? []) : [])];
        const eff = effectiveRestriction(reaching.map(toOrderView), now);
        const nextChangeAt = eff.nextChangeAt;
        const changed = s.level !== eff.level || !sameIds(s.orderIds, eff.orderIds);
        if (!changed) {
          if ((s.nextChangeAt?.getTime() ?? null) !== (nextChangeAt?.getTime() ?? null)) saved.push({ ...s, nextChangeAt, updatedAt: now });
          continue;
        }
        // A change the clock caused took effect when it was due, not when it was noticed.
        const clockCaused = cause === 'ORDER_EXPIRED' || cause === 'ORDER_STARTED';
        const effectiveAt = clockCaused && s.nextChangeAt && s.nextChangeAt.getTime() <= now.getTime() ? s.nextChangeAt : now;
        const institutionId = reg?.institutionId ?? owners.get(s.bankCode) ?? null;
        const seq = s.version + 1;
        const changeId = randomUUID();
        rows.push({ id: changeId, bankCode: s.bankCode, accountNumber: s.accountNumber, institutionId, seq, previousLevel: s.level, level: eff.level, orderIds: eff.orderIds, cause, causeOrderId, effectiveAt, recordedAt: now });
        saved.push({ ...s, level: eff.level, orderIds: eff.orderIds, nextChangeAt, version: seq, updatedAt: now });
        const message: EffectiveChangeMessage = {
          type: 'ACCOUNT_EFFECTIVE_CHANGED',
          changeId,
          bankCode: s.bankCode,
          accountNumber: s.accountNumber,
          institutionId,
          sequence: seq,
          previousLevel: s.level,
          level: eff.level,
          orderIds: eff.orderIds,
          cause,
          causeOrderId,
          effectiveAt: effectiveAt.toISOString(),
        };
        if (institutionId) hooks.push({ institutionId, event: { id: changeId, type: EFFECTIVE_CHANGED_WEBHOOK, payload: { ...message } } });
        changes.push(message);
      }
      await this.repo.insertChanges(rows, em);
      await this.repo.saveStates(saved, em);
      await this.webhooks.publishMany(hooks, em);
      return changes;
    });
  }
}
