/**
 * A fast yes/no check compiled from a DTO's class-validator metadata. Events on the stream
 * path are checked tens of thousands of times a second, and class-validator's executor (with
 * class-transformer before it) costs about 120 µs an event, several times the whole detection
 * engine. The compiled check runs the very constraint implementations the decorators registered
 * (isString, maxLength, matches, isIn, ...) with the same rules as validateSync under
 * { whitelist, forbidNonWhitelisted, forbidUnknownValues }: properties without metadata are
 * refused, IsOptional skips a null or undefined value (IsDefined included, as class-validator
 * does), nested DTOs are checked recursively.
 * It answers only "valid or not"; a value it refuses goes through class-validator for the
 * message. The DTO stays the one definition: there is nothing to keep in step by hand.
 * Metadata it does not understand (async, `each`, promise validation) is refused at compile
 * time, so the caller falls back to class-validator rather than guessing.
 */
import { getMetadataStorage, maxLength, minLength, ValidationTypes, type ValidationArguments } from 'class-validator';

type Ctor = abstract new (...args: never[]) => object;
export type DtoCheck = (value: unknown) => boolean;

interface Rule {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  constraints: unknown[];
  /** The same answer as `validate` for class-validator's own string constraints, without its wrappers. */
  inline?: (value: unknown) => boolean;
}

/** Characters validator's isLength does not count one for one (surrogates, variation selectors). */
const UNEVEN_LENGTH = /[\uD800-\uDFFF\uFE0E\uFE0F]/;

/**
 * class-validator's isString, maxLength, minLength, matches and isIn as plain code, the same
 * rules: isLength counts a surrogate pair, and a variation selector, as no extra character, so
 * a string no longer in UTF-16 units than the maximum passes at once, and a string without such
 * characters has its UTF-16 length; anything else asks validator. A pattern with the g or y flag
 * (stateful) and a list holding NaN stay with class-validator. Keyed by the constraint names
 * class-validator registers; project decorators do not reuse them.
 */
function inlineRule(name: string, constraints: readonly unknown[] | undefined): ((value: unknown) => boolean) | undefined {
  const c0 = constraints?.[0];
  switch (name) {
    case 'isString':
      return (v) => typeof v === 'string' || v instanceof String;
    case 'maxLength': {
      if (typeof c0 !== 'number') return undefined;
      return (v) => typeof v === 'string' && (v.length <= c0 || maxLength(v, c0));
    }
    case 'minLength': {
      if (typeof c0 !== 'number') return undefined;
      return (v) => typeof v === 'string' && (UNEVEN_LENGTH.test(v) ? minLength(v, c0) : v.length >= c0);
    }
    case 'matches': {
      if (!(c0 instanceof RegExp) || c0.global || c0.sticky || constraints?.[1] !== undefined) return undefined;
      return (v) => typeof v === 'string' && c0.test(v);
    }
    case 'isIn': {
      if (!Array.isArray(c0) || c0.some((x) => Number.isNaN(x))) return undefined;
      const allowed = new Set<unknown>(c0);
      return (v) => allowed.has(v);
    }
    default:
      return undefined;
  }
}

interface PropertyCheck {
  name: string;
  optional: Array<(object: object, value: unknown) => boolean>;
  rules: Rule[];
  nested: DtoCheck | undefined;
}

export class NotCompilableError extends Error {}

/**
 * @param nested the DTO class of each nested property (as its @Type says), by property name,
 *   at any depth: `{ debtor: PartyDto }`; or a function that checks a nested value by itself
 *   (for instances class-transformer built, whose constructor names their DTO).
 * @throws NotCompilableError for metadata this compiler does not handle
 */
export function compileDtoCheck(dto: Ctor, nested: Readonly<Record<string, Ctor>> | DtoCheck = {}): DtoCheck {
  const storage = getMetadataStorage();
  const metas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
  if (metas.length === 0) throw new NotCompilableError(`${dto.name} has no validation metadata`);
  const grouped = storage.groupByPropertyName(metas);
  const props: PropertyCheck[] = [];
  for (const [name, list] of Object.entries(grouped)) {
    const p: PropertyCheck = { name, optional: [], rules: [], nested: undefined };
    for (const m of list) {
      if (m.each) throw new NotCompilableError(`${dto.name}.${name}: "each" validation`);
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        p.optional.push(m.constraints[0] as (object: object, value: unknown) => boolean);
      } else if (m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED) {
        // IsDefined is a rule like the others once IsOptional has had its say.
        if (m.validateIf) throw new NotCompilableError(`${dto.name}.${name}: validateIf`);
        for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (c.async) throw new NotCompilableError(`${dto.name}.${name}: async constraint ${c.name}`);
          const instance = c.instance as { validate: (value: unknown, args: ValidationArguments) => unknown };
          const inline = m.type === ValidationTypes.CUSTOM_VALIDATION && m.name !== undefined ? inlineRule(m.name, m.constraints) : undefined;
          p.rules.push({ validate: instance.validate.bind(instance), constraints: m.constraints, ...(inline ? { inline } : {}) });
        }
      } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
        if (typeof nested === 'function') {
          p.nested = nested;
        } else {
          const cls = nested[name];
          if (cls === undefined) throw new NotCompilableError(`${dto.name}.${name}: nested type not given`);
          p.nested = compileDtoCheck(cls, nested);
        }
      } else if (m.type !== ValidationTypes.WHITELIST) {
        throw new NotCompilableError(`${dto.name}.${name}: validation type ${m.type}`);
      }
    }
    props.push(p);
  }
  const known = new Set(props.map((p) => p.name));
  const targetName = dto.name;
  return (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) if (!known.has(key)) return false;
    for (const p of props) {
      const v = object[p.name];
      let skip = false;
      for (const cond of p.optional) if (!cond(object, v)) skip = true;
      if (skip) continue;
      for (const r of p.rules) {
        if (r.inline !== undefined) {
          if (!r.inline(v)) return false;
        } else if (r.validate(v, { targetName, property: p.name, object, value: v, constraints: r.constraints }) !== true) {
          return false;
        }
      }
      if (p.nested !== undefined && v !== undefined && !p.nested(v)) return false;
    }
    return true;
  };
}
