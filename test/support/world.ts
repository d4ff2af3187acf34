import { BlindIndexService } from '../../src/common/crypto/blind-index.service.js';
import { maskResidentId } from '../../src/domain/identity/national-id.js';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository.js';
import type { TestApp } from './test-app.js';

export interface SeededInstitution {
  id: string;
  code: string;
  apiKey: string;
  tokens: { ADMIN: string; ANALYST: string; SUPERVISOR: string; REGULATOR?: string };
  usernames: { ADMIN: string; ANALYST: string; SUPERVISOR: string; ANALYST2: string; SUPERVISOR2: string };
  password: string;
}

const PASSWORD = 'a-long-test-password-123';

/**
 * Registers an institution through the API (as the operator admin) with an admin, two analysts,
 * two supervisors and a branch API key, and logs them in.
 */
export async function seedInstitution(
  t: TestApp,
  code: string,
  kind: 'BANK' | 'REGULATOR' | 'POLICE' = 'BANK',
  scopes: string[] = ['screening', 'openings', 'negative-list:read', 'negative-list:write', 'registry:read', 'transfers', 'restrictions:check', 'restrictions:write', 'accounts:load', 'diagnostics'],
): Promise<SeededInstitution> {
  const admin = await t.adminToken();
  const inst = await t.request('POST', '/v1/institutions', { token: admin, body: { code, name: `${code} institution`, kind } });
  if (inst.status !== 201) throw new Error(`create institution: ${inst.status} ${JSON.stringify(inst.body)}`);
  const id: string = inst.body.id;
  const lc = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  const usernames = { ADMIN: `${lc}.admin`, ANALYST: `${lc}.analyst`, SUPERVISOR: `${lc}.supervisor`, ANALYST2: `${lc}.analyst2`, SUPERVISOR2: `${lc}.supervisor2` };
  const roles: Record<keyof typeof usernames, string[]> = { ADMIN: ['ADMIN'], ANALYST: ['ANALYST'], SUPERVISOR: ['SUPERVISOR'], ANALYST2: ['ANALYST'], SUPERVISOR2: ['SUPERVISOR'] };
  if (kind !== 'BANK') roles.ANALYST = ['ANALYST', 'REGULATOR'];
  for (const [k, username] of Object.entries(usernames) as Array<[keyof typeof usernames, string]>) {
    const u = await t.request('POST', `/v1/institutions/${id}/users`, { token: admin, body: { username, password: PASSWORD, roles: roles[k] } });
    if (u.status !== 201) throw new Error(`create user: ${u.status} ${JSON.stringify(u.body)}`);
  }
  const key = await t.request('POST', `/v1/institutions/${id}/api-keys`, { token: admin, body: { name: `${code} branch system`, scopes } });
  if (key.status !== 201) throw new Error(`create key: ${key.status} ${JSON.stringify(key.body)}`);
  const tokens = {
    ADMIN: await t.login(usernames.ADMIN, PASSWORD),
    ANALYST: await t.login(usernames.ANALYST, PASSWORD),
    SUPERVISOR: await t.login(usernames.SUPERVISOR, PASSWORD),
  };
  return { id, code, apiKey: key.body.key, tokens, usernames, password: PASSWORD };
}

/** An account held by a person, as an opening record or an existing-account load would file it. */
export interface AccountSeed {
  bankCode: string;
  accountNumber: string;
  institutionId: string;
  /** The holder's resident ID number. */
  idNumber: string;
  openedAt: Date;
  /** When the row was written (the test clock's now). */
  updatedAt: Date;
  accountClass?: string;
  branchCode?: string | null;
  holderName?: string | null;
  source?: 'LOAD' | 'OPENING';
}

/** Puts accounts in the account registry directly, the way openings and loads file them. */
export async function seedAccounts(t: TestApp, rows: readonly AccountSeed[]): Promise<void> {
  const blind = t.app.get(BlindIndexService);
  await t.app.get(AccountsRepository).upsertMany(
    rows.map((r) => ({
      bankCode: r.bankCode,
      accountNumber: r.accountNumber,
      institutionId: r.institutionId,
      branchCode: r.branchCode ?? null,
      holderType: 'PERSON' as const,
      holderKey: blind.of('RESIDENT_ID', r.idNumber),
      holderMasked: maskResidentId(r.idNumber),
      holderName: r.holderName ?? null,
      accountClass: r.accountClass ?? 'I',
      openedAt: r.openedAt,
      source: r.source ?? 'LOAD',
      phoneKey: null,
      deviceKey: null,
      addressKey: null,
      screeningId: null,
      closedAt: null,
      updatedAt: r.updatedAt,
    })),
  );
}
