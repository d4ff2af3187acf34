import { advanceProgress, replayStartOffset } from './stream-progress.js';

const H = 3_600_000;
const RETENTION = 24 * H + 10 * 60_000;

describe('stream progress', () => {
  it('records the first offset of each hour of event time and moves the next offset on', () => {
    const p = advanceProgress(undefined, 3, [
      { offset: '0', atMs: 10 * H + 5 },
      { offset: '1', atMs: 10 * H + 900 },
      { offset: '2', atMs: 11 * H + 1 },
    ], '2', RETENTION);
    expect(p).toEqual({ partition: 3, expectedNext: null, next: '3', watermarkMs: 11 * H + 1, checkpoints: [[10 * H, '0'], [11 * H, '2']] });
    const q = advanceProgress({ ...p, expectedNext: '3' }, 3, [{ offset: '3', atMs: 11 * H + 50 }], '7', RETENTION);
    expect(q).toMatchObject({ expectedNext: '3', next: '8', checkpoints: [[10 * H, '0'], [11 * H, '2']] });
  });

  it('forgets checkpoints no replay can need, keeping the last one before the reach', () => {
    let p = advanceProgress(undefined, 0, [], '-1', RETENTION);
    for (let h = 0; h < 40; h++) p = advanceProgress(p, 0, [{ offset: String(h * 100), atMs: h * H }], String(h * 100), RETENTION);
    // Watermark at hour 39: reach is hour 39 - 24h10m - 1h, so hour 13 is the last one before it.
    expect(p.checkpoints[0]).toEqual([13 * H, '1300']);
    expect(replayStartOffset(p, RETENTION)).toBe('1300');
  });

  it('replays from the oldest checkpoint when the partition is younger than the retention, and not at all without checkpoints', () => {
    const young = advanceProgress(undefined, 0, [{ offset: '5', atMs: 2 * H }, { offset: '9', atMs: 3 * H }], '9', RETENTION);
    expect(replayStartOffset(young, RETENTION)).toBe('5');
    expect(replayStartOffset({ partition: 0, expectedNext: '4', next: '4', watermarkMs: 0, checkpoints: [] }, RETENTION)).toBe('4');
  });
});
