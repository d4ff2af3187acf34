import { Readable } from 'node:stream';
import { DomainError } from '../../domain/domain-error.js';
import { parseInThread, type ParsedRow } from '../../common/bulk-import/parsed-rows.js';
import { siblingModule } from '../../common/background/module-worker.js';
import { parseInWorker, type ThreadParse } from '../../common/bulk-import/parse-thread.js';
import { readRecords } from '../../common/bulk-import/record-stream.js';
import { blindIndex } from '../../common/crypto/blind-index.js';
import { ENTRY_FIELDS, parseEntryRecord } from '../../domain/negative-list/entry-record.js';
import { createThreadRowParser, decodeEntryRows, type DraftedEntry, encodeEntryRows, type EntryRowOptions } from './entry-rows.thread.js';

const NOW = new Date('2026-11-21T02:00:00Z');
const KEY = 'a-test-blind-index-key-of-some-length';
const OPTIONS: EntryRowOptions = { blindIndexKey: KEY, now: NOW.getTime() };
const THREAD: ThreadParse<DraftedEntry> = { module: siblingModule(import.meta.url, './entry-rows.thread'), options: OPTIONS, decode: decodeEntryRows };
const READ = { knownColumns: new Set<string>(ENTRY_FIELDS), requiredColumns: ['subjectType', 'category', 'fraudType', 'legalBasis'] };

const person = { subjectType: 'PERSON', idNumber: '11010519491231002x', name: '張偉', category: 'account_seller', fraudType: 'ORDER_BRUSHING', legalBasis: '认定书' };
const RECORDS: Record<string, unknown>[] = [
  { ...person, measures: 'non_counter_suspended; NO_NEW_ACCOUNTS', effectiveFrom: '2026-11-01', externalRef: ' R-1 ' },
  { ...person, idNumber: '', documentNumber: 'e 1234-5678', nationality: 'usa', name: 'John Smith', birthDate: '1980-02-29', expiresAt: '2027-01-01T00:00:00+08:00', legalBasisDocNo: 'No. 7', evidenceRef: 'CASE-1' },
  { ...person, idNumber: '110105194912310021' },
  { ...person, name: undefined, idNumber: undefined, subjectType: 'PHONE', phone: '+86 138-0013-8000', category: 'FRAUD_PHONE' },
  { ...person, name: 'Acme "Trading"\nCo.', idNumber: undefined, subjectType: 'ACCOUNT', bankCode: 'icbc', accountNumber: '6222 0200 0000 0000 000', category: 'CASE_ACCOUNT' },
  { ...person, name: undefined, idNumber: undefined, subjectType: 'DEVICE', device: 'A1B2C3D4E5F6', category: 'OTHER', measures: 'PAYMENT_ACCOUNT_SUSPENDED' },
  { ...person, category: 'SPAMMER' },
];

const ndjson = (lines: string[]): Readable => Readable.from([Buffer.from(lines.join('\n'), 'utf8')]);
const collect = async <T>(chunks: AsyncIterable<ParsedRow<T>[]>): Promise<ParsedRow<T>[]> => {
  const out: ParsedRow<T>[] = [];
  for await (const c of chunks) out.push(...c);
  return out;
};
const inThread = (body: Readable, format: 'NDJSON' | 'CSV'): Promise<ParsedRow<DraftedEntry>[]> => {
  const parser = createThreadRowParser(OPTIONS);
  return collect(parseInThread(readRecords(body, format, READ), (r, row) => parser.parse(r, row)));
};

describe('negative-list rows validated on a worker thread', () => {
  it('validates as NegativeListService.draft does and survives packing into columns unchanged', () => {
    const parser = createThreadRowParser(OPTIONS);
    const accepted = RECORDS.filter((r) => {
      try {
        parseEntryRecord(r, NOW);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toHaveLength(5);
    const values = accepted.map((r) => parser.parse(r, 1));
    values.forEach((v, i) => {
      expect(v.draft).toEqual(parseEntryRecord(accepted[i]!, NOW));
      expect(v.key).toBe(blindIndex(Buffer.from(KEY, 'utf8'), v.draft.subject.identifier.kind, v.draft.subject.identifier.value));
    });
    const round = decodeEntryRows(structuredClone(encodeEntryRows(values)));
    expect(round).toEqual(values);
    expect(round[0]!.draft.subject.identifier.birthDate).toBe('1949-12-31');
    expect(round[1]!.draft.expiresAt).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(round.map((r) => r.draft.measures)).toEqual(values.map((v) => v.draft.measures));
  });

  it('gives the same rows, values and errors in file order, on the worker as on this thread (NDJSON, across chunks)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 1200; i++) lines.push(i % 97 === 5 ? '{"broken' : JSON.stringify({ ...RECORDS[i % RECORDS.length], externalRef: `R-${i}` }));
    lines.splice(300, 0, '', '[1,2]');
    const [worker, local] = await Promise.all([collect(parseInWorker(ndjson(lines), 'NDJSON', READ, THREAD)), inThread(ndjson(lines), 'NDJSON')]);
    expect(worker).toHaveLength(1201);
    expect(worker.filter((r) => r.error).map((r) => r.error!.code)).toContain('NOT_AN_OBJECT');
    expect(worker.filter((r) => r.error).map((r) => r.error!.code)).toContain('INVALID_RESIDENT_ID');
    expect(worker).toEqual(local);
  });

  it('reads CSV on the worker, and a refused header fails the import with its DomainError', async () => {
    const csv = ['subjectType,phone,category,fraudType,legalBasis,externalRef', 'PHONE,13800138000,FRAUD_PHONE,ORDER_BRUSHING,通报,P-1', 'PHONE,12,FRAUD_PHONE,ORDER_BRUSHING,通报,P-2', 'PHONE,"broken'];
    const [worker, local] = await Promise.all([collect(parseInWorker(ndjson(csv), 'CSV', READ, THREAD)), inThread(ndjson(csv), 'CSV')]);
    expect(worker.map((r) => [r.row, r.error?.code ?? 'OK'])).toEqual([[2, 'OK'], [3, 'INVALID_PHONE'], [4, 'MALFORMED_CSV_ROW']]);
    expect(worker).toEqual(local);
    const bad = collect(parseInWorker(ndjson(['subjectType,colour', 'PHONE,red']), 'CSV', READ, THREAD));
    await expect(bad).rejects.toBeInstanceOf(DomainError);
    await expect(bad).rejects.toMatchObject({ code: 'IMPORT_BAD_HEADER' });
  });

  it('reads only as far ahead as the import consumes, and lets the body go when the import stops early', async () => {
    let pulled = 0;
    const line = JSON.stringify(RECORDS[3]);
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 10_000; i++) {
          pulled++;
          yield Buffer.from(`${Array.from({ length: 100 }, () => line).join('\n')}\n`, 'utf8');
        }
      })(),
    );
    const chunks = parseInWorker(body, 'NDJSON', READ, THREAD);
    const first = await chunks.next();
    expect(first.done).toBe(false);
    // Let the worker read until it stops: with nothing consumed past the first chunk it must stop
    // a few chunks ahead (about 3,500 rows, 35 pieces of the body); unchecked, it would read all
    // 10,000 pieces before going quiet.
    let seen = -1;
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      quiet = pulled === seen ? quiet + 1 : 0;
      seen = pulled;
    }
    expect(pulled).toBeGreaterThanOrEqual(5);
    expect(pulled).toBeLessThan(100);
    await chunks.return(undefined);
    expect(body.destroyed).toBe(true);
  });
});
