/**
 * The account facts detection asks for synchronously (opening date, last activity before the
 * engine saw the account, holder and phone keys for the negative-list check, the holding
 * institution), loaded for a whole batch before the engine runs and cached. Also the ownership
 * rule of alerts: an account belongs to the institution the registry (bank_accounts) names;
 * an account not in the registry belongs to the BANK institution whose code is the account's
 * bank code (the convention the restrictions module uses too), else to nobody known.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../config/config.module.js';
import type { TransferEvent } from '../../domain/detection/transfer-event.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { TransfersRepository, type AccountFactsRow } from './transfers.repository.js';

export interface AccountFacts {
  readonly institutionId: string | null;
  readonly openedAtMs: number | undefined;
  readonly holderType: 'PERSON' | 'ENTITY' | null;
  readonly holderKey: string | null;
  readonly phoneKey: string | null;
  lastActivityMs: number | undefined;
  readonly loadedAtMs: number;
}

/** Registry rows change rarely; an account unknown to the registry is asked for again sooner. */
const KNOWN_TTL_MS = 10 * 60_000;
const UNKNOWN_TTL_MS = 60_000;
const INSTITUTIONS_TTL_MS = 60_000;
const MAX_CACHED = 200_000;
const CHUNK = 5_000;

@Injectable()
export class AccountFactsService {
  private readonly cache = new Map<string, AccountFacts>();
  private byBankCode = new Map<string, string>();
  private institutionsLoadedAt = -Infinity;
  private evicted = new Map<string, number>();

  constructor(
    private readonly repo: TransfersRepository,
    private readonly institutions: InstitutionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private fresh(f: AccountFacts, now: number): boolean {
    return now - f.loadedAtMs < (f.institutionId === null ? UNKNOWN_TTL_MS : KNOWN_TTL_MS);
  }

  /** Loads the facts of every account the events name that is not cached (or is stale). */
  prefetch(events: readonly TransferEvent[]): Promise<void> {
    const keys: string[] = [];
    for (const e of events) {
      if (e.debtor !== undefined) keys.push(`${e.debtor.bankCode}:${e.debtor.accountNumber}`);
      if (e.creditor !== undefined) keys.push(`${e.creditor.bankCode}:${e.creditor.accountNumber}`);
    }
    return this.prefetchKeys(keys);
  }

  /** The same for account keys `${bankCode}:${accountNumber}`. */
  async prefetchKeys(keys: readonly string[]): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.institutionsLoadedAt >= INSTITUTIONS_TTL_MS) {
      const next = new Map<string, string>();
      for (const i of await this.institutions.list()) if (i.kind === 'BANK') next.set(i.code, i.id);
      this.byBankCode = next;
      this.institutionsLoadedAt = now;
    }
    const wanted = new Set<string>();
    for (const key of keys) {
      if (wanted.has(key)) continue;
      const f = this.cache.get(key);
      if (key.indexOf(':') > 0 && (f === undefined || !this.fresh(f, now))) wanted.add(key);
    }
    if (wanted.size === 0) return;
    if (this.cache.size + wanted.size > MAX_CACHED) this.trim(wanted.size);
    const all = [...wanted];
    for (let i = 0; i < all.length; i += CHUNK) {
      const part = all.slice(i, i + CHUNK);
      const rows = new Map<string, AccountFactsRow>();
      for (const r of await this.repo.accountFacts(part)) rows.set(`${r.bankCode}:${r.accountNumber}`, r);
      for (const key of part) {
        const r = rows.get(key);
        const cached = this.cache.get(key);
        const last = r?.lastActivityAt?.getTime();
        // Re-inserted, so the oldest-first trim sees it as new.
        if (cached !== undefined) this.cache.delete(key);
        this.cache.set(key, {
          institutionId: r?.institutionId ?? null,
          openedAtMs: r?.openedAt?.getTime(),
          holderType: r?.holderType ?? null,
          holderKey: r?.holderKey ?? null,
          phoneKey: r?.phoneKey ?? null,
          lastActivityMs: cached?.lastActivityMs !== undefined && (last === undefined || cached.lastActivityMs > last) ? cached.lastActivityMs : last,
          loadedAtMs: now,
        });
      }
    }
  }

  /** Drops the oldest entries (insertion order) to make room. */
  private trim(room: number): void {
    let drop = this.cache.size + room - MAX_CACHED + Math.floor(MAX_CACHED / 10);
    for (const key of this.cache.keys()) {
      if (drop-- <= 0) break;
      this.cache.delete(key);
    }
  }

  /** Forgets cached facts, so the next batch reads them again. */
  forget(keys: readonly string[]): void {
    for (const k of keys) this.cache.delete(k);
  }

  get(key: string): AccountFacts | undefined {
    return this.cache.get(key);
  }

  openedAt(key: string): number | undefined {
    return this.cache.get(key)?.openedAtMs;
  }

  lastActivityBefore(key: string): number | undefined {
    return this.cache.get(key)?.lastActivityMs;
  }

  /** The institution holding an account, by the rule at the top of the file; null when unknown. */
  ownerOf(key: string): string | null {
    const f = this.cache.get(key);
    if (f?.institutionId) return f.institutionId;
    const i = key.indexOf(':');
    return this.byBankCode.get(i < 0 ? key : key.slice(0, i)) ?? null;
  }

  /** The engine evicted an idle account window: remember its last activity until the next flush. */
  noteEvicted(key: string, lastActivityMs: number): void {
    const prev = this.evicted.get(key);
    if (prev === undefined || lastActivityMs > prev) this.evicted.set(key, lastActivityMs);
    const f = this.cache.get(key);
    if (f !== undefined && (f.lastActivityMs === undefined || lastActivityMs > f.lastActivityMs)) f.lastActivityMs = lastActivityMs;
  }

  /** Writes the last activity of evicted windows. */
  async flushEvicted(): Promise<void> {
    if (this.evicted.size === 0) return;
    const rows = [...this.evicted].map(([key, ms]) => {
      const i = key.indexOf(':');
      return { bankCode: key.slice(0, i), accountNumber: key.slice(i + 1), lastActivityAt: new Date(ms) };
    });
    this.evicted = new Map();
    for (let i = 0; i < rows.length; i += CHUNK) await this.repo.upsertActivity(rows.slice(i, i + CHUNK));
  }
}
