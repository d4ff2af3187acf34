import { Injectable } from '@nestjs/common';
import type { AutomationOutcome, NegativeListEntryFacts, NegativeListEvents, ReleaseReason } from './negative-list-events.js';
import { RestrictionAutomationService, type RestrictionAlert } from './restriction-automation.service.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import { RestrictionOrdersService } from './restriction-orders.service.js';
import { RestrictionViewService, type RecordedAccount } from './restriction-view.service.js';

/**
 * What other modules call. All of it is safe to call more than once with the same input.
 *
 * - `onAlert(alert: RestrictionAlert): Promise<AutomationOutcome>` — transfers/alerts: an alert
 *   was raised (or raised again); policies may make provisional orders (e.g. a CRITICAL
 *   RAPID_PASS_THROUGH on an account opened at most 10 days earlier: FROZEN for 48 hours).
 * - `entryInForce(entry)` / `entryReleased(entryId, reason)` — the NegativeListEvents interface;
 *   the negative-list change feed reaches them through NegativeListSubscriber.
 * - `personMeasures(holderKey): { noNewAccounts, orderIds }` — screening: is this person or
 *   entity (blind index of the resident ID or USCC) barred from opening accounts? In memory.
 * - `onAccountsRecorded(accounts)` — openings and account loads: new accounts of restricted
 *   holders are restricted at once (the same as publishing `{ accounts }` on `accounts.changes`).
 */
@Injectable()
export class RestrictionsService implements NegativeListEvents {
  constructor(
    private readonly orders: RestrictionOrdersService,
    private readonly automation: RestrictionAutomationService,
    private readonly views: RestrictionViewService,
  ) {}

  onAlert(alert: RestrictionAlert): Promise<AutomationOutcome> {
    return this.automation.onAlert(alert);
  }

  entryInForce(entry: NegativeListEntryFacts): Promise<AutomationOutcome> {
    return this.automation.entryInForce(entry);
  }

  entryReleased(entryId: string, reason: ReleaseReason, note?: string): Promise<RestrictionOrderEntity[]> {
    return this.automation.entryReleased(entryId, reason, note);
  }

  personMeasures(holderKey: string): { noNewAccounts: boolean; orderIds: string[] } {
    return this.orders.personMeasures(holderKey);
  }

  async onAccountsRecorded(accounts: RecordedAccount[]): Promise<number> {
    return (await this.views.accountsRecorded(accounts)).length;
  }
}

export type { AutomationOutcome, NegativeListEntryFacts, RecordedAccount, RestrictionAlert };
