import { EventIdLog } from './event-id-log.js';

describe('EventIdLog', () => {
  it('gives back ids by sequence number', () => {
    const log = new EventIdLog();
    const a = log.append('e-a', 1_000);
    const b = log.append('e-b', 2_000);
    expect([log.get(a), log.get(b)]).toEqual(['e-a', 'e-b']);
    expect(log.get(b + 1)).toBe('');
  });

  it('releases whole chunks only when every event in them is older than the cutoff', () => {
    const log = new EventIdLog();
    const seqs: number[] = [];
    // Three chunks of 4,096: times rise with the sequence, except one late event in the first chunk.
    for (let i = 0; i < 3 * 4096; i++) seqs.push(log.append(`e-${i}`, i === 100 ? 9_000 : i));
    // Chunk 0 holds an event at 9,000, so nothing goes yet (release keeps arrival order).
    log.release(8_999);
    expect(log.get(seqs[0]!)).toBe('e-0');
    expect(log.get(seqs[4096]!)).toBe('e-4096');
    log.release(9_001);
    expect(log.get(seqs[0]!)).toBe('');
    expect(log.get(seqs[4096]!)).toBe('');
    // The last chunk stays however old: more events will be appended to it.
    log.release(1e9);
    expect(log.get(seqs[3 * 4096 - 1]!)).toBe(`e-${3 * 4096 - 1}`);
    expect(log.size).toBe(4096);
  });
});
