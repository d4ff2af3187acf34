import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each record's hash covers its own fields and the previous
 * record's hash, so changing or removing any record breaks every link after it. Sequence
 * numbers are gapless, so a removed record also shows as a gap.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainRecord {
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string;
  institutionId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  outcome: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so a round trip through jsonb hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The hashed body of a record is the JSON array [seq, ...content, prevHash]. The content, the
 * fields a writer knows before it holds the chain, is fixed first; the chain's writer (the
 * database's audit_append, under the chain lock) puts seq and prevHash around it and hashes.
 */
export function recordContent(r: Omit<ChainRecord, 'seq' | 'prevHash' | 'hash'>): string {
  return canonicalJson([
    r.occurredAt.toISOString(),
    r.actorType,
    r.actorId,
    r.institutionId,
    r.action,
    r.subjectType,
    r.subjectId,
    r.requestId,
    r.outcome,
    r.details ?? {},
  ]).slice(1, -1);
}

/** sha256 of `[seq,content,"prevHash"]`, in hex. */
export function chainHash(seq: number, content: string, prevHash: string): string {
  return createHash('sha256').update(`[${seq},${content},${JSON.stringify(prevHash)}]`).digest('hex');
}

export function recordHash(r: Omit<ChainRecord, 'hash'>): string {
  return chainHash(r.seq, recordContent(r), r.prevHash);
}

export type ChainBreak =
  | { kind: 'ALTERED'; seq: number }
  | { kind: 'BROKEN_LINK'; seq: number }
  | { kind: 'MISSING'; seq: number };

/** Walks records in sequence order; keeps only the running state, so it streams. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;

  /** Returns the first break found at this record, or null if it links correctly. */
  next(r: ChainRecord): ChainBreak | null {
    if (r.seq !== this.expectedSeq) return { kind: 'MISSING', seq: this.expectedSeq };
    if (r.prevHash !== this.prevHash) return { kind: 'BROKEN_LINK', seq: r.seq };
    if (recordHash(r) !== r.hash) return { kind: 'ALTERED', seq: r.seq };
    this.prevHash = r.hash;
    this.expectedSeq = r.seq + 1;
    this.checked++;
    return null;
  }
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
  head: { seq: number; hash: string } | null;
}

/** Verifies a whole chain read page by page in sequence order (`page(afterSeq)`). */
export async function verifyChain(page: (afterSeq: number) => Promise<ChainRecord[]>, pageSize: number): Promise<ChainVerification> {
  const verifier = new ChainVerifier();
  let after = 0;
  let head: ChainVerification['head'] = null;
  for (;;) {
    const rows = await page(after);
    for (const r of rows) {
      const broken = verifier.next(r);
      if (broken) return { ok: false, checked: verifier.checked, firstBreak: broken, head };
      head = { seq: r.seq, hash: r.hash };
    }
    if (rows.length < pageSize) return { ok: true, checked: verifier.checked, firstBreak: null, head };
    after = rows[rows.length - 1]!.seq;
  }
}
