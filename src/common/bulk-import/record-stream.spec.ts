import { Readable } from 'node:stream';
import { DomainError } from '../../domain/domain-error.js';
import { readCsv, readNdjson, type SourceRow } from './record-stream.js';

async function all(it: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of it) out.push(r);
  return out;
}

/** Splits text into awkward chunks, including inside multi-byte characters. */
function chunked(text: string, size = 3): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

describe('readNdjson', () => {
  it('numbers rows by line across chunk boundaries and reports bad lines', async () => {
    const rows = await all(readNdjson(chunked('{"name":"张伟"}\n\nnot json\n[1]\r\n{"name":"李娜"}')));
    expect(rows).toEqual([
      { row: 1, record: { name: '张伟' } },
      { row: 3, error: { code: 'MALFORMED_JSON_LINE', message: expect.any(String) } },
      { row: 4, error: { code: 'NOT_AN_OBJECT', message: expect.any(String) } },
      { row: 5, record: { name: '李娜' } },
    ]);
  });

  it('skips an over-long line and carries on', async () => {
    const rows = await all(readNdjson(chunked(`{"a":"${'x'.repeat(100)}"}\n{"b":1}\n`, 7), { maxLineLength: 50 }));
    expect(rows.map((r) => r.error?.code ?? 'ok')).toEqual(['LINE_TOO_LONG', 'ok']);
    expect(rows[1]).toEqual({ row: 2, record: { b: 1 } });
  });
});

describe('readCsv', () => {
  it('reads records by header, reports unreadable rows with their line and goes on', async () => {
    const rows = await all(readCsv(chunked('\uFEFFname,phone\n张伟,13800138000\n"Smith, John",\nbroken,1,2\n李娜,13900139000\n', 4)));
    expect(rows).toEqual([
      { row: 2, record: { name: '张伟', phone: '13800138000' } },
      { row: 3, record: { name: 'Smith, John', phone: '' } },
      { row: 4, error: { code: 'MALFORMED_CSV_ROW', message: expect.any(String) } },
      { row: 5, record: { name: '李娜', phone: '13900139000' } },
    ]);
  });

  it('fails at the header when it names unknown or lacks required columns', async () => {
    await expect(all(readCsv(Readable.from(['name,colour\nx,y\n']), { knownColumns: new Set(['name']) }))).rejects.toThrow(DomainError);
    await expect(all(readCsv(Readable.from(['name\nx\n']), { requiredColumns: ['phone'] }))).rejects.toMatchObject({ code: 'IMPORT_BAD_HEADER' });
  });
});
