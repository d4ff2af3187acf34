/** mulberry32: a seeded source of uniform numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded random source, so a scenario is the same for the same seed. */
export class Random {
  private readonly source: () => number;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.source();
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** CNY amount as fen, uniform in [lo, hi] CNY, whole yuan or with cents. */
  fen(loCny: number, hiCny: number, cents = true): number {
    const yuan = this.int(loCny, hiCny);
    return yuan * 100 + (cents ? this.int(0, 99) : 0);
  }

  /** Log-uniform amount in fen: many small, few large. */
  logFen(loCny: number, hiCny: number): number {
    const v = Math.exp(Math.log(loCny) + this.next() * (Math.log(hiCny) - Math.log(loCny)));
    return Math.max(1, Math.round(v * 100));
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}
