/**
 * A day of transfer traffic: ordinary life (shopping, bills, salaries, rent, family support,
 * small transfers between friends, cash at the ATM round the corner) with injected, labelled
 * instances of every pattern the detectors look for. Each instance names the accounts whose
 * alert of its detector counts as finding it (`keys`) and every account it put under suspicion
 * (`involved`), which is what precision is measured against.
 */
import { formatChinaTime } from '../../src/domain/detection/event-time.js';
import type { DetectorName } from '../../src/domain/detection/finding.js';
import { formatFen } from '../../src/domain/detection/money.js';
import type { TransferChannel, TransferEventJson, TransferType } from '../../src/domain/detection/transfer-event.js';
import { AccountFactory, BANKS, CITIES, buildPopulation, type Person, type Population, type SimAccount } from './population.js';
import { Random } from './random.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface ScenarioOptions {
  seed: number;
  /** China midnight that starts the simulated day. */
  startMs: number;
  /** Ordinary events (the injected patterns come on top). */
  ordinaryEvents: number;
  persons: number;
  instancesPerPattern: number;
  /** Four digits, different per run (account numbers and event ids carry it). */
  runTag: string;
}

export interface PatternInstance {
  id: string;
  pattern: DetectorName;
  /** An alert of `pattern` naming one of these accounts finds the instance. */
  keys: string[];
  /** Accounts this instance makes suspicious (or, for a victim warning, the victim and the listed account). */
  involved: string[];
}

export interface RegistryRow {
  bankCode: string;
  accountNumber: string;
  idNumber: string;
  holderName: string;
  openedAt: string;
}

export interface Scenario {
  startMs: number;
  events: TransferEventJson[];
  /** Accounts to load into the platform's registry (persons' accounts, with opening dates). */
  registry: RegistryRow[];
  /** Last activity the banks know of, for accounts that were dormant. */
  activity: Array<{ bankCode: string; accountNumber: string; lastActivityAt: string }>;
  /** Accounts to put on the negative list (receivers of the victims). */
  listed: Array<{ bankCode: string; accountNumber: string; name: string }>;
  instances: PatternInstance[];
  /** Every account of the run. */
  accounts: Set<string>;
}

interface Leg {
  at: number;
  type?: TransferType;
  channel?: TransferChannel;
  from?: SimAccount;
  to?: SimAccount;
  fen: number;
  withId?: boolean;
  atmId?: string;
  region?: string;
}

/** Hour-of-day weights: quiet nights, busy evenings. */
const HOURLY = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 3, 5, 6, 6, 6, 7, 6, 5, 5, 5, 6, 7, 8, 8, 7, 5, 3];
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);

export class ScenarioBuilder {
  readonly rnd: Random;
  private readonly factory: AccountFactory;
  readonly population: Population;
  private readonly events: TransferEventJson[] = [];
  private readonly instances: PatternInstance[] = [];
  private readonly activity: Scenario['activity'] = [];
  private readonly listed: Scenario['listed'] = [];
  private readonly extraPersons: Person[] = [];
  private eventSeq = 0;

  constructor(private readonly o: ScenarioOptions) {
    this.rnd = new Random(o.seed);
    this.factory = new AccountFactory(this.rnd, o.runTag);
    this.population = buildPopulation(this.rnd, this.factory, o.persons, o.startMs);
  }

  // ------------------------------------------------------------------ helpers

  private at(hourFrom: number, hourTo: number): number {
    return this.o.startMs + hourFrom * HOUR_MS + Math.floor(this.rnd.next() * (hourTo - hourFrom) * HOUR_MS);
  }

  /** A time of day drawn from the hourly profile. */
  private daytime(): number {
    let r = this.rnd.next() * HOURLY_SUM;
    let h = 0;
    while (r >= HOURLY[h]! && h < 23) r -= HOURLY[h++]!;
    return this.o.startMs + h * HOUR_MS + Math.floor(this.rnd.next() * HOUR_MS);
  }

