/**
 * Typed parameter specs for rules, so a rule set read from an admin's JSON is checked field by
 * field (with exact paths in the error) before it can decide anything.
 */

export type ParamField =
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number; readonly nullable?: boolean }
  | { readonly type: 'number'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'enum-list'; readonly values: readonly string[] }
  | { readonly type: 'string-list' };

/** The field kinds a parameter of type T may be declared with. */
export type ParamFieldFor<T> = [T] extends [boolean]
  ? Extract<ParamField, { type: 'boolean' }>
  : [T] extends [number]
    ? Extract<ParamField, { type: 'integer' | 'number' }>
    : [T] extends [number | null]
      ? Extract<ParamField, { type: 'integer' }> & { readonly nullable: true }
      : [T] extends [readonly string[]]
        ? Extract<ParamField, { type: 'enum-list' | 'string-list' }>
        : [T] extends [string]
          ? Extract<ParamField, { type: 'enum' }>
          : never;

export type ParamSpec<P> = { readonly [K in keyof P]-?: ParamFieldFor<P[K]> };

export interface ValidationIssue {
  path: string;
  message: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Reads params against a spec: missing fields take the default, unknown fields and wrong types
 * are reported under `path`. Returns a fresh object (arrays copied) even when issues were found.
 */
export function readParams<P extends object>(
  input: unknown,
  spec: ParamSpec<P>,
  defaults: Readonly<P>,
  path: string,
  issues: ValidationIssue[],
): P {
  const out: Record<string, unknown> = {};
  const fields = spec as Readonly<Record<string, ParamField>>;
  const fallback = defaults as Readonly<Record<string, unknown>>;
  if (input !== undefined && !isPlainObject(input)) {
    issues.push({ path, message: 'must be an object' });
    input = undefined;
  }
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(fields, key)) issues.push({ path: `${path}.${key}`, message: 'unknown parameter' });
  }
  for (const [key, field] of Object.entries(fields)) {
    const fieldPath = `${path}.${key}`;
    if (!Object.hasOwn(given, key) || given[key] === undefined) {
      out[key] = copy(fallback[key]);
      continue;
    }
    const problem = checkField(given[key], field);
    if (problem === null) {
      out[key] = copy(given[key]);
    } else {
      issues.push({ path: fieldPath, message: problem });
      out[key] = copy(fallback[key]);
    }
  }
  return out as P;
}

function copy(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}

function checkField(value: unknown, field: ParamField): string | null {
  switch (field.type) {
    case 'integer': {
      if (value === null) return field.nullable === true ? null : 'must be an integer';
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return field.nullable === true ? 'must be an integer or null' : 'must be an integer';
      }
      return checkRange(value, field.min, field.max);
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      return checkRange(value, field.min, field.max);
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be a boolean';
    case 'enum':
      return typeof value === 'string' && field.values.includes(value)
        ? null
        : `must be one of ${field.values.join(', ')}`;
    case 'enum-list': {
      if (!Array.isArray(value)) return `must be an array of ${field.values.join(', ')}`;
      const bad = value.find((v) => typeof v !== 'string' || !field.values.includes(v));
      if (bad !== undefined) return `contains ${JSON.stringify(bad)}; allowed: ${field.values.join(', ')}`;
      return hasDuplicates(value as string[]) ? 'must not contain duplicates' : null;
    }
    case 'string-list': {
      if (!Array.isArray(value)) return 'must be an array of strings';
      const bad = value.find((v) => typeof v !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(v));
      if (bad !== undefined) return `contains ${JSON.stringify(bad)}; items must be UPPER_SNAKE codes`;
      return hasDuplicates(value as string[]) ? 'must not contain duplicates' : null;
    }
  }
}

function checkRange(value: number, min: number | undefined, max: number | undefined): string | null {
  if (min !== undefined && value < min) return `must be at least ${min}`;
  if (max !== undefined && value > max) return `must be at most ${max}`;
  return null;
}

function hasDuplicates(values: string[]): boolean {
  return new Set(values).size !== values.length;
}
