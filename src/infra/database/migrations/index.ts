import { Foundation1763700000000 } from './1763700000000-foundation.js';

/** Migrations in the order they apply. New migrations are appended here. */
export const MIGRATIONS = [Foundation1763700000000];
