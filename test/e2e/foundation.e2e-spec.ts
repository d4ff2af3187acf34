import { OPERATOR_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { seedInstitution, type SeededInstitution } from '../support/world.js';

const echoBody = {
  requestId: 'r-1',
  branchCode: '0101',
  channel: 'COUNTER',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  age: 30,
  consent: true,
  requestedAt: '2026-11-21T10:00:00+08:00',
};

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('urn:account-risk:problem:'), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
}

describe('foundation over HTTP on PostgreSQL', () => {
  let t: TestApp;
  let bankA: SeededInstitution;
  let bankB: SeededInstitution;
  let regulator: SeededInstitution;

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
    bankA = await seedInstitution(t, 'BANK-A');
    bankB = await seedInstitution(t, 'BANK-B');
    regulator = await seedInstitution(t, 'PBOC-SZ', 'REGULATOR');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('operations', () => {
    it('answers health, readiness, metrics and docs without auth', async () => {
      expect((await t.request('GET', '/health/live')).status).toBe(200);
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.database.status).toBe('up');
      const metrics = await t.request('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('http_request_duration_seconds_bucket');
      const docs = await t.request('GET', '/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/auth/login', '/v1/institutions', '/v1/audit/verify']));
    });

    it('puts a request id on every response, keeping a sane one the caller sent', async () => {
      const res = await t.request('GET', '/health/live', { headers: { 'x-request-id': 'branch-0101-req-42' } });
      expect(res.headers.get('x-request-id')).toBe('branch-0101-req-42');
      const other = await t.request('GET', '/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends security headers and no CORS by default', async () => {
      const res = await t.request('GET', '/health/live', { headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('authentication', () => {
    it('logs in with the bootstrap admin and rejects wrong passwords alike for unknown users', async () => {
      const wrong = await t.request('POST', '/v1/auth/login', { body: { username: 'admin', password: 'nope' } });
      expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
      const unknown = await t.request('POST', '/v1/auth/login', { body: { username: 'ghost', password: 'nope' } });
      expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
      const me = await t.request('GET', '/v1/auth/me', { token: await t.adminToken() });
      expect(me.body).toMatchObject({ kind: 'USER', name: 'admin', institutionKind: 'OPERATOR', roles: ['ADMIN'] });
    });

    it('requires auth everywhere else and refuses forged tokens and keys', async () => {
      expectProblem(await t.request('GET', '/v1/institutions'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.request('GET', '/v1/institutions', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' }), 401, 'UNAUTHENTICATED');
      expectProblem(await t.request('GET', '/v1/auth/me', { apiKey: 'ark_ABCDEFGH_0123456789abcdefghijklmnopqrstuvwxyzAB' }), 401, 'UNAUTHENTICATED');
      const key = await t.request('GET', '/v1/auth/me', { apiKey: OPERATOR_KEY });
      expect(key.status).toBe(200);
      expect(key.body).toMatchObject({ kind: 'API_KEY', roles: ['BRANCH_SYSTEM'] });
    });

    it('shows a new API key once, stores only its hash, and revocation stops it', async () => {
      const created = await t.request('POST', `/v1/institutions/${bankA.id}/api-keys`, { token: bankA.tokens.ADMIN, body: { name: 'temp', scopes: ['diagnostics'] } });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^ark_/);
      const rows = await t.database.dataSource.query('SELECT secret_hash FROM api_keys WHERE id = $1', [created.body.id]);
      expect(rows[0].secret_hash).toHaveLength(64);
      expect(rows[0].secret_hash).not.toContain(created.body.key);
      const listed = await t.request('GET', `/v1/institutions/${bankA.id}/api-keys`, { token: bankA.tokens.ADMIN });
      expect(listed.body.find((k: { id: string }) => k.id === created.body.id)).not.toHaveProperty('key');
      expect((await t.request('POST', '/v1/diagnostics/echo', { apiKey: created.body.key, body: echoBody })).status).toBe(200);
      const revoked = await t.request('POST', `/v1/institutions/${bankA.id}/api-keys/${created.body.id}/revoke`, { token: bankA.tokens.ADMIN });
      expect(revoked.body.revokedAt).not.toBeNull();
      expectProblem(await t.request('POST', '/v1/diagnostics/echo', { apiKey: created.body.key, body: echoBody }), 401, 'UNAUTHENTICATED');
    });

    it('refuses a key whose scopes do not cover the route', async () => {
      const created = await t.request('POST', `/v1/institutions/${bankA.id}/api-keys`, { token: bankA.tokens.ADMIN, body: { name: 'loader', scopes: ['accounts:load'] } });
      expectProblem(await t.request('POST', '/v1/diagnostics/echo', { apiKey: created.body.key, body: echoBody }), 403, 'FORBIDDEN');
    });
  });

  describe('authorisation matrix', () => {
    type Caller = 'anonymous' | 'branchKey' | 'analyst' | 'supervisor' | 'bankAdmin' | 'regulator' | 'operatorAdmin';
    const credentials = (c: Caller): { token?: string; apiKey?: string } => {
      switch (c) {
        case 'anonymous':
          return {};
        case 'branchKey':
          return { apiKey: bankA.apiKey };
        case 'analyst':
          return { token: bankA.tokens.ANALYST };
        case 'supervisor':
          return { token: bankA.tokens.SUPERVISOR };
        case 'bankAdmin':
          return { token: bankA.tokens.ADMIN };
        case 'regulator':
          return { token: regulator.tokens.ANALYST };
        case 'operatorAdmin':
          return { token: adminToken };
      }
    };
    let adminToken = '';
    beforeAll(async () => {
      adminToken = await t.adminToken();
    });

    const routes: Array<{ name: string; method: string; path: () => string; body?: () => unknown; expect: Record<Caller, number> }> = [
      {
        name: 'register an institution',
        method: 'POST',
        path: () => '/v1/institutions',
        body: () => ({ code: `X-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: 'x', kind: 'BANK' }),
        expect: { anonymous: 401, branchKey: 403, analyst: 403, supervisor: 403, bankAdmin: 403, regulator: 403, operatorAdmin: 201 },
      },
      {
        name: 'list institutions',
        method: 'GET',
        path: () => '/v1/institutions',
        expect: { anonymous: 401, branchKey: 403, analyst: 200, supervisor: 200, bankAdmin: 200, regulator: 200, operatorAdmin: 200 },
      },
      {
        name: "list bank A's users",
        method: 'GET',
        path: () => `/v1/institutions/${bankA.id}/users`,
        expect: { anonymous: 401, branchKey: 403, analyst: 403, supervisor: 403, bankAdmin: 200, regulator: 403, operatorAdmin: 200 },
      },
      {
        name: 'read the audit log',
        method: 'GET',
        path: () => '/v1/audit',
        expect: { anonymous: 401, branchKey: 403, analyst: 403, supervisor: 200, bankAdmin: 200, regulator: 200, operatorAdmin: 200 },
      },
      {
        name: 'verify the audit chain',
        method: 'GET',
        path: () => '/v1/audit/verify',
        expect: { anonymous: 401, branchKey: 403, analyst: 403, supervisor: 403, bankAdmin: 200, regulator: 200, operatorAdmin: 200 },
      },
      {
        name: 'echo (diagnostics)',
        method: 'POST',
        path: () => '/v1/diagnostics/echo',
        body: () => echoBody,
        expect: { anonymous: 401, branchKey: 200, analyst: 200, supervisor: 200, bankAdmin: 200, regulator: 200, operatorAdmin: 200 },
      },
    ];
    const callers: Caller[] = ['anonymous', 'branchKey', 'analyst', 'supervisor', 'bankAdmin', 'regulator', 'operatorAdmin'];
    for (const route of routes) {
      it.each(callers)(`${route.name}: %s`, async (caller) => {
        const res = await t.request(route.method, route.path(), { ...credentials(caller), body: route.body?.() });
        expect(res.status).toBe(route.expect[caller]);
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      });
    }
  });

  describe('tenant isolation', () => {
    it("hides another bank's institution record, users and keys as not found", async () => {
      const mine = await t.request('GET', '/v1/institutions', { token: bankA.tokens.ANALYST });
      expect(mine.body.map((i: { code: string }) => i.code)).toEqual(['BANK-A']);
      const other = await t.request('GET', `/v1/institutions/${bankB.id}`, { token: bankA.tokens.ADMIN });
      const missing = await t.request('GET', '/v1/institutions/00000000-0000-4000-8000-000000000000', { token: bankA.tokens.ADMIN });
      expectProblem(other, 404, 'INSTITUTION_NOT_FOUND');
      expectProblem(missing, 404, 'INSTITUTION_NOT_FOUND');
      expect(other.body.detail).toBe(missing.body.detail);
      expectProblem(await t.request('GET', `/v1/institutions/${bankB.id}/users`, { token: bankA.tokens.ADMIN }), 404, 'INSTITUTION_NOT_FOUND');
      expectProblem(await t.request('POST', `/v1/institutions/${bankB.id}/api-keys`, { token: bankA.tokens.ADMIN, body: { name: 'x', scopes: ['screening'] } }), 404, 'INSTITUTION_NOT_FOUND');
      expectProblem(await t.request('GET', '/v1/institutions/not-a-uuid', { token: bankA.tokens.ADMIN }), 404, 'INSTITUTION_NOT_FOUND');
    });

    it("shows a bank only its own audit records; regulators see all", async () => {
      const a = await t.request('GET', '/v1/audit?limit=1000', { token: bankA.tokens.ADMIN });
      expect(a.body.items.length).toBeGreaterThan(0);
      expect(a.body.items.every((r: { institutionId: string }) => r.institutionId === bankA.id)).toBe(true);
      const asked = await t.request('GET', `/v1/audit?institutionId=${bankB.id}`, { token: bankA.tokens.ADMIN });
      expect(asked.body.items.every((r: { institutionId: string }) => r.institutionId === bankA.id)).toBe(true);
      const reg = await t.request('GET', `/v1/audit?institutionId=${bankB.id}`, { token: regulator.tokens.ANALYST });
      expect(reg.body.items.length).toBeGreaterThan(0);
      expect(reg.body.items.every((r: { institutionId: string }) => r.institutionId === bankB.id)).toBe(true);
    });

    it('does not let a bank admin give the REGULATOR role', async () => {
      const res = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body: { username: 'sneaky.reg', password: 'a-long-password-1', roles: ['REGULATOR'] } });
      expectProblem(res, 422, 'ROLE_NOT_ALLOWED');
    });
  });

  describe('idempotency', () => {
    it('returns the first response for the same key and body, 409 for another body', async () => {
      const headers = { 'idempotency-key': 'create-user-42' };
      const body = { username: 'idem.user', password: 'a-long-password-1', roles: ['ANALYST'] };
      const first = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body, headers });
      expect(first.status).toBe(201);
      const again = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body, headers });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const users = await t.request('GET', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN });
      expect(users.body.filter((u: { username: string }) => u.username === 'idem.user')).toHaveLength(1);
      const other = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body: { ...body, username: 'idem.other' }, headers });
      expectProblem(other, 409, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('releases the key when the first request failed, so a corrected retry works', async () => {
      const headers = { 'idempotency-key': 'retry-after-failure' };
      const taken = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body: { username: bankA.usernames.ANALYST, password: 'a-long-password-1', roles: ['ANALYST'] }, headers });
      expectProblem(taken, 409, 'USERNAME_TAKEN');
      const body = { username: bankA.usernames.ANALYST, password: 'a-long-password-1', roles: ['ANALYST'] };
      const still = await t.request('POST', `/v1/institutions/${bankA.id}/users`, { token: bankA.tokens.ADMIN, body, headers });
      expectProblem(still, 409, 'USERNAME_TAKEN');
    });

    it('scopes keys to the caller', async () => {
      const headers = { 'idempotency-key': 'shared-key-value' };
      const a = await t.request('POST', `/v1/institutions/${bankA.id}/api-keys`, { token: bankA.tokens.ADMIN, body: { name: 'k', scopes: ['screening'] }, headers });
      const b = await t.request('POST', `/v1/institutions/${bankB.id}/api-keys`, { token: bankB.tokens.ADMIN, body: { name: 'k', scopes: ['screening'] }, headers });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  describe('problem+json on bad input', () => {
    it('malformed JSON', async () => {
      expectProblem(await t.request('POST', '/v1/diagnostics/echo', { apiKey: bankA.apiKey, rawBody: '{"requestId": ' }), 400, 'MALFORMED_JSON');
    });

    it('wrong types, naming the fields', async () => {
      const res = await t.request('POST', '/v1/diagnostics/echo', { apiKey: bankA.apiKey, body: { ...echoBody, age: 'thirty', consent: 'yes' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['age', 'consent']);
    });

    it('unknown fields', async () => {
      const res = await t.request('POST', '/v1/diagnostics/echo', { apiKey: bankA.apiKey, body: { ...echoBody, isAdmin: true } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('isAdmin');
    });

    it('oversized bodies', async () => {
      const res = await t.request('POST', '/v1/diagnostics/echo', { apiKey: bankA.apiKey, body: { ...echoBody, note: 'x'.repeat(10_000) } });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('unsupported content types', async () => {
      const res = await t.request('POST', '/v1/diagnostics/echo', { apiKey: bankA.apiKey, rawBody: 'a,b', headers: { 'content-type': 'text/csv' } });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('unknown routes', async () => {
      expectProblem(await t.request('GET', '/v1/nothing-here', { apiKey: bankA.apiKey }), 404, 'ROUTE_NOT_FOUND');
    });
  });

  describe('audit log', () => {
    it('records state changes with actor, institution, request id and outcome', async () => {
      const created = await t.request('POST', `/v1/institutions/${bankB.id}/api-keys`, { token: bankB.tokens.ADMIN, body: { name: 'audited', scopes: ['screening'] }, headers: { 'x-request-id': 'audit-probe-1' } });
      const log = await t.request('GET', `/v1/audit?subjectId=${created.body.id}`, { token: await t.adminToken() });
      expect(log.body.items[0]).toMatchObject({ action: 'api-key.created', actorType: 'USER', institutionId: bankB.id, requestId: 'audit-probe-1', outcome: 'SUCCESS' });
      const denied = await t.request('GET', '/v1/audit?action=auth.login&limit=1000', { token: await t.adminToken() });
      expect(denied.body.items.some((r: { outcome: string }) => r.outcome === 'DENIED')).toBe(true);
    });

    it('verifies the chain, then finds the first altered and the first removed record', async () => {
      const admin = await t.adminToken();
      const ok = await t.request('GET', '/v1/audit/verify', { token: admin });
      expect(ok.body).toMatchObject({ ok: true, firstBreak: null });
      expect(ok.body.checked).toBeGreaterThan(10);
      const ds = t.database.dataSource;
      await ds.query(`UPDATE audit_log SET outcome = 'DENIED' WHERE seq = 5`);
      const altered = await t.request('GET', '/v1/audit/verify', { token: admin });
      expect(altered.body).toMatchObject({ ok: false, firstBreak: { kind: 'ALTERED', seq: 5 }, checked: 4 });
      await ds.query(`UPDATE audit_log SET outcome = 'SUCCESS' WHERE seq = 5`);
      expect((await t.request('GET', '/v1/audit/verify', { token: admin })).body.ok).toBe(true);
      await ds.query(`DELETE FROM audit_log WHERE seq = 7`);
      const removed = await t.request('GET', '/v1/audit/verify', { token: admin });
      expect(removed.body).toMatchObject({ ok: false, firstBreak: { kind: 'MISSING', seq: 7 } });
    });
  });
});

describe('rate limiting per API key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 problem+json once a key has used its minute, and counts keys separately from health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.request('GET', '/v1/auth/me', { apiKey: OPERATOR_KEY })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.request('GET', '/v1/auth/me', { apiKey: OPERATOR_KEY });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect((await t.request('GET', '/health/ready')).status).toBe(200);
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.body).toMatch(/audit_records_written_total \d+/);
  });
});
