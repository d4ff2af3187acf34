/**
 * `@IsBankAccountNumber()`: 6-32 digits after removing spaces and dashes. Luhn is deliberately not
 * required (accounts without a card have no check digit); use `bankCardSignals` for the signal.
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isAccountNumber } from '../../domain/identity/bank-card.js';

export const IS_BANK_ACCOUNT_NUMBER = 'isBankAccountNumber';

export function IsBankAccountNumber(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_BANK_ACCOUNT_NUMBER,
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isAccountNumber(value),
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? 'value'} must be a bank account number of 6-32 digits`,
      },
    },
    validationOptions,
  );
}
