import { Rerun } from './rerun.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Rerun', () => {
  it('runs once per kick when idle, and once more after a run that was kicked meanwhile', async () => {
    const gates = [deferred(), deferred(), deferred()];
    let runs = 0;
    const rerun = new Rerun(() => gates[runs++]!.promise, () => undefined);
    rerun.kick();
    rerun.kick();
    rerun.kick();
    expect(runs).toBe(1);
    gates[0]!.resolve();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    gates[1]!.resolve();
    await rerun.idle();
    expect(runs).toBe(2);
    rerun.kick();
    gates[2]!.resolve();
    await rerun.idle();
    expect(runs).toBe(3);
  });

  it('reports a failed run and keeps working', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const rerun = new Rerun(async () => {
      runs += 1;
      if (runs === 1) throw new Error('boom');
    }, (e) => errors.push(e));
    rerun.kick();
    await rerun.idle();
    rerun.kick();
    await rerun.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('starts nothing once stopped, and stop waits for the run under way', async () => {
    const gate = deferred();
    let runs = 0;
    let ended = false;
    const rerun = new Rerun(async () => {
      runs += 1;
      await gate.promise;
      ended = true;
    }, () => undefined);
    rerun.kick();
    const stopped = rerun.stop();
    expect(rerun.stopping).toBe(true);
    rerun.kick();
    gate.resolve();
    await stopped;
    expect(ended).toBe(true);
    expect(runs).toBe(1);
  });
});
