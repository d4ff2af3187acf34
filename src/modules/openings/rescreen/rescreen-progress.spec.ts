import type { RescreenJobEntity } from './rescreen-job.entity.js';
import { mergeRanges, progressOf } from './rescreen.service.js';

describe('mergeRanges', () => {
  it('merges the touching and overlapping change-sequence ranges of an import, keeping gaps', () => {
    expect(mergeRanges([['2001', '3000'], ['1', '1000'], ['1001', '2000'], ['3500', '3600'], ['3550', '3700']])).toEqual([
      ['1', '3000'],
      ['3500', '3700'],
    ]);
    expect(mergeRanges([])).toEqual([]);
  });
});

describe('progressOf', () => {
  const job = (o: Partial<RescreenJobEntity>): RescreenJobEntity => ({
    id: 'j',
    kind: 'FULL',
    status: 'RUNNING',
    institutionId: null,
    trigger: 'MANUAL',
    requestedBy: 'x',
    entryIds: null,
    seqRanges: null,
    keysTotal: 1000,
    keysDone: 250,
    hits: 0,
    checkpoint: null,
    leaseOwner: null,
    leaseUntil: null,
    attempts: 1,
    error: null,
    createdAt: new Date('2026-11-21T00:00:00Z'),
    startedAt: new Date('2026-11-21T00:00:00Z'),
    updatedAt: new Date('2026-11-21T00:00:10Z'),
    completedAt: null,
    ...o,
  });

  it('gives done, rate and the time left', () => {
    expect(progressOf(job({}))).toEqual({ done: 250, total: 1000, percent: 25, ratePerSecond: 25, etaSeconds: 30 });
  });

  it('has no rate before the first chunk, and nothing left once completed', () => {
    expect(progressOf(job({ keysDone: 0 }))).toMatchObject({ ratePerSecond: null, etaSeconds: null });
    expect(progressOf(job({ status: 'COMPLETED', keysDone: 1000 }))).toMatchObject({ percent: 100, etaSeconds: 0 });
    expect(progressOf(job({ status: 'COMPLETED', keysDone: 0, keysTotal: 0 }))).toMatchObject({ percent: 100, etaSeconds: 0 });
  });
});