  private emit(l: Leg): void {
    const type = l.type ?? 'TRANSFER';
    const party = (a: SimAccount, withId: boolean) => ({
      bankCode: a.bankCode,
      accountNumber: a.accountNumber,
      ...(a.holder ? { name: a.holder.name } : {}),
      ...(withId && a.holder ? { idNumber: a.holder.idNumber } : {}),
    });
    const terminal = { ...(l.atmId ? { atmId: l.atmId } : {}), ...(l.region ? { regionCode: l.region } : {}) };
    const e: TransferEventJson = {
      eventId: `sim-${this.o.runTag}-${String(++this.eventSeq).padStart(8, '0')}`,
      occurredAt: formatChinaTime(l.at),
      type,
      channel: l.channel ?? (type === 'CASH_WITHDRAWAL' || type === 'CASH_DEPOSIT' ? 'ATM' : 'MOBILE'),
      amount: formatFen(l.fen),
      currency: 'CNY',
      ...(l.from ? { debtor: party(l.from, l.withId ?? false) } : {}),
      ...(l.to ? { creditor: party(l.to, false) } : {}),
      ...(Object.keys(terminal).length > 0 ? { terminal } : {}),
    };
    this.events.push(e);
  }

  /** A new person (not part of ordinary life) with accounts at `banks` distinct banks. */
  private suspect(banks = 1, openedAgoMs?: number): Person {
    const p = this.factory.person(1970, 2004);
    const chosen = [...BANKS].sort(() => this.rnd.next() - 0.5).slice(0, banks);
    for (const b of chosen) this.factory.account(b, this.o.startMs - (openedAgoMs ?? (3 * 365 + this.rnd.int(0, 700)) * DAY_MS), p);
    this.extraPersons.push(p);
    return p;
  }

  private mule(openedAgoMs?: number): SimAccount {
    return this.suspect(1, openedAgoMs).accounts[0]!;
  }

  private ordinaryPerson(filter?: (p: Person) => boolean): Person {
    const people = this.population.persons;
    for (let i = 0; i < 1000; i++) {
      const p = this.rnd.pick(people);
      if (!filter || filter(p)) return p;
    }
    return this.rnd.pick(people);
  }

  private record(pattern: DetectorName, keys: SimAccount[], involved: SimAccount[]): void {
    this.instances.push({ id: `${pattern}-${this.instances.filter((i) => i.pattern === pattern).length + 1}`, pattern, keys: keys.map((k) => k.key), involved: [...new Set(involved.map((a) => a.key))] });
  }

  // ------------------------------------------------------------------ ordinary life

  ordinary(): void {
    const { persons, merchants, utilities, employers, atms } = this.population;
    const rnd = this.rnd;
    const total = this.events.length + this.o.ordinaryEvents;
    // Payday for a tenth of the employers.
    for (const e of employers) {
      if (!rnd.chance(0.1)) continue;
      for (const w of e.employees) this.emit({ at: this.at(10, 11), from: e.account, to: rnd.pick(w.accounts), fen: rnd.fen(6000, 15000) });
    }
    this.nearMisses();
    while (this.events.length < total) {
      const p = rnd.pick(persons);
      const acct = rnd.pick(p.accounts);
      const r = rnd.next();
      if (r < 0.45) {
        this.emit({ at: this.daytime(), type: 'PAYMENT', channel: rnd.pick(['POS', 'ONLINE', 'THIRD_PARTY'] as const), from: acct, to: rnd.pick(merchants), fen: rnd.logFen(5, 800) });
      } else if (r < 0.53) {
        this.emit({ at: this.at(8, 22), type: 'PAYMENT', channel: 'ONLINE', from: acct, to: rnd.pick(utilities), fen: rnd.fen(50, 500) });
      } else if (r < 0.65) {
        if (p.supports.length === 0) continue;
        this.emit({ at: this.at(8, 22), from: acct, to: rnd.pick(rnd.pick(p.supports).accounts), fen: rnd.fen(200, 3000) });
      } else if (r < 0.8) {
        const friend = rnd.pick(persons);
        if (friend === p) continue;
        this.emit({ at: this.daytime(), from: acct, to: rnd.pick(friend.accounts), fen: rnd.logFen(5, 800) });
      } else if (r < 0.85) {
        if (!p.landlord || p.landlord === p) continue;
        this.emit({ at: this.at(9, 21), channel: 'ONLINE', from: acct, to: p.landlord.accounts[0]!, fen: rnd.fen(1500, 4000, false) });
      } else if (r < 0.95) {
        // People take cash from their main account, at a machine near home.
        this.emit({ at: this.at(7, 23), type: 'CASH_WITHDRAWAL', channel: 'ATM', from: p.accounts[0]!, fen: rnd.int(1, 30) * 10_000, withId: true, atmId: rnd.pick(atms.get(p)!), region: p.city.division });
      } else {
        this.emit({ at: this.at(9, 17), type: 'CASH_DEPOSIT', channel: rnd.chance(0.5) ? 'ATM' : 'COUNTER', to: p.accounts[0]!, fen: rnd.int(1, 50) * 10_000, region: p.city.division });
      }
    }
  }

