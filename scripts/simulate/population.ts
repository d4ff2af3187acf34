/**
 * The synthetic population: persons with valid resident ID numbers (the domain's factory computes
 * the check character), their accounts at several banks, households, employers, merchants and
 * utilities. Account numbers carry a run tag, so runs against one database never share accounts.
 */
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { Random } from './random.js';

/** Twelve-digit bank codes (CNAPS style) of the simulated member banks. */
export const BANKS = ['102100099996', '103100000026', '104100000004', '105100000017', '301290000007', '308584000013'] as const;

/** Cities by GB/T 2260 district code, with a few ATMs each. */
export const CITIES = [
  { name: 'Beijing', division: '110105' },
  { name: 'Shanghai', division: '310104' },
  { name: 'Shenzhen', division: '440305' },
  { name: 'Hangzhou', division: '330106' },
  { name: 'Chengdu', division: '510107' },
  { name: 'Wuhan', division: '420106' },
] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '建国', '桂英', '志强', '晓东'];

export interface SimAccount {
  bankCode: string;
  accountNumber: string;
  /** `${bankCode}:${accountNumber}` */
  key: string;
  /** Absent for merchants, utilities and employers (company accounts, not loaded into the registry). */
  holder?: Person;
  openedAtMs: number;
}

export interface Person {
  idNumber: string;
  name: string;
  birthYear: number;
  city: (typeof CITIES)[number];
  accounts: SimAccount[];
  /** Persons this one supports (parents). */
  supports: Person[];
  landlord?: Person;
  employer?: SimAccount;
}

export interface Population {
  persons: Person[];
  merchants: SimAccount[];
  utilities: SimAccount[];
  employers: Array<{ account: SimAccount; employees: Person[] }>;
  /** Two favourite ATMs per person: `${division}-ATM-n`. */
  atms: Map<Person, string[]>;
}

export class AccountFactory {
  private serial = 0;
  private personSerial = 0;

  constructor(
    private readonly rnd: Random,
    /** Four digits that differ between runs. */
    private readonly runTag: string,
  ) {}

  account(bankCode: string, openedAtMs: number, holder?: Person): SimAccount {
    const accountNumber = `62${this.runTag}${String(++this.serial).padStart(10, '0')}`;
    const a: SimAccount = { bankCode, accountNumber, key: `${bankCode}:${accountNumber}`, openedAtMs, ...(holder ? { holder } : {}) };
    holder?.accounts.push(a);
    return a;
  }

  /** A person born in [fromYear, toYear] with a valid resident ID number. */
  person(fromYear: number, toYear: number): Person {
    const rnd = this.rnd;
    const city = rnd.pick(CITIES);
    const birthYear = rnd.int(fromYear, toYear);
    const n = ++this.personSerial;
    const birthDate = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const idNumber = makeResidentId({ divisionCode: city.division, birthDate, sequence: n % 100, sex: rnd.chance(0.5) ? 'MALE' : 'FEMALE' });
    return { idNumber, name: rnd.pick(SURNAMES) + rnd.pick(GIVEN), birthYear, city, accounts: [], supports: [] };
  }
}

const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;

export function buildPopulation(rnd: Random, factory: AccountFactory, persons: number, startMs: number): Population {
  const people: Person[] = [];
  const atms = new Map<Person, string[]>();
  for (let i = 0; i < persons; i++) {
    const p = factory.person(1945, 2005);
    const n = rnd.chance(0.55) ? 1 : rnd.chance(0.7) ? 2 : 3;
    const banks = [...BANKS].sort(() => rnd.next() - 0.5).slice(0, n);
    for (const bank of banks) {
      // Most accounts are years old; a few ordinary ones were opened this month.
      const opened = rnd.chance(0.03) ? startMs - rnd.int(3, 25) * DAY_MS : startMs - rnd.int(1, 15) * YEAR_MS - rnd.int(0, 300) * DAY_MS;
      factory.account(bank, opened, p);
    }
    atms.set(p, [`${p.city.division}-ATM-${rnd.int(1, 40)}`, `${p.city.division}-ATM-${rnd.int(41, 80)}`]);
    people.push(p);
  }
  // Households: the young support their parents (one direction only).
  for (let i = 0; i + 2 < people.length; i += 3) {
    const [a, b, c] = [people[i]!, people[i + 1]!, people[i + 2]!].sort((x, y) => y.birthYear - x.birthYear);
    if (a.birthYear - b.birthYear >= 18) a.supports.push(b);
    if (a.birthYear - c.birthYear >= 18) a.supports.push(c);
  }
  // Landlords: one person in twenty lets a flat to a few others.
  const landlords = people.filter(() => rnd.chance(0.05));
  for (const p of people) if (!landlords.includes(p) && rnd.chance(0.4) && landlords.length > 0) p.landlord = rnd.pick(landlords);
  // Small employers (family firms): three to eight employees each.
  const employers: Population['employers'] = [];
  const workers = people.filter((p) => p.birthYear >= 1962 && p.birthYear <= 2003 && rnd.chance(0.7));
  for (let i = 0; i < workers.length; ) {
    const size = rnd.int(3, 8);
    const account = factory.account(rnd.pick(BANKS), startMs - rnd.int(2, 10) * YEAR_MS);
    const employees = workers.slice(i, i + size);
    for (const e of employees) e.employer = account;
    employers.push({ account, employees });
    i += size;
  }
  const merchants = Array.from({ length: Math.max(20, Math.floor(persons / 25)) }, () => factory.account(rnd.pick(BANKS), startMs - rnd.int(1, 8) * YEAR_MS));
  const utilities = Array.from({ length: 6 }, () => factory.account(rnd.pick(BANKS), startMs - 10 * YEAR_MS));
  return { persons: people, merchants, utilities, employers, atms };
}
