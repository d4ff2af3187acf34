import { Foundation1763700000000 } from './1763700000000-foundation.js';
import { Accounts1763750000000 } from './1763750000000-accounts.js';
import { Cases1764200000000 } from './1764200000000-cases.js';
import { TransfersAlerts1764100000000 } from './1764100000000-transfers-alerts.js';
import { TransferStreamOffsets1764100000001 } from './1764100000001-transfer-stream-offsets.js';
import { NegativeList1763800000000 } from './1763800000000-negative-list.js';
import { Registry1763810000000 } from './1763810000000-registry.js';
import { Restrictions1763900000000 } from './1763900000000-restrictions.js';
import { Screening1764000000000 } from './1764000000000-screening.js';
import { Openings1764000100000 } from './1764000100000-openings.js';
import { ReviewHandoff1764000200000 } from './1764000200000-review-handoff.js';
import { ReviewPendingIndex1764300000000 } from './1764300000000-review-pending-index.js';
import { ScreeningDocuments1764400000000 } from './1764400000000-screening-documents.js';
import { RegistryCountIndexes1764500000000 } from './1764500000000-registry-count-indexes.js';
import { AuditAppend1764600000000 } from './1764600000000-audit-append.js';

/** Migrations in the order they apply. New migrations are appended here. */
export const MIGRATIONS = [
  Foundation1763700000000,
  Accounts1763750000000,
  NegativeList1763800000000,
  Registry1763810000000,
  Restrictions1763900000000,
  Cases1764200000000,
  Screening1764000000000,
  Openings1764000100000,
  ReviewHandoff1764000200000,
  TransfersAlerts1764100000000,
  TransferStreamOffsets1764100000001,
  ReviewPendingIndex1764300000000,
  ScreeningDocuments1764400000000,
  RegistryCountIndexes1764500000000,
  AuditAppend1764600000000,
];