  /**
   * Ordinary behaviour that comes close to a pattern without being one, so precision is measured
   * against something: red envelopes from a few friends, a small shop paid by transfer, a
   * night-shift worker, a traveller at two cities' ATMs, one large cash withdrawal, a family
   * member passing on money the same day.
   */
  private nearMisses(): void {
    const { persons, atms } = this.population;
    const rnd = this.rnd;
    const other = (p: Person): SimAccount => {
      let q = rnd.pick(persons);
      while (q === p) q = rnd.pick(persons);
      return rnd.pick(q.accounts);
    };
    const n = Math.max(5, Math.floor(persons.length / 100));
    for (let i = 0; i < n; i++) {
      const birthday = rnd.pick(persons);
      const friends = rnd.int(5, 8);
      for (let k = 0; k < friends; k++) this.emit({ at: this.at(9, 22), from: other(birthday), to: birthday.accounts[0]!, fen: rnd.fen(200, 888) });

      const shop = rnd.pick(persons);
      const customers = rnd.int(15, 30);
      for (let k = 0; k < customers; k++) this.emit({ at: this.at(8, 21), from: other(shop), to: shop.accounts[0]!, fen: rnd.fen(15, 300) });

      const nightWorker = rnd.pick(persons);
      for (let k = 0; k < rnd.int(2, 3); k++) this.emit({ at: this.at(1, 4), type: 'PAYMENT', channel: 'ONLINE', from: nightWorker.accounts[0]!, to: rnd.pick(this.population.merchants), fen: rnd.fen(20, 200) });

      const traveller = rnd.pick(persons);
      const away = rnd.pick(CITIES.filter((c) => c.division !== traveller.city.division));
      this.emit({ at: this.at(8, 10), type: 'CASH_WITHDRAWAL', channel: 'ATM', from: traveller.accounts[0]!, fen: rnd.int(5, 20) * 10_000, withId: true, atmId: atms.get(traveller)![0], region: traveller.city.division });
      this.emit({ at: this.at(16, 20), type: 'CASH_WITHDRAWAL', channel: 'ATM', from: traveller.accounts[0]!, fen: rnd.int(5, 20) * 10_000, withId: true, atmId: `${away.division}-ATM-7`, region: away.division });

      const buyer = rnd.pick(persons);
      this.emit({ at: this.at(10, 16), type: 'CASH_WITHDRAWAL', channel: 'COUNTER', from: buyer.accounts[0]!, fen: rnd.fen(45_000, 49_000, false), withId: true, region: buyer.city.division });

      const relay = rnd.pick(persons.filter((p) => p.supports.length > 0).slice(0, 200));
      if (relay !== undefined) {
        const t = this.at(9, 18);
        const fen = rnd.fen(2000, 6000);
        this.emit({ at: t, from: other(relay), to: relay.accounts[0]!, fen });
        // Passes part of it on to a parent soon after: a family, not a mule (under 90%).
        this.emit({ at: t + rnd.int(5, 25) * MINUTE_MS, from: relay.accounts[0]!, to: relay.supports[0]!.accounts[0]!, fen: Math.floor(fen * (0.3 + rnd.next() * 0.4)) });
      }
    }
  }

