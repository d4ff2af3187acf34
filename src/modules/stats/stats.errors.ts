import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const STATS_ERRORS = {
  STATS_INVALID_PERIOD: { status: 422, title: 'The period is not valid' },
} as const satisfies ErrorCatalogue<string>;
export type StatsErrorCode = keyof typeof STATS_ERRORS;
