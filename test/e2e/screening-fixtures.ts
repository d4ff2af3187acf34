/**
 * Test data for the screening, openings and rescreen e2e tests: valid identifiers made by the
 * identity domain's factories, applicants that no rule fires on, and helpers that load list
 * entries and registry records through the real API.
 */
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { makeUscc } from '../../src/domain/identity/uscc.js';
import type { TestApp } from '../support/test-app.js';

let sequence = 0;

/** A fresh resident ID: Shenzhen (440305) by default, born on the date given. */
export function residentId(birthDate = '1985-06-15', divisionCode = '440305'): string {
  sequence += 1;
  return makeResidentId({ divisionCode, birthDate, sequence: sequence % 100, sex: sequence % 2 === 0 ? 'FEMALE' : 'MALE' }).replace(/^(.{14})/, (m) => m);
}

/** Distinct IDs even past 100 (the sequence has two digits): vary the birth day too. */
export function uniqueResidentId(birthYear = 1985, divisionCode = '440305'): string {
  sequence += 1;
  const day = 1 + (Math.floor(sequence / 100) % 28);
  const month = 1 + (Math.floor(sequence / 2800) % 12);
  const birthDate = `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return makeResidentId({ divisionCode, birthDate, sequence: sequence % 100 });
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function uscc(n: number): string {
  let body = '';
  let x = n + 7;
  for (let i = 0; i < 8; i += 1) {
    body = USCC_ALPHABET[x % USCC_ALPHABET.length]! + body;
    x = Math.floor(x / USCC_ALPHABET.length);
  }
  return makeUscc({ organisationCodeBody: body, divisionCode: '440300' });
}

export function phone(n: number): string {
  return `139${String(n).padStart(8, '0')}`;
}

export function person(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'PERSON',
    name: '王小明',
    idType: 'RESIDENT_ID',
    idNumber: uniqueResidentId(),
    idExpiry: '2035-06-30',
    occupation: 'engineer',
    ...overrides,
  };
}

export function entity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'ENTITY',
    name: '深圳市示例科技有限公司',
    uscc: uscc(1),
    legalRepresentative: { name: '李四', idNumber: uniqueResidentId(1975) },
    ...overrides,
  };
}

let requestNo = 0;

export function personRequest(applicant: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  requestNo += 1;
  return { requestId: `req-${Date.now().toString(36)}-${requestNo}`, branchCode: '0101', branchRegionCode: '440305', channel: 'COUNTER', requestedAccountClass: 'I', applicant, ...overrides };
}

export function entityRequest(applicant: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  requestNo += 1;
  return { requestId: `req-${Date.now().toString(36)}-${requestNo}`, branchCode: '0101', channel: 'COUNTER', applicant, ...overrides };
}

/** Lists a subject ({ type: 'PERSON', idNumber, name } | { type: 'PHONE', phone } ...) through the API. */
export async function listEntry(t: TestApp, apiKey: string, subject: Record<string, unknown>, entry: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await t.request('POST', '/v1/negative-list/entries', {
    apiKey,
    body: { subject, fraudType: 'OTHER', legalBasis: 'Police designation notice (test)', category: 'FRAUD_SUSPECT', measures: [], ...entry },
  });
  if (res.status !== 201) throw new Error(`list entry: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Registers a company through the registration authority's feed (the operator's key). */
export async function registerEntity(t: TestApp, operatorKey: string, code: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.request('PUT', `/v1/registry/entities/${code}`, {
    apiKey: operatorKey,
    body: { name: '深圳市示例科技有限公司', status: 'ACTIVE', establishedOn: '2015-03-01', registeredCapital: '1000000.00', ...body },
  });
  if (res.status !== 200) throw new Error(`registry upsert: ${res.status} ${JSON.stringify(res.body)}`);
}

export function codes(body: { reasons: Array<{ code: string }> }): string[] {
  return body.reasons.map((r) => r.code);
}
