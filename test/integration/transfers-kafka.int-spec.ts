/**
 * The Kafka path of transfer detection against the Kafka-protocol test broker: DLQ routing,
 * alerts on risk.alerts, a consumer group splitting partitions with one member stopped
 * mid-stream, redelivery after failed offset commits, recovery of windows after a restart, and a
 * round whose write failed detected again.
 * Apps share one scratch database, as instances of one deployment do.
 */
import kafkajs from 'kafkajs';
import pg from 'pg';
import type { TransferEventJson } from '../../src/domain/detection/transfer-event.js';
import { aTransfer, anAccount, resetTransferIds, T0 } from '../support/builders/transfer.builder.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';
import { ErrorCode, startTestBroker, waitFor, type TestBroker } from '../support/kafka-broker/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaleStreamProgressError, TransfersRepository } from '../../src/modules/transfers/transfers.repository.js';

const { Kafka, logLevel } = kafkajs;
const GROUP = 'risk-transfers';
const PARTITIONS = 4;
const MIN = 60_000;
const BANK = '102100099996';

describe('transfer detection over Kafka', () => {
  let broker: TestBroker;
  let db: ScratchDatabase;
  let sql: pg.Client;
  let producer: kafkajs.Producer;
  const apps: TestApp[] = [];

  const start = async (): Promise<TestApp> => {
    const app = await startTestApp({
      databaseUrl: db.url,
      env: { KAFKA_BROKERS: broker.brokers.join(','), TRANSFERS_SESSION_TIMEOUT_MS: '6000', TRANSFERS_TOPIC_PARTITIONS: String(PARTITIONS) },
    });
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp): Promise<void> => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  const produce = async (events: Array<{ event: TransferEventJson; partition: number }>): Promise<void> => {
    await producer.send({
      topic: 'transfers',
      messages: events.map(({ event, partition }) => ({ partition, key: `${event.debtor?.bankCode}:${event.debtor?.accountNumber}`, value: JSON.stringify(event) })),
    });
  };
  const drained = (): boolean => {
    const ends = broker.endOffsets('transfers');
    return ends.every((end, p) => (broker.committedOffset(GROUP, 'transfers', p) ?? 0) === end);
  };
  /** Stored events whose id starts with the prefix (old events are deleted as the watermark moves on). */
  const stored = async (prefix: string): Promise<number> => Number((await sql.query('SELECT count(*) AS n FROM transfer_events WHERE event_id LIKE $1', [`${prefix}-%`])).rows[0].n);
  const alerts = async (): Promise<Array<{ detector: string; dedup_key: string; fire_count: number; aggregates: Record<string, number | string> }>> =>
    (await sql.query('SELECT detector, dedup_key, fire_count, aggregates FROM alerts ORDER BY seq')).rows;

  /** Events the app replayed below a partition's durable offset (redelivered, or rebuilding windows). */
  const replayed = async (app: TestApp): Promise<number> => {
    const text = (await app.request('GET', '/metrics')).body as string;
    return Number(/^transfer_events_total\{status="REPLAYED"\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    broker = await startTestBroker({ topics: [{ name: 'transfers', partitions: PARTITIONS }] });
    db = await createScratchDatabase('tk');
    producer = new Kafka({ clientId: 'test-bank', brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await start();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    for (const app of [...apps]) await stop(app);
    await producer?.disconnect();
    await sql?.end();
    await db?.drop();
    await broker?.stop();
  }, 60_000);

  it('routes bad messages to transfers.dlq with the error in headers while good ones flow, and publishes alerts on risk.alerts', async () => {
    resetTransferIds(1, 'dlq');
    const cash = anAccount(1, BANK);
    const w = (k: number) => ({ event: aTransfer().from(cash).withdrawal().amount('46000.00').at(T0 + k * 30 * MIN).build(), partition: 0 });
    await produce([w(0)]);
    await producer.send({
      topic: 'transfers',
      messages: [
        { partition: 0, key: 'x', value: 'not json {' },
        { partition: 0, key: 'y', value: JSON.stringify({ ...w(9).event, eventId: 'bad-amount', amount: 46000 }) },
        { partition: 0, key: 'z', value: JSON.stringify({ ...w(9).event, eventId: 'bad-side', creditor: anAccount(2, BANK) }) },
      ],
    });
    await produce([w(1), w(2)]);
    await waitFor(async () => drained() && (await stored('dlq')) === 3, { timeoutMs: 20_000 });

    // DLQ messages keep their key, so they may land on different partitions of the DLQ.
    const dlq = broker.producedMessages('transfers.dlq');
    expect(dlq).toHaveLength(3);
    const header = (m: (typeof dlq)[number], name: string) => m.headers.find((h) => h.key === name)?.value?.toString();
    const byKey = (key: string) => dlq.find((m) => m.key?.toString() === key)!;
    expect(header(byKey('x'), 'dlq-error-code')).toBe('INVALID_JSON');
    expect(byKey('x').value?.toString()).toBe('not json {');
    expect(header(byKey('y'), 'dlq-error-code')).toBe('VALIDATION_FAILED');
    expect(header(byKey('y'), 'dlq-error-field')).toBe('amount');
    expect(header(byKey('y'), 'dlq-event-id')).toBe('bad-amount');
    expect(header(byKey('z'), 'dlq-error-code')).toBe('INVALID_TRANSFER_EVENT');
    expect(header(byKey('z'), 'dlq-error-field')).toBe('creditor');
    expect(header(byKey('z'), 'dlq-source-partition')).toBe('0');
    expect(header(byKey('z'), 'dlq-source-offset')).toBe('3');

    const [alert] = await alerts();
    expect(alert).toMatchObject({ detector: 'STRUCTURING', fire_count: 1 });
    await waitFor(() => broker.producedMessages('risk.alerts').length === 1, { timeoutMs: 10_000 });
    const published = broker.producedMessages('risk.alerts')[0]!;
    expect(published.key?.toString()).toBe(`${BANK}:${cash.accountNumber}`);
    expect(published.headers.find((h) => h.key === 'alert-version')?.value?.toString()).toBe('1');
    expect(JSON.parse(published.value!.toString())).toMatchObject({ detector: 'STRUCTURING', severity: 'HIGH', dedupKey: alert!.dedup_key, version: 1 });
  }, 60_000);

  it('splits partitions over a group; a member stopped mid-stream loses no window and doubles no alert', async () => {
    resetTransferIds(1, 'group');
    const second = await start();
    await waitFor(() => broker.describeGroup(GROUP)?.members.length === 2 && broker.describeGroup(GROUP)?.state === 'Stable', { timeoutMs: 30_000 });
    // One debtor per partition, each paying ten receivers; the tenth makes FAN_OUT fire.
    const debtor = (p: number) => anAccount(100 + p, BANK);
    const pay = (p: number, k: number) => ({ event: aTransfer().from(debtor(p)).to(anAccount(1000 + p * 100 + k, '103100000026')).amount('800.00').at(T0 + DAY + k * 5 * MIN + p * 1000).build(), partition: p });
    const phase1 = [];
    for (let k = 0; k < 6; k++) for (let p = 0; p < PARTITIONS; p++) phase1.push(pay(p, k));
    await produce(phase1);
    await waitFor(async () => drained() && (await stored('group')) === phase1.length, { timeoutMs: 20_000 });
    expect((await alerts()).filter((a) => a.detector === 'FAN_OUT')).toHaveLength(0);

    // Graceful stop: the member leaves, the survivor takes all partitions and rebuilds their windows.
    await stop(second);
    const phase2 = [];
    for (let k = 6; k < 10; k++) for (let p = 0; p < PARTITIONS; p++) phase2.push(pay(p, k));
    await produce(phase2);
    await waitFor(async () => drained() && (await stored('group')) === phase1.length + phase2.length, { timeoutMs: 30_000 });
    const fanOut = (await alerts()).filter((a) => a.detector === 'FAN_OUT');
    expect(fanOut).toHaveLength(PARTITIONS);
    for (const a of fanOut) expect(a).toMatchObject({ fire_count: 1, aggregates: expect.objectContaining({ distinctReceivers: 10 }) });
    expect(new Set(fanOut.map((a) => a.dedup_key)).size).toBe(PARTITIONS);
  }, 90_000);

  it('redelivers after failed offset commits without doubling anything, and rebuilds windows after a restart', async () => {
    resetTransferIds(1, 'restart');
    const cash = anAccount(2, BANK);
    const w = (k: number) => ({ event: aTransfer().from(cash).withdrawal().amount('47000.00').at(T0 + 2 * DAY + k * 30 * MIN).build(), partition: 1 });
    const alertsBefore = await alerts();
    const [first] = apps;
    const replayedBefore = await replayed(first!);
    broker.injectError('OffsetCommit', ErrorCode.REQUEST_TIMED_OUT, 3);
    await produce([w(0), w(1)]);
    await waitFor(async () => drained() && (await stored('restart')) === 2, { timeoutMs: 30_000 });
    expect(await alerts()).toEqual(alertsBefore);
    // The failed commits made kafkajs fetch the batch again; below the durable offset it only replayed.
    expect(await replayed(first!)).toBeGreaterThan(replayedBefore);

    await stop(first!);
    // Graceful shutdown committed everything processed.
    expect(drained()).toBe(true);
    await produce([w(2)]);
    const restarted = await start();
    await waitFor(async () => drained() && (await stored('restart')) === 3, { timeoutMs: 30_000 });
    const after = await alerts();
    expect(after).toHaveLength(alertsBefore.length + 1);
    expect(after[after.length - 1]).toMatchObject({ detector: 'STRUCTURING', fire_count: 1, aggregates: expect.objectContaining({ amountsInBand: 3 }) });
    expect(after.slice(0, alertsBefore.length)).toEqual(alertsBefore);

    const metrics = await restarted.request('GET', '/metrics');
    expect(metrics.body).toMatch(/transfers_consumer_lag\{partition="1"\} 0/);
  }, 90_000);

  it('works through a backlog spread unevenly over partitions in event-time order, refusing nothing as late', async () => {
    resetTransferIds(1, 'backlog');
    for (const app of [...apps]) await stop(app);
    // Twelve hours of transfers, three quarters of them on partition 0: a fetch hands over very
    // different spans of event time per partition, which must not push the watermark ahead.
    const events = [];
    for (let i = 0; i < 4000; i++) {
      const partition = i % 4 === 3 ? 1 + (i % 3) : 0;
      events.push({ event: aTransfer().from(anAccount(5000 + (i % 400), BANK)).to(anAccount(9000 + (i % 700), BANK)).amount('120.00').at(T0 + 3 * DAY + i * 10_800).build(), partition });
    }
    for (let i = 0; i < events.length; i += 500) await produce(events.slice(i, i + 500));
    const app = await start();
    await waitFor(async () => drained() && (await stored('backlog')) === events.length, { timeoutMs: 60_000 });
    const text = (await app.request('GET', '/metrics')).body as string;
    expect(text).not.toMatch(/^transfer_events_total\{status="LATE"\}/m);
    expect(text).toMatch(new RegExp(`^transfer_events_total\\{status="ACCEPTED"\\} ${events.length}$`, 'm'));
  }, 90_000);

  it('fences a consumer that lost its partition: its round cannot move the durable progress', async () => {
    const [app] = apps;
    const repo = app!.app.get(TransfersRepository);
    const [current] = [...(await repo.loadProgress(GROUP, 'transfers', [0])).values()];
    expect(current).toBeDefined();
    // A zombie still believes the partition was at an older offset.
    const stale = { ...current!, expectedNext: String(Number(current!.next) - 1), next: String(Number(current!.next) + 5) };
    await expect(app!.database.dataSource.transaction((em) => repo.saveProgress(GROUP, 'transfers', [stale], new Date(), em))).rejects.toBeInstanceOf(StaleStreamProgressError);
    const [after] = [...(await repo.loadProgress(GROUP, 'transfers', [0])).values()];
    expect(after!.next).toBe(current!.next);
  }, 30_000);

  it('rebuilds the windows after a round whose write failed, and detects it again: no alert lost, none doubled', async () => {
    resetTransferIds(1, 'writefail');
    const [app] = apps;
    const rebuilds = async (): Promise<number> => Number(/^detection_rebuilds_total (\d+)/m.exec((await app!.request('GET', '/metrics')).body as string)?.[1] ?? 0);
    const rebuildsBefore = await rebuilds();
    const alertsBefore = await alerts();
    // The next write of any partition's progress fails once (a sequence is not rolled back with it).
    await sql.query(`CREATE SEQUENCE fail_once;
      CREATE FUNCTION fail_progress_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'injected write failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_progress_once BEFORE INSERT OR UPDATE ON transfer_stream_offsets FOR EACH ROW EXECUTE FUNCTION fail_progress_once();`);
    try {
      const cash = anAccount(3, BANK);
      const w = (k: number) => ({ event: aTransfer().from(cash).withdrawal().amount('47000.00').at(T0 + 4 * DAY + k * 30 * MIN).build(), partition: 2 });
      await produce([w(0), w(1), w(2)]);
      await waitFor(async () => drained() && (await stored('writefail')) === 3, { timeoutMs: 30_000 });
      expect(Number((await sql.query("SELECT last_value FROM fail_once")).rows[0].last_value)).toBeGreaterThan(1);
    } finally {
      await sql.query('DROP TRIGGER fail_progress_once ON transfer_stream_offsets; DROP FUNCTION fail_progress_once(); DROP SEQUENCE fail_once;');
    }
    expect(await rebuilds()).toBeGreaterThan(rebuildsBefore);
    const after = await alerts();
    expect(after).toHaveLength(alertsBefore.length + 1);
    expect(after[after.length - 1]).toMatchObject({ detector: 'STRUCTURING', fire_count: 1, aggregates: expect.objectContaining({ amountsInBand: 3 }) });
    expect(after.slice(0, alertsBefore.length)).toEqual(alertsBefore);
  }, 60_000);
});

const DAY = 24 * 60 * MIN;
