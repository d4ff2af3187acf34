/** `@IsUscc()`: the DTO edge of the GB 32100 unified social credit code validator. */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { DomainError } from '../../domain/domain-error.js';
import { parseUscc } from '../../domain/identity/uscc.js';

export const IS_USCC = 'isUscc';

function usccRejection(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'FORMAT';
  try {
    parseUscc(value);
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return String(err.details?.['reason'] ?? err.code);
    throw err;
  }
}

export function IsUscc(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_USCC,
      validator: {
        validate: (value: unknown): boolean => usccRejection(value) === undefined,
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? 'value'} must be a valid unified social credit code (${usccRejection(args?.value) ?? 'FORMAT'})`,
      },
    },
    validationOptions,
  );
}