  // ------------------------------------------------------------------ injected patterns

  /** Victims pay a mule that passes nearly everything on within minutes. */
  rapidPassThrough(): void {
    const mule = this.mule();
    const boss = this.mule();
    const t0 = this.at(8, 18);
    const victims = this.rnd.int(2, 4);
    for (let i = 0; i < victims; i++) {
      const at = t0 + i * this.rnd.int(4, 9) * MINUTE_MS;
      const fen = this.rnd.fen(3000, 15000);
      this.emit({ at, from: this.rnd.pick(this.ordinaryPerson().accounts), to: mule, fen });
      this.emit({ at: at + this.rnd.int(2, 12) * MINUTE_MS, channel: 'ONLINE', from: mule, to: boss, fen: Math.floor(fen * (0.95 + this.rnd.next() * 0.04)) });
    }
    this.record('RAPID_PASS_THROUGH', [mule], [mule, boss]);
  }

  /** Many victims pay one collection account. */
  fanIn(): void {
    const collector = this.mule();
    const t0 = this.at(8, 14);
    const n = this.rnd.int(10, 16);
    const senders = new Set<Person>();
    while (senders.size < n) senders.add(this.ordinaryPerson());
    for (const s of senders) this.emit({ at: t0 + this.rnd.int(0, 360) * MINUTE_MS, from: this.rnd.pick(s.accounts), to: collector, fen: this.rnd.fen(600, 4000) });
    this.record('FAN_IN', [collector], [collector]);
  }

  /** A big sum arrives and is split over many next-layer accounts in the following hours. */
  fanOut(): void {
    const funder = this.mule();
    const disperser = this.mule();
    const t0 = this.at(8, 12);
    const n = this.rnd.int(10, 14);
    const total = this.rnd.fen(60_000, 120_000);
    this.emit({ at: t0, from: funder, to: disperser, fen: total });
    const receivers: SimAccount[] = [];
    let t = t0 + this.rnd.int(45, 70) * MINUTE_MS;
    for (let i = 0; i < n; i++) {
      const r = this.mule();
      receivers.push(r);
      this.emit({ at: t, from: disperser, to: r, fen: Math.floor((total / n) * (0.8 + this.rnd.next() * 0.15)) });
      t += this.rnd.int(8, 15) * MINUTE_MS;
    }
    this.record('FAN_OUT', [disperser], [disperser, funder, ...receivers]);
  }

  /** Cash just under the CNY 50,000 large-value line, on one account or split over a person's accounts. */
  structuring(personLevel: boolean): void {
    const p = this.suspect(personLevel ? 2 : 1);
    const t0 = this.at(9, 12);
    const legs = personLevel ? [0, 0, 1, 1] : Array.from({ length: this.rnd.int(3, 4) }, () => 0);
    let t = t0;
    for (const i of legs) {
      this.emit({ at: t, type: 'CASH_WITHDRAWAL', channel: 'COUNTER', from: p.accounts[i]!, fen: this.rnd.fen(45_000, 49_900, false), withId: true, region: p.city.division });
      t += this.rnd.int(40, 150) * MINUTE_MS;
    }
    this.record('STRUCTURING', p.accounts, p.accounts);
  }

