import { releasable, type GatePartitionState } from './event-time-gate.js';

describe('releasable', () => {
  it('releases everything when no partition has a backlog', () => {
    const state = new Map<number, GatePartitionState>();
    expect(releasable([{ partition: 0, times: [10, 20], moreComing: false }, { partition: 1, times: [500], moreComing: false }], state)).toEqual([2, 1]);
  });

  it('holds a caught-up partition back to the newest time a lagging partition has delivered', () => {
    const state = new Map<number, GatePartitionState>();
    const n = releasable(
      [
        { partition: 0, times: [100, 200, 300], moreComing: true },
        { partition: 1, times: [150, 250, 350, 400], moreComing: false },
      ],
      state,
    );
    expect(n).toEqual([3, 2]);
  });

  it('remembers a lagging partition that has no batch in this round', () => {
    const state = new Map<number, GatePartitionState>([[0, { moreComing: true, frontier: 300 }]]);
    expect(releasable([{ partition: 1, times: [250, 301, 299], moreComing: false }], state)).toEqual([1]);
  });

  it('releases a prefix only, and DLQ-bound messages whatever their place', () => {
    const state = new Map<number, GatePartitionState>();
    const n = releasable(
      [
        { partition: 0, times: [-Infinity, 50], moreComing: true },
        { partition: 1, times: [-Infinity, 40, 60, -Infinity], moreComing: false },
      ],
      state,
    );
    expect(n).toEqual([2, 2]);
  });

  it('always lets the partition that sets the horizon move', () => {
    const state = new Map<number, GatePartitionState>();
    const n = releasable([{ partition: 0, times: [500, 100, 300], moreComing: true }, { partition: 1, times: [1000], moreComing: true }], state);
    expect(n[0]).toBe(3);
    expect(n[1]).toBe(0);
  });
});
