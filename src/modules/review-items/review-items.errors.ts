import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const REVIEW_ITEM_ERRORS = {
  REVIEW_ITEM_NOT_FOUND: { status: 404, title: 'Review item not found' },
} as const satisfies ErrorCatalogue<string>;
export type ReviewItemErrorCode = keyof typeof REVIEW_ITEM_ERRORS;
