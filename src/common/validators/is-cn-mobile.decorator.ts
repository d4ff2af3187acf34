/**
 * `@IsCnMobile()`: accepts any spelling that normalises to an 11-digit mainland mobile number
 * (+86 / 0086 / 86 prefixes, spaces, dashes, parentheses). Services store `normaliseCnMobile(value)`.
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCnMobile } from '../../domain/identity/phone.js';

export const IS_CN_MOBILE = 'isCnMobile';

export function IsCnMobile(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CN_MOBILE,
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isCnMobile(value),
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? 'value'} must be a mainland China mobile number`,
      },
    },
    validationOptions,
  );
}
