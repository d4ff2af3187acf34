import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../config/config.module.js';
import {
  proposeOrders,
  requiresFourEyes,
  type AlertEvent,
  type AlertSeverity,
  type EntrySubject,
  type HolderRef,
  type NegativeListEntryEvent,
  type OrderProposal,
} from '../../domain/restrictions/index.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { EffectiveStateService } from './effective-state.service.js';
import type { AutomationOutcome, NegativeListEntryFacts, NegativeListEvents, ReleaseReason } from './negative-list-events.js';
import type { BasisType, RestrictionOrderEntity } from './restriction-order.entity.js';
import { targetKeyOf } from './restriction-order.mapping.js';
import { RestrictionOrdersService, type Actor, type OrderSpec, type ResolvedTarget } from './restriction-orders.service.js';
import { RestrictionPoliciesService } from './restriction-policies.service.js';
import { RestrictionsRepository } from './restrictions.repository.js';

/** What the transfers/alerts module passes to RestrictionsService.onAlert. */
export interface RestrictionAlert {
  alertId: string;
  /** Detector name as in the policies, e.g. RAPID_PASS_THROUGH. */
  detector: string;
  severity: AlertSeverity;
  /** When the pattern was detected (account age is measured at this instant). */
  occurredAt: Date;
  bankCode: string;
  accountNumber: string;
}

const SEES_ALL_KINDS = new Set(['OPERATOR', 'REGULATOR', 'POLICE']);
const NO_OUTCOME = (): AutomationOutcome => ({ created: [], existing: [], lifted: [] });

function dedupKey(proposal: OrderProposal, target: ResolvedTarget): string {
  return `policy:${createHash('sha256').update(`${proposal.policyId}\u0000${proposal.eventId}\u0000${targetKeyOf(target)}`).digest('hex')}`;
}

/**
 * Policies at work: a list entry or an alert becomes the orders the policies propose, each
 * naming its policy and event. Handling an event twice changes nothing (dedup keys); a new
 * version of an entry supersedes the orders of the earlier version, and orders that a policy
 * no longer proposes are lifted.
 */
@Injectable()
export class RestrictionAutomationService implements NegativeListEvents {
  private readonly logger = new Logger('RestrictionAutomation');
  private operatorId: string | null = null;

