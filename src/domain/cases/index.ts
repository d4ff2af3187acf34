/** The cases domain: severities and priority, status transitions, time limits, four eyes, suppressions, feedback. */
export * from './case-intake.js';
export * from './case-status.js';
export * from './decision-policy.js';
export * from './due-date.js';
export * from './feedback.js';
export * from './round-robin.js';
export * from './severity.js';
export * from './subject-profile.js';
export * from './suppression.js';
