/**
 * `@IsResidentIdNumber()`: the DTO edge of the GB 11643 validator in the identity domain.
 * The clock is read here, at the edge, so "born in the future" is judged against the current date.
 * Messages name the rejection reason but never echo the value (it is personal data).
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { DomainError } from '../../domain/domain-error.js';
import { parseResidentId } from '../../domain/identity/national-id.js';

export const IS_RESIDENT_ID_NUMBER = 'isResidentIdNumber';

export function residentIdRejection(value: unknown, now: Date): string | undefined {
  if (typeof value !== 'string') return 'FORMAT';
  try {
    parseResidentId(value, now);
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return String(err.details?.['reason'] ?? err.code);
    throw err;
  }
}

export function IsResidentIdNumber(validationOptions?: ValidationOptions, clock: () => Date = () => new Date()): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_RESIDENT_ID_NUMBER,
      validator: {
        validate: (value: unknown): boolean => residentIdRejection(value, clock()) === undefined,
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? 'value'} must be a valid resident ID number (${residentIdRejection(args?.value, clock()) ?? 'FORMAT'})`,
      },
    },
    validationOptions,
  );
}
