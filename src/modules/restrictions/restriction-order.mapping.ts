import type { RestrictionOrderView } from '../../domain/restrictions/index.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import { accountKeyOf, type ViewOrder } from './restriction-view.js';

export function toOrderView(o: RestrictionOrderEntity): RestrictionOrderView {
  return { id: o.id, level: o.level, status: o.status, effectiveFrom: o.effectiveFrom, expiresAt: o.expiresAt, target: o.targetType };
}

export function toViewOrder(o: RestrictionOrderEntity): ViewOrder {
  return {
    ...toOrderView(o),
    version: o.version,
    accountKey: o.targetType === 'ACCOUNT' && o.bankCode && o.accountNumber ? accountKeyOf(o.bankCode, o.accountNumber) : null,
    holderKey: o.targetType === 'ACCOUNT' ? null : o.holderKey,
    limits: o.level === 'LIMITED_NON_COUNTER' && o.dailyAmountFen !== null && o.dailyCount !== null ? { dailyAmountFen: o.dailyAmountFen, dailyCount: o.dailyCount } : null,
  };
}

/** Where an order points, as one string (for matching targets). */
export function targetKeyOf(o: Pick<RestrictionOrderEntity, 'targetType' | 'bankCode' | 'accountNumber' | 'holderKey'>): string {
  return o.targetType === 'ACCOUNT' ? `ACCOUNT:${o.bankCode}|${o.accountNumber}` : `${o.targetType}:${o.holderKey}`;
}
