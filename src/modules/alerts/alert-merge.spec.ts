import type { OwnedFinding } from './alert-merge.js';
import { mergeFindings } from './alert-merge.js';

function finding(over: Partial<OwnedFinding> = {}): OwnedFinding {
  return {
    detector: 'FAN_IN',
    severity: 'MEDIUM',
    subjectAccounts: ['B1:1'],
    eventIds: ['e1'],
    aggregates: { distinctSenders: 10 },
    dedupKey: 'FAN_IN:B1:1:20250303',
    atMs: 1000,
    owners: { 'B1:1': 'inst-1' },
    ...over,
  };
}

describe('mergeFindings', () => {
  it('keeps one row per dedup key with the highest severity, the latest evidence and a count of firings', () => {
    const merged = mergeFindings([
      finding(),
      finding({ severity: 'HIGH', eventIds: ['e1', 'e2'], aggregates: { distinctSenders: 20 }, atMs: 3000 }),
      finding({ eventIds: ['e0'], aggregates: { distinctSenders: 9 }, atMs: 2000 }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      severity: 'HIGH',
      eventIds: ['e1', 'e2'],
      aggregates: { distinctSenders: 20 },
      firstMs: 1000,
      lastMs: 3000,
      fireCount: 3,
      institutionIds: ['inst-1'],
    });
  });

  it('unions subject accounts in first-seen order and never forgets a known holder', () => {
    const merged = mergeFindings([
      finding({ dedupKey: 'k', subjectAccounts: ['A:1', 'B:2'], owners: { 'A:1': 'i-a', 'B:2': null } }),
      finding({ dedupKey: 'k', subjectAccounts: ['B:2', 'C:3'], owners: { 'B:2': 'i-b', 'C:3': null } }),
      finding({ dedupKey: 'k', subjectAccounts: ['A:1'], owners: { 'A:1': null } }),
    ]);
    expect(merged[0]!.subjectAccounts).toEqual(['A:1', 'B:2', 'C:3']);
    expect(merged[0]!.subjectOwners).toEqual({ 'A:1': 'i-a', 'B:2': 'i-b', 'C:3': null });
    expect(merged[0]!.institutionIds).toEqual(['i-a', 'i-b']);
  });

  it('keeps different keys apart', () => {
    expect(mergeFindings([finding(), finding({ dedupKey: 'other' })])).toHaveLength(2);
  });
});
