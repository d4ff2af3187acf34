import { T0, aTransfer, anAccount } from '../../../test/support/builders/transfer.builder.js';
import { DEFAULT_DETECTION_PARAMS } from './detection-params.js';
import { accountKey } from './transfer-event.js';
import { victimWarning, victimWarningFinding, type VictimWarningInput } from './victim-warning.js';

const SENDER = anAccount(1);
const FRAUDSTER = anAccount(666);
const params = DEFAULT_DETECTION_PARAMS.victimWarning;

function warn(amount: string, extra: Partial<VictimWarningInput> = {}) {
  const event = aTransfer().from(SENDER).to(FRAUDSTER).amount(amount).at(T0).buildInternal();
  return victimWarning({ event, creditorListed: true, priorWarningsForSender: 0, params, ...extra });
}

describe('victimWarning', () => {
  it('nothing when the creditor is not listed', () => {
    expect(warn('100.00', { creditorListed: false })).toBeNull();
  });

  it('grades by amount: 9,999.99 SMS, 10,000.00 CALL, 49,999.99 CALL, 50,000.00 VISIT', () => {
    expect(warn('9999.99')?.grade).toBe('SMS');
    expect(warn('10000.00')?.grade).toBe('CALL');
    expect(warn('49999.99')?.grade).toBe('CALL');
    expect(warn('50000.00')?.grade).toBe('VISIT');
  });

  it('a sender aged 59 stays, 60 goes one grade up', () => {
    expect(warn('100.00', { senderAgeYears: 59 })?.grade).toBe('SMS');
    expect(warn('100.00', { senderAgeYears: 60 })).toMatchObject({ grade: 'CALL', reasons: ['LISTED_COUNTERPARTY', 'ELDERLY_SENDER'] });
  });

  it('a sender aged 23 stays, 22 goes one grade up', () => {
    expect(warn('100.00', { senderAgeYears: 23 })?.grade).toBe('SMS');
    expect(warn('100.00', { senderAgeYears: 22 })).toMatchObject({ grade: 'CALL', reasons: ['LISTED_COUNTERPARTY', 'YOUNG_SENDER'] });
  });

  it('a first warning stays, a repeat goes one grade up', () => {
    expect(warn('100.00', { priorWarningsForSender: 0 })?.grade).toBe('SMS');
    expect(warn('100.00', { priorWarningsForSender: 1 })).toMatchObject({ grade: 'CALL', priorWarnings: 1 });
  });

  it('adds the raises up and stops at VISIT', () => {
    expect(warn('10000.00', { senderAgeYears: 70, priorWarningsForSender: 2 })).toMatchObject({
      grade: 'VISIT',
      reasons: ['LISTED_COUNTERPARTY', 'AMOUNT_CALL', 'ELDERLY_SENDER', 'REPEATED'],
    });
    expect(warn('100.00', { senderAgeYears: 19, priorWarningsForSender: 1 })?.grade).toBe('VISIT');
  });

  it('carries the listing reason and the accounts', () => {
    expect(warn('100.00', { creditorListed: { reason: 'POLICE_REPORTED' } })).toMatchObject({
      listedReason: 'POLICE_REPORTED',
      senderAccount: accountKey(SENDER),
      creditorAccount: accountKey(FRAUDSTER),
      amountFen: 10000,
    });
  });

  it('nothing for a cash deposit (no sender account) or when disabled', () => {
    const deposit = aTransfer().deposit().to(FRAUDSTER).amount('100.00').at(T0).buildInternal();
    expect(victimWarning({ event: deposit, creditorListed: true, priorWarningsForSender: 0, params })).toBeNull();
    expect(warn('100.00', { params: { ...params, enabled: false } })).toBeNull();
  });

  it('respects the minimum amount', () => {
    const p = { ...params, minAmountFen: 10000 };
    expect(warn('99.99', { params: p })).toBeNull();
    expect(warn('100.00', { params: p })).not.toBeNull();
  });

  it('becomes an alert finding keyed by sender and day', () => {
    const event = aTransfer().from(SENDER).to(FRAUDSTER).amount('60000.00').at(T0).buildInternal();
    const w = victimWarning({ event, creditorListed: { reason: 'CASE' }, senderAgeYears: 75, priorWarningsForSender: 0, params })!;
    expect(victimWarningFinding(w, event)).toEqual({
      detector: 'VICTIM_WARNING',
      severity: 'CRITICAL',
      subjectAccounts: [accountKey(SENDER), accountKey(FRAUDSTER)],
      eventIds: [event.eventId],
      aggregates: {
        grade: 'VISIT',
        amountFen: 6000000,
        creditorAccount: accountKey(FRAUDSTER),
        priorWarnings: 0,
        reasons: 'LISTED_COUNTERPARTY,AMOUNT_VISIT,ELDERLY_SENDER',
        listedReason: 'CASE',
        senderAgeYears: 75,
      },
      dedupKey: `VICTIM_WARNING:${accountKey(SENDER)}:20250303`,
      atMs: T0,
    });
  });
});
