import { aTransfer, anAccount, resetTransferIds, T0 } from '../support/builders/transfer.builder.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';
import { OPERATOR_KEY, startTestApp } from '../support/test-app.js';

const MIN = 60_000;
const BANK = '102100099996';

describe('transfers over HTTP across a restart', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase('tr');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('rebuilds the windows from stored events, so a pattern begun before the restart completes after it, once', async () => {
    resetTransferIds(1, 'restart');
    const collector = anAccount(1, BANK);
    const send = (i: number) => aTransfer().from(anAccount(100 + i, '103100000026')).to(collector).amount('700.00').at(T0 + i * 3 * MIN).build();
    const events = Array.from({ length: 11 }, (_, i) => send(i));

    const first = await startTestApp({ databaseUrl: db.url });
    const before = await first.request('POST', '/v1/transfers', { apiKey: OPERATOR_KEY, body: { events: events.slice(0, 6) } });
    expect(before.body.accepted).toBe(6);
    await first.close();

    const second = await startTestApp({ databaseUrl: db.url });
    try {
      // A repeat of an event stored before the restart is known, whatever the windows hold.
      const repeat = await second.request('POST', '/v1/transfers', { apiKey: OPERATOR_KEY, body: { events: [events[0]] } });
      expect(repeat.body.results[0].status).toBe('DUPLICATE');
      const after = await second.request('POST', '/v1/transfers', { apiKey: OPERATOR_KEY, body: { events: events.slice(6, 10) } });
      expect(after.body.accepted).toBe(4);
      expect(after.body.results[3].alerts).toEqual([expect.objectContaining({ detector: 'FAN_IN' })]);
      const list = await second.request('GET', `/v1/alerts?account=${BANK}:${collector.accountNumber}`, { token: await second.adminToken() });
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ fireCount: 1, evidence: { aggregates: { distinctSenders: 10 } } });
      expect(list.body.items[0].evidence.eventIds).toEqual(events.slice(0, 10).map((e) => e.eventId));
    } finally {
      await second.close();
    }
  }, 60_000);
});
