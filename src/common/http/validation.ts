import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainError } from '../../domain/domain-error.js';
import { compileDtoCheck, type DtoCheck } from '../validation/compiled-dto-check.js';

/** Constraint names of the identifier decorators: failing one of them is a 422, not a 400. */
const IDENTIFIER_CONSTRAINTS = new Set(['isResidentIdNumber', 'isUscc', 'isCnMobile', 'isBankAccountNumber']);

export interface FieldError {
  field: string;
  constraints: Record<string, string>;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = e.constraints ? [{ field, constraints: e.constraints }] : [];
    return own.concat(flatten(e.children ?? [], field));
  });
}

export function validationErrorToDomain(errors: ValidationError[]): DomainError {
  const fields = flatten(errors);
  const identifier = fields.some((f) => Object.keys(f.constraints).some((c) => IDENTIFIER_CONSTRAINTS.has(c)));
  const detail = fields.map((f) => Object.values(f.constraints).join(', ')).join('; ');
  return new DomainError(identifier ? 'INVALID_IDENTIFIER' : 'VALIDATION_FAILED', detail || 'The request is not valid.', { errors: fields });
}

/**
 * The ValidationPipe with a fast path: each DTO's rules are compiled once into a plain check
 * (compiled-dto-check.ts), which runs on the instance class-transformer built, after every
 * @Transform. A body the check accepts is valid; anything else (a refusal, a DTO the compiler
 * does not handle) goes through class-validator as before, which gives the detailed errors.
 * Same rules, same errors: class-validator's executor is just no longer paid on valid requests.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly checks = new Map<unknown, DtoCheck | null>();
  /** Instances the compiled check accepted while looking for binary values, before `validate`. */
  private readonly accepted = new WeakSet<object>();

  /**
   * The pipe looks for binary values (Buffers, typed arrays) where nested DTOs are expected, on
   * every request, reading class-validator's metadata afresh. A value the compiled check accepts
   * holds an instance of the nested DTO class in each such place (a binary value is none), so
   * there is nothing to find; `validate` then takes the answer as it stands.
   */
  protected override findNestedBinaryValues(object: unknown, metadataCache?: Map<unknown, unknown[]>): ValidationError[] {
    const check = typeof object === 'object' && object !== null ? this.checkOf(object.constructor) : null;
    if (check !== null && check(object)) {
      this.accepted.add(object as object);
      return [];
    }
    return super.findNestedBinaryValues(object, metadataCache as Map<unknown, unknown[]> | undefined);
  }

  protected override validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (this.accepted.delete(object)) return [];
    const check = this.checkOf(object.constructor);
    if (check !== null && check(object)) return [];
    return super.validate(object, validatorOptions);
  }

  private checkOf(ctor: unknown): DtoCheck | null {
    if (typeof ctor !== 'function' || ctor === Object) return null;
    let check = this.checks.get(ctor);
    if (check === undefined) {
      try {
        // Nested DTOs are checked by the class of the instance class-transformer made of them;
        // a nested value that is no such instance fails the fast check, and class-validator decides.
        check = compileDtoCheck(ctor as abstract new () => object, (value) => {
          const nestedCheck = typeof value === 'object' && value !== null ? this.checkOf(value.constructor) : null;
          return nestedCheck !== null && nestedCheck(value);
        });
      } catch {
        check = null;
      }
      this.checks.set(ctor, check);
    }
    return check;
  }
}

/** The global pipe: strip nothing silently (unknown fields are errors), transform to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new CompiledValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: validationErrorToDomain,
  });
}
