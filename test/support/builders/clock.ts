/**
 * A clock tests move by hand. Domain code takes `now` or event times as arguments; tests build
 * those from one TestClock so that windows, ages and expiries are under their control.
 */
export class TestClock {
  private ms: number;

  constructor(start: Date | string | number = '2025-03-03T10:00:00+08:00') {
    this.ms = typeof start === 'number' ? start : new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`TestClock: not a time: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): this {
    this.ms += ms;
    return this;
  }

  set(to: Date | string | number): this {
    this.ms = typeof to === 'number' ? to : new Date(to).getTime();
    return this;
  }
}
