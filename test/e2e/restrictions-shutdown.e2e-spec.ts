import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { startTestApp } from '../support/test-app.js';
import { seedInstitution } from '../support/world.js';

/**
 * The restrictions module applies a negative-list import entry by entry after the import has
 * answered. A shutdown in the middle stops it between entries before the database closes, and
 * says how much it left, instead of failing on a closed connection.
 */
describe('restrictions at shutdown during a negative-list import', () => {
  it('stops applying an import between entries before the database closes, and logs what it left', async () => {
    const t = await startTestApp();
    try {
      const bank = await seedInstitution(t, 'SD-A');
      const lines = Array.from({ length: 3000 }, (_, i) =>
        JSON.stringify({
          externalRef: `SD-${i}`,
          subjectType: 'PERSON',
          idNumber: makeResidentId({ divisionCode: '440305', birthDate: new Date(Date.UTC(1980, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), sequence: i % 100 }),
          name: '周杰',
          category: 'ACCOUNT_SELLER',
          fraudType: 'ORDER_BRUSHING',
          legalBasis: 'shutdown test',
          measures: ['NO_NEW_ACCOUNTS'],
        }),
      );
      const res = await t.request('POST', '/v1/negative-list/imports', { apiKey: bank.apiKey, rawBody: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.status).toBeLessThan(300);
      expect(res.body.rowsAccepted).toBe(3000);
    } finally {
      await t.close();
    }
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('handling a negative-list change failed');
    expect(logs).not.toContain('Connection terminated');
    // The import reaches the module as changes of consecutive list sequence ranges: the one in
    // hand stops part way, any after it are not started; each says so.
    const stopped = t.logs.filter((l) => l.includes('applied to restrictions in part')).map((l) => JSON.parse(l) as { applied: number; left: number; fromSeq: string; toSeq: string });
    expect(stopped).toHaveLength(1);
    const { applied, left, fromSeq, toSeq } = stopped[0]!;
    expect(applied + left).toBe(Number(toSeq) - Number(fromSeq) + 1);
    expect(left).toBeGreaterThan(0);
  }, 60_000);
});
