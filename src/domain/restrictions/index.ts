/** The restrictions domain: the ladder, the per-operation check, terms, caps and policies. */
export * from './cap-usage.js';
export * from './check.js';
export * from './effective.js';
export * from './errors.js';
export * from './ladder.js';
export * from './order-status.js';
export * from './policy.js';
export * from './shanghai-time.js';
export * from './terms.js';
