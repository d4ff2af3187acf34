/**
 * Validators for the application's identifiers that depend on a sibling field (the document
 * type). They report under the resident-ID constraint name, so a bad document number answers
 * 422 INVALID_IDENTIFIER like a bad resident ID does.
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { parseIsoDate } from '../../../domain/identity/calendar-date.js';
import { IS_RESIDENT_ID_NUMBER, residentIdRejection } from '../../../common/validators/is-resident-id-number.decorator.js';

const DOCUMENT = /^[A-Z0-9]{4,30}$/;

function documentRejection(value: unknown, idType: unknown, now: Date): string | undefined {
  if (idType === undefined || idType === 'RESIDENT_ID') return residentIdRejection(value, now);
  if (typeof value !== 'string') return 'FORMAT';
  return DOCUMENT.test(value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()) ? undefined : 'FORMAT';
}

/** A resident ID number (GB 11643) when `idType` is RESIDENT_ID or absent, else a document number. */
export function IsDocumentNumber(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_RESIDENT_ID_NUMBER,
      validator: {
        validate: (value: unknown, args?: ValidationArguments): boolean =>
          documentRejection(value, (args?.object as { idType?: unknown } | undefined)?.idType, new Date()) === undefined,
        defaultMessage: (args?: ValidationArguments): string => {
          const idType = (args?.object as { idType?: unknown } | undefined)?.idType;
          const reason = documentRejection(args?.value, idType, new Date()) ?? 'FORMAT';
          return idType === undefined || idType === 'RESIDENT_ID'
            ? `${args?.property ?? 'idNumber'} must be a valid resident ID number (${reason})`
            : `${args?.property ?? 'idNumber'} must be a document number of 4-30 letters or digits (${reason})`;
        },
      },
    },
    validationOptions,
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && parseIsoDate(value) !== undefined;
}

/** A real calendar date 'YYYY-MM-DD'; with `longTerm`, also the word LONG_TERM (长期). */
export function IsCalendarDate(options: { longTerm?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown): boolean => isIsoDate(value) || (options.longTerm === true && value === 'LONG_TERM'),
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? 'value'} must be a real date YYYY-MM-DD${options.longTerm ? ' or LONG_TERM' : ''}`,
      },
    },
    validationOptions,
  );
}
