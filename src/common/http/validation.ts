import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../../domain/domain-error.js';

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

/** The global pipe: strip nothing silently (unknown fields are errors), transform to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: validationErrorToDomain,
  });
}