  /** Outflows one after another between midnight and five. */
  nightBurst(): void {
    const acct = this.mule();
    const receivers = [this.mule(), this.mule(), this.mule()];
    let t = this.o.startMs + this.rnd.int(10, 90) * MINUTE_MS;
    const n = this.rnd.int(5, 8);
    for (let i = 0; i < n; i++) {
      this.emit({ at: t, from: acct, to: this.rnd.pick(receivers), fen: this.rnd.fen(200, 3000) });
      t += this.rnd.int(5, 25) * MINUTE_MS;
    }
    this.record('NIGHT_BURST', [acct], [acct, ...receivers]);
  }

  /** An account silent for more than half a year moves a large sum. */
  dormant(): void {
    const acct = this.mule(5 * 365 * DAY_MS);
    const funder = this.mule();
    const receiver = this.mule();
    this.activity.push({ bankCode: acct.bankCode, accountNumber: acct.accountNumber, lastActivityAt: formatChinaTime(this.o.startMs - this.rnd.int(200, 400) * DAY_MS) });
    const t0 = this.at(8, 16);
    const fen = this.rnd.fen(55_000, 90_000);
    this.emit({ at: t0, from: funder, to: acct, fen });
    this.emit({ at: t0 + this.rnd.int(50, 120) * MINUTE_MS, from: acct, to: receiver, fen: Math.floor(fen * 0.95) });
    this.record('DORMANT_REACTIVATED', [acct], [acct, funder, receiver]);
  }

  /** An account opened days ago moves a large sum. */
  newAccount(): void {
    const acct = this.mule(this.rnd.int(2, 25) * DAY_MS);
    const funder = this.mule();
    const receiver = this.mule();
    const t0 = this.at(8, 16);
    const fen = this.rnd.fen(55_000, 150_000);
    this.emit({ at: t0, from: funder, to: acct, fen });
    this.emit({ at: t0 + this.rnd.int(45, 100) * MINUTE_MS, from: acct, to: receiver, fen: Math.floor(fen * 0.97) });
    this.record('NEW_ACCOUNT_LARGE', [acct], [acct, funder, receiver]);
  }

  /** Cash taken out at many ATMs and cities, or at three banks by one person. */
  cashOut(personLevel: boolean): void {
    const p = this.suspect(personLevel ? 3 : 1);
    let t = this.at(9, 14);
    if (personLevel) {
      const city = p.city.division;
      p.accounts.forEach((a, i) => {
        this.emit({ at: t, type: 'CASH_WITHDRAWAL', channel: 'ATM', from: a, fen: this.rnd.int(20, 50) * 10_000, withId: true, atmId: `${city}-ATM-${90 + i}`, region: city });
        t += this.rnd.int(20, 60) * MINUTE_MS;
      });
    } else {
      const cities = [...CITIES].sort(() => this.rnd.next() - 0.5).slice(0, this.rnd.int(2, 3));
      const n = this.rnd.int(5, 7);
      for (let i = 0; i < n; i++) {
        const city = cities[i % cities.length]!.division;
        this.emit({ at: t, type: 'CASH_WITHDRAWAL', channel: 'ATM', from: p.accounts[0]!, fen: this.rnd.int(20, 50) * 10_000, withId: true, atmId: `${city}-ATM-${100 + i}`, region: city });
        t += this.rnd.int(30, 80) * MINUTE_MS;
      }
    }
    this.record('CASH_OUT_MULTI', p.accounts, p.accounts);
  }

  /** A script firing small transfers faster than a person can tap. */
  velocity(): void {
    const acct = this.mule();
    const receivers = [this.mule(), this.mule(), this.mule(), this.mule()];
    let t = this.at(9, 20);
    const n = this.rnd.int(22, 30);
    for (let i = 0; i < n; i++) {
      this.emit({ at: t, channel: 'ONLINE', from: acct, to: this.rnd.pick(receivers), fen: this.rnd.fen(50, 450) });
      t += this.rnd.int(8, 20) * 1000;
    }
    this.record('HIGH_VELOCITY', [acct], [acct, ...receivers]);
  }

