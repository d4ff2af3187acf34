import type { ErrorCatalogue } from '../errors/error-description.js';

export const BULK_IMPORT_ERRORS = {
  IMPORT_NOT_FOUND: { status: 404, title: 'Import not found' },
  IMPORT_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Send the file as text/csv or application/x-ndjson' },
  IMPORT_BAD_HEADER: { status: 422, title: 'The CSV header names unknown columns or misses required ones' },
} as const satisfies ErrorCatalogue<string>;
export type BulkImportErrorCode = keyof typeof BULK_IMPORT_ERRORS;
