import type { ActivityEvent } from '../../domain/screening/index.js';

/**
 * The openings and applications since an instant ($1), in the form the screening counts read:
 * exactly what ScreeningsRepository.activity counts, every account of the registry and the
 * account-opening screenings (second verifications are not applications). Framework-free: the
 * loading thread reads it too.
 */
export const RECENT_ACTIVITY_SQL = `
SELECT 'A:' || bank_code || ':' || account_number AS key, 'ACCOUNT' AS kind, institution_id, holder_key, phone_key, device_key, address_key,
       floor(extract(epoch FROM opened_at) * 1000)::bigint AS at_ms
  FROM bank_accounts WHERE opened_at >= $1
UNION ALL
SELECT 'S:' || id, 'APPLICATION', institution_id, holder_key, phone_key, device_key, address_key, floor(extract(epoch FROM screened_at) * 1000)::bigint
  FROM screenings WHERE screened_at >= $1 AND purpose = 'ACCOUNT_OPENING'`;

export const RECENT_ACTIVITY_PAGE = 20_000;

/** A row of RECENT_ACTIVITY_SQL. */
export interface RecentActivityRow {
  key: string;
  kind: 'ACCOUNT' | 'APPLICATION';
  institution_id: string;
  holder_key: string;
  phone_key: string | null;
  device_key: string | null;
  address_key: string | null;
  at_ms: string;
}

export function toActivityEvent(r: RecentActivityRow): ActivityEvent {
  return { key: r.key, kind: r.kind, institutionId: r.institution_id, holderKey: r.holder_key, phoneKey: r.phone_key, deviceKey: r.device_key, addressKey: r.address_key, at: Number(r.at_ms) };
}