  constructor(
    private readonly orders: RestrictionOrdersService,
    private readonly policies: RestrictionPoliciesService,
    private readonly repo: RestrictionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly effective: EffectiveStateService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async operatorInstitution(): Promise<string | null> {
    this.operatorId ??= (await this.institutions.findByCode('OPERATOR'))?.id ?? null;
    return this.operatorId;
  }

  private async targetOf(proposal: OrderProposal, masked: Map<string, string>): Promise<ResolvedTarget> {
    const t = proposal.target;
    if (t.kind === 'ACCOUNT') {
      const reg = await this.accounts.findByAccount(t.bankCode, t.accountNumber);
      const owner = reg?.institutionId ?? (await this.effective.ownerByBankCode(t.bankCode));
      return { targetType: 'ACCOUNT', bankCode: t.bankCode, accountNumber: t.accountNumber, holderKey: null, holderMasked: null, accountInstitutionId: owner };
    }
    const holderKey = t.kind === 'PERSON' ? t.personId : t.uscc;
    return { targetType: t.kind, bankCode: null, accountNumber: null, holderKey, holderMasked: masked.get(holderKey) ?? null, accountInstitutionId: null };
  }

  /**
   * Turns proposals into orders. Earlier open orders of the same policy, basis and target from
   * another event are superseded by the new ones; open policy orders on this basis that no
   * proposal covers any more are lifted.
   */
  private async apply(
    proposals: OrderProposal[],
    basis: { type: BasisType; ref: string },
    eventId: string,
    actor: Actor,
    options: { regulatorEntry: boolean; masked: Map<string, string>; liftUncovered: boolean },
  ): Promise<AutomationOutcome> {
    const now = this.clock.now();
    const open = await this.repo.openOrdersByBasis(basis.type, basis.ref);
    const specs: OrderSpec[] = [];
    const covered = new Set<string>();
    for (const proposal of proposals) {
      const target = await this.targetOf(proposal, options.masked);
      const from = new Date(Math.max(proposal.effectiveFrom.getTime(), now.getTime()));
      if (proposal.expiresAt && proposal.expiresAt.getTime() <= now.getTime()) continue;
      const key = dedupKey(proposal, target);
      const previous = open.find((o) => o.policyId === proposal.policyId && o.policyEventId !== eventId && targetKeyOf(o) === targetKeyOf(target));
      covered.add(`${proposal.policyId}\u0000${targetKeyOf(target)}`);
      specs.push({
        id: randomUUID(),
        ...target,
        level: proposal.level,
        dailyAmountFen: null,
        dailyCount: null,
        basisType: basis.type,
        basisRef: basis.ref,
        basisKind: null,
        basisNote: `policy ${proposal.policyId}, event ${proposal.eventId}`,
        effectiveFrom: from,
        expiresAt: proposal.expiresAt,
        termSource: 'POLICY',
        requiresApproval: requiresFourEyes(proposal.level) && !this.orders.fourEyesExempt(basis.type, { regulatorEntry: options.regulatorEntry, provisional: proposal.provisional }),
        policyId: proposal.policyId,
        policyEventId: proposal.eventId,
        provisional: proposal.provisional,
        supersedesOrderId: previous?.id ?? null,
        bulkJobId: null,
        dedupKey: key,
        details: { policyId: proposal.policyId, eventId: proposal.eventId },
      });
    }
    const result = specs.length > 0 ? await this.orders.persist(specs, actor) : { created: [], existing: [], superseded: [] };
    let lifted: RestrictionOrderEntity[] = [];
    if (options.liftUncovered) {
      const replaced = new Set(result.superseded.map((o) => o.id));
      const stale = open.filter((o) => o.policyId !== null && o.policyEventId !== eventId && !replaced.has(o.id) && !covered.has(`${o.policyId}\u0000${targetKeyOf(o)}`));
      if (stale.length > 0) {
        lifted = await this.orders.liftBySystem(
          stale.map((o) => o.id),
          'The basis changed: the policy no longer applies to it.',
          actor,
          { eventId },
        );
      }
    }
    return { created: result.created, existing: result.existing, lifted };
  }

  async entryInForce(entry: NegativeListEntryFacts): Promise<AutomationOutcome> {
    if (entry.status === 'REVOKED') return { ...NO_OUTCOME(), lifted: await this.entryReleased(entry.entryId, 'REVOKED') };
    if (entry.status === 'EXPIRED') return NO_OUTCOME();
    const now = this.clock.now();
    const masked = new Map<string, string>();
    let subject: EntrySubject;
    let holder: HolderRef | undefined;
    let knownHolderKey: string | null = null;
    const s = entry.subject;
    if (s.kind === 'PERSON' || s.kind === 'ENTITY') {
      subject = s.kind === 'PERSON' ? { kind: 'PERSON', personId: s.holderKey } : { kind: 'ENTITY', uscc: s.holderKey };
      masked.set(s.holderKey, s.masked);
      knownHolderKey = s.holderKey;
    } else if (s.kind === 'ACCOUNT') {
      subject = { kind: 'ACCOUNT', account: { bankCode: s.bankCode, accountNumber: s.accountNumber } };
      const reg = await this.accounts.findByAccount(s.bankCode, s.accountNumber);
      if (reg) {
        holder = reg.holderType === 'PERSON' ? { kind: 'PERSON', personId: reg.holderKey } : { kind: 'ENTITY', uscc: reg.holderKey };
        masked.set(reg.holderKey, reg.holderMasked);
        knownHolderKey = reg.holderKey;
      }
    } else {
      subject = { kind: 'OTHER' };
    }
    const knownAccounts = knownHolderKey ? (await this.repo.accountsOfHolders([knownHolderKey])).map((a) => ({ bankCode: a.bankCode, accountNumber: a.accountNumber })) : [];
    const eventId = `negative-list:${entry.entryId}:v${entry.version}`;
    const event: NegativeListEntryEvent = {
      kind: 'NEGATIVE_LIST_ENTRY',
      id: eventId,
      entryId: entry.entryId,
      occurredAt: now,
      subject,
      measures: entry.measures,
      effectiveFrom: entry.effectiveFrom,
      expiresAt: entry.expiresAt,
      ...(holder ? { holder } : {}),
      knownAccounts,
    };
    const proposals = proposeOrders(this.policies.current().policies, event);
    const contributor = await this.institutions.findById(entry.contributorInstitutionId);
    const actor: Actor = { type: 'SYSTEM', id: 'restriction-policies', name: null, institutionId: entry.contributorInstitutionId };
    const outcome = await this.apply(proposals, { type: 'NEGATIVE_LIST_ENTRY', ref: entry.entryId }, eventId, actor, {
      regulatorEntry: contributor !== null && SEES_ALL_KINDS.has(contributor.kind),
      masked,
      liftUncovered: true,
    });
    this.logger.log({ msg: 'negative-list entry handled', entryId: entry.entryId, version: entry.version, created: outcome.created.length, existing: outcome.existing.length, lifted: outcome.lifted.length });
    return outcome;
  }

  async entryReleased(entryId: string, reason: ReleaseReason, note?: string): Promise<RestrictionOrderEntity[]> {
    const open = await this.repo.openOrdersByBasis('NEGATIVE_LIST_ENTRY', entryId);
    if (open.length === 0) return [];
    const text = reason === 'APPEAL_UPHELD' ? 'The appeal against the negative-list entry was upheld.' : 'The negative-list entry was revoked.';
    const actor: Actor = { type: 'SYSTEM', id: 'negative-list', name: null, institutionId: null };
    return this.orders.liftBySystem(open.map((o) => o.id), note ? `${text} ${note}` : text, actor, { entryId, release: reason });
  }

  async onAlert(alert: RestrictionAlert): Promise<AutomationOutcome> {
    const reg = await this.accounts.findByAccount(alert.bankCode, alert.accountNumber);
    const masked = new Map<string, string>();
    let holder: HolderRef | undefined;
    let knownAccounts: Array<{ bankCode: string; accountNumber: string }> = [];
    if (reg) {
      holder = reg.holderType === 'PERSON' ? { kind: 'PERSON', personId: reg.holderKey } : { kind: 'ENTITY', uscc: reg.holderKey };
      masked.set(reg.holderKey, reg.holderMasked);
      const policies = this.policies.current().policies;
      if (policies.some((p) => p.action.scope === 'EACH_KNOWN_ACCOUNT')) {
        knownAccounts = (await this.repo.accountsOfHolders([reg.holderKey])).map((a) => ({ bankCode: a.bankCode, accountNumber: a.accountNumber }));
      }
    }
    const eventId = `alert:${alert.alertId}`;
    const event: AlertEvent = {
      kind: 'ALERT',
      id: eventId,
      alertId: alert.alertId,
      occurredAt: alert.occurredAt,
      detector: alert.detector,
      severity: alert.severity,
      account: { bankCode: alert.bankCode, accountNumber: alert.accountNumber },
      accountOpenedAt: reg?.openedAt ?? null,
      ...(holder ? { holder } : {}),
      knownAccounts,
    };
    const proposals = proposeOrders(this.policies.current().policies, event);
    if (proposals.length === 0) return NO_OUTCOME();
    const issuer = reg?.institutionId ?? (await this.effective.ownerByBankCode(alert.bankCode)) ?? (await this.operatorInstitution());
    if (!issuer) return NO_OUTCOME();
    const actor: Actor = { type: 'SYSTEM', id: 'restriction-policies', name: null, institutionId: issuer };
    const outcome = await this.apply(proposals, { type: 'ALERT', ref: alert.alertId }, eventId, actor, { regulatorEntry: false, masked, liftUncovered: false });
    this.logger.log({ msg: 'alert handled', alertId: alert.alertId, created: outcome.created.length, existing: outcome.existing.length });
    return outcome;
  }
}
