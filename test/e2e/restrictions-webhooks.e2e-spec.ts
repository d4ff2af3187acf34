import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { ChangeFeedService } from '../../src/infra/messaging/change-feed.service.js';
import { verifyWebhookSignature } from '../../src/modules/webhooks/webhook-signature.js';
import { waitFor } from '../support/kafka-broker/wait-for.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A bank's receiver: answers each path with the statuses given in turn (the last one repeats). */
async function startReceiver(script: Record<string, number[]>): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const served = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const n = served.get(path) ?? 0;
      served.set(path, n + 1);
      const statuses = script[path] ?? [404];
      res.statusCode = statuses[Math.min(n, statuses.length - 1)]!;
      res.end(res.statusCode < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const HOLDER = makeResidentId({ divisionCode: '440305', birthDate: '1995-05-05', sequence: 31 });

describe('per-institution webhooks for restriction changes', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  const feedMessages: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    receiver = await startReceiver({ '/flaky': [500, 200], '/down': [503] });
    t = await startTestApp({ env: { WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '50', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_TIMEOUT_MS: '2000' } });
    bankA = await seedInstitution(t, 'WB-A');
    bankB = await seedInstitution(t, 'WB-B');
    t.app.get(ChangeFeedService).subscribe('restrictions.changes', (payload) => {
      if (payload.type === 'ACCOUNT_EFFECTIVE_CHANGED') feedMessages.push(payload);
    });
    await seedAccounts(
      t,
      ['6222333300000001', '6222333300000002'].map((accountNumber) => ({ bankCode: 'WB-A', accountNumber, institutionId: bankA.id, idNumber: HOLDER, openedAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date() })),
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('an institution admin registers an endpoint and sees its secret once', async () => {
    expect((await t.request('POST', '/v1/webhooks/endpoints', { token: bankA.tokens.ANALYST, body: { url: `${receiver.url}/flaky` } })).status).toBe(403);
    expect((await t.request('POST', '/v1/webhooks/endpoints', { token: bankA.tokens.ADMIN, body: { url: 'ftp://example.org/x' } })).status).toBe(400);
    const res = await t.request('POST', '/v1/webhooks/endpoints', { token: bankA.tokens.ADMIN, body: { url: `${receiver.url}/flaky`, eventTypes: ['restriction.effective-changed'], description: 'core banking' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ institutionId: bankA.id, active: true, eventTypes: ['restriction.effective-changed'], secret: expect.stringMatching(/^whsec_/) });
    secret = res.body.secret;
    const list = await t.request('GET', '/v1/webhooks/endpoints', { token: bankA.tokens.ADMIN });
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await t.request('GET', '/v1/webhooks/endpoints', { token: bankB.tokens.ADMIN })).body).toEqual([]);
  });

  it('signs each delivery and retries after a failure until the receiver takes it', async () => {
    const order = await t.request('POST', '/v1/restrictions/orders', {
      token: bankA.tokens.ANALYST,
      body: { target: { type: 'ACCOUNT', bankCode: 'WB-A', accountNumber: '6222333300000001' }, level: 'LIMITED_NON_COUNTER', basis: { type: 'CASE', reference: 'CASE-W-1' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(order.status).toBe(201);
    await waitFor(() => receiver.received.filter((r) => r.path === '/flaky').length >= 2, { timeoutMs: 15_000, description: 'a failed and a successful attempt' });
    const [first, second] = receiver.received.filter((r) => r.path === '/flaky');
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-webhook-id']).toBe(first!.headers['x-webhook-id']);
    expect(second!.headers['x-webhook-event']).toBe('restriction.effective-changed');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const header = String(second!.headers['x-webhook-signature']);
    expect(verifyWebhookSignature(secret, header, second!.body, nowSeconds)).toEqual({ valid: true });
    expect(verifyWebhookSignature(secret, header, second!.body.replace('LIMITED', 'FROZEN_'), nowSeconds).valid).toBe(false);
    expect(verifyWebhookSignature('whsec_wrong', header, second!.body, nowSeconds).valid).toBe(false);
    const event = JSON.parse(second!.body);
    expect(event).toMatchObject({
      type: 'restriction.effective-changed',
      data: { type: 'ACCOUNT_EFFECTIVE_CHANGED', bankCode: 'WB-A', accountNumber: '6222333300000001', institutionId: bankA.id, sequence: 1, previousLevel: null, level: 'LIMITED_NON_COUNTER', orderIds: [order.body.id], cause: 'ORDER_CREATED', causeOrderId: order.body.id },
    });
    expect(event.id).toBe(event.data.changeId);
    // The same change went to the change feed (and to the Kafka topic restrictions.changes when configured).
    expect(feedMessages).toEqual([expect.objectContaining({ changeId: event.id, level: 'LIMITED_NON_COUNTER' })]);
  });

  it('keeps a delivery log with every attempt, per institution', async () => {
    await waitFor(async () => (await t.request('GET', '/v1/webhooks/deliveries?status=DELIVERED', { token: bankA.tokens.ADMIN })).body.items.length === 1, { timeoutMs: 10_000, description: 'the delivery recorded as delivered' });
    const log = await t.request('GET', '/v1/webhooks/deliveries', { token: bankA.tokens.SUPERVISOR });
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    const d = log.body.items[0];
    expect(d).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 200, eventType: 'restriction.effective-changed', nextAttemptAt: null });
    expect(d.attemptLog.map((a: { attempt: number; statusCode: number; error: string | null }) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 200, null],
    ]);
    expect((await t.request('GET', '/v1/webhooks/deliveries', { token: bankB.tokens.ADMIN })).body.items).toEqual([]);
    expect((await t.request('GET', `/v1/webhooks/deliveries/${d.id}`, { token: bankB.tokens.ADMIN })).status).toBe(404);
    expect((await t.request('GET', `/v1/webhooks/deliveries/${d.id}`, { token: bankA.tokens.ADMIN })).body.id).toBe(d.id);
  });

  it('gives up after the last attempt and can be sent again by hand', async () => {
    const down = await t.request('POST', '/v1/webhooks/endpoints', { token: bankA.tokens.ADMIN, body: { url: `${receiver.url}/down` } });
    expect(down.status).toBe(201);
    const order = await t.request('POST', '/v1/restrictions/orders', {
      token: bankA.tokens.ANALYST,
      body: { target: { type: 'ACCOUNT', bankCode: 'WB-A', accountNumber: '6222333300000002' }, level: 'ENHANCED_MONITORING', basis: { type: 'ALERT', reference: 'ALERT-W-2' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(order.status).toBe(201);
    const failedOf = async () => (await t.request('GET', `/v1/webhooks/deliveries?endpointId=${down.body.id}&status=FAILED`, { token: bankA.tokens.ADMIN })).body.items;
    await waitFor(async () => (await failedOf()).length === 1, { timeoutMs: 15_000, description: 'the delivery to the failing endpoint to give up' });
    const [failed] = await failedOf();
    expect(failed.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 503]);
    const again = await t.request('POST', `/v1/webhooks/deliveries/${failed.id}/redeliver`, { token: bankA.tokens.ADMIN });
    expect(again.body.status).toBe('PENDING');
    expect((await t.request('POST', `/v1/webhooks/deliveries/${failed.id}/redeliver`, { token: bankB.tokens.ADMIN })).status).toBe(404);
    const disabled = await t.request('POST', `/v1/webhooks/endpoints/${down.body.id}/disable`, { token: bankA.tokens.ADMIN });
    expect(disabled.body.active).toBe(false);
    const rotated = await t.request('POST', `/v1/webhooks/endpoints/${down.body.id}/rotate-secret`, { token: bankA.tokens.ADMIN });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(down.body.secret);
  });
});