  /** Money that goes round three or four accounts and comes back. */
  cycle(): void {
    const ring = Array.from({ length: this.rnd.int(3, 4) }, () => this.mule());
    let t = this.at(8, 14);
    let fen = this.rnd.fen(20_000, 60_000);
    for (let i = 0; i < ring.length; i++) {
      this.emit({ at: t, from: ring[i]!, to: ring[(i + 1) % ring.length]!, fen });
      fen = Math.floor(fen * (0.96 + this.rnd.next() * 0.03));
      t += this.rnd.int(35, 90) * MINUTE_MS;
    }
    this.record('CYCLE', ring, ring);
  }

  /** One account splits money over intermediaries which all pass it on to one gatherer. */
  scatterGather(): void {
    const source = this.mule();
    const gatherer = this.mule();
    const mids = Array.from({ length: this.rnd.int(3, 5) }, () => this.mule());
    const t0 = this.at(8, 16);
    mids.forEach((m, i) => {
      const at = t0 + i * this.rnd.int(3, 8) * MINUTE_MS;
      const fen = this.rnd.fen(5_000, 20_000);
      this.emit({ at, from: source, to: m, fen });
      this.emit({ at: at + this.rnd.int(15, 80) * MINUTE_MS, from: m, to: gatherer, fen: Math.floor(fen * (0.85 + this.rnd.next() * 0.13)) });
    });
    this.record('SCATTER_GATHER', [source, gatherer], [source, gatherer, ...mids]);
  }

  /** Victims, half of them elderly, pay accounts on the negative list. */
  victims(n: number): void {
    const listed = [this.mule(), this.mule(), this.mule()];
    for (const a of listed) this.listed.push({ bankCode: a.bankCode, accountNumber: a.accountNumber, name: a.holder!.name });
    const year = new Date(this.o.startMs).getUTCFullYear();
    const chosen = new Set<Person>();
    for (let i = 0; i < n; i++) {
      let v = this.ordinaryPerson((p) => (i % 2 === 0 ? year - p.birthYear >= 62 : year - p.birthYear < 60) && !chosen.has(p));
      if (chosen.has(v)) v = this.ordinaryPerson((p) => !chosen.has(p));
      chosen.add(v);
      const acct = this.rnd.pick(v.accounts);
      const target = this.rnd.pick(listed);
      let t = this.at(9, 20);
      const times = this.rnd.int(1, 3);
      for (let k = 0; k < times; k++) {
        this.emit({ at: t, channel: 'MOBILE', from: acct, to: target, fen: this.rnd.fen(2_000, 60_000), withId: true });
        t += this.rnd.int(10, 120) * MINUTE_MS;
      }
      this.record('VICTIM_WARNING', [acct], [acct, target]);
    }
  }

  build(): Scenario {
    const k = this.o.instancesPerPattern;
    for (let i = 0; i < k; i++) {
      this.rapidPassThrough();
      this.fanIn();
      this.fanOut();
      this.structuring(i % 3 === 2);
      this.nightBurst();
      this.dormant();
      this.newAccount();
      this.cashOut(i % 3 === 2);
      this.velocity();
      this.cycle();
      this.scatterGather();
    }
    this.victims(k);
    this.ordinary();
    this.events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const persons = [...this.population.persons, ...this.extraPersons];
    const registry: RegistryRow[] = [];
    const accounts = new Set<string>();
    for (const p of persons) {
      for (const a of p.accounts) {
        registry.push({ bankCode: a.bankCode, accountNumber: a.accountNumber, idNumber: p.idNumber, holderName: p.name, openedAt: formatChinaTime(a.openedAtMs) });
        accounts.add(a.key);
      }
    }
    for (const a of [...this.population.merchants, ...this.population.utilities, ...this.population.employers.map((e) => e.account)]) accounts.add(a.key);
    return { startMs: this.o.startMs, events: this.events, registry, activity: this.activity, listed: this.listed, instances: this.instances, accounts };
  }
}

export function buildScenario(o: ScenarioOptions): Scenario {
  return new ScenarioBuilder(o).build();
}
