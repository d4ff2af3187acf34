import type { RestrictionOrderView } from '../../domain/restrictions/index.js';
import type { RestrictionOrderEntity } from './restriction-order.entity.js';
import type { ViewOrderRow } from './restrictions.repository.js';
import { accountKeyOf, type ViewOrder } from './restriction-view.js';

/** The columns the check needs. */
export type ViewedOrder = Pick<RestrictionOrderEntity, 'id' | 'version' | 'targetType' | 'bankCode' | 'accountNumber' | 'holderKey' | 'level' | 'status' | 'effectiveFrom' | 'expiresAt' | 'dailyAmountFen' | 'dailyCount'>;

export function toOrderView(o: Pick<ViewedOrder, 'id' | 'level' | 'status' | 'effectiveFrom' | 'expiresAt' | 'targetType'>): RestrictionOrderView {
  return { id: o.id, level: o.level, status: o.status, effectiveFrom: o.effectiveFrom, expiresAt: o.expiresAt, target: o.targetType };
}

export function toViewOrder(o: ViewedOrder): ViewOrder {
  return {
    ...toOrderView(o),
    version: o.version,
    accountKey: o.targetType === 'ACCOUNT' && o.bankCode && o.accountNumber ? accountKeyOf(o.bankCode, o.accountNumber) : null,
    holderKey: o.targetType === 'ACCOUNT' ? null : o.holderKey,
    limits: o.level === 'LIMITED_NON_COUNTER' && o.dailyAmountFen !== null && o.dailyCount !== null ? { dailyAmountFen: o.dailyAmountFen, dailyCount: o.dailyCount } : null,
  };
}

export function viewOrderOfRow(r: ViewOrderRow): ViewOrder {
  return toViewOrder({
    id: r.id,
    version: r.version,
    targetType: r.target_type,
    bankCode: r.bank_code,
    accountNumber: r.account_number,
    holderKey: r.holder_key,
    level: r.level,
    status: r.status,
    effectiveFrom: r.effective_from,
    expiresAt: r.expires_at,
    dailyAmountFen: r.daily_amount_fen === null ? null : Number(r.daily_amount_fen),
    dailyCount: r.daily_count,
  });
}

/** Where an order points, as one string (for matching targets). */
export function targetKeyOf(o: Pick<RestrictionOrderEntity, 'targetType' | 'bankCode' | 'accountNumber' | 'holderKey'>): string {
  return o.targetType === 'ACCOUNT' ? `ACCOUNT:${o.bankCode}|${o.accountNumber}` : `${o.targetType}:${o.holderKey}`;
}
