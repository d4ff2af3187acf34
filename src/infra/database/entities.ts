import { IdempotencyRecordEntity } from '../../common/idempotency/idempotency-record.entity.js';
import { BankAccountEntity } from '../../modules/accounts/bank-account.entity.js';
import { AuditRecordEntity } from '../../modules/audit/audit-record.entity.js';
import { ApiKeyEntity } from '../../modules/auth/api-key.entity.js';
import { UserEntity } from '../../modules/auth/user.entity.js';
import { InstitutionEntity } from '../../modules/institutions/institution.entity.js';
import { PlatformSecretEntity } from './platform-secret.entity.js';

/** Every entity of the service. The migration drift check compares these with the migrations. */
export const ENTITIES = [
  InstitutionEntity,
  UserEntity,
  ApiKeyEntity,
  AuditRecordEntity,
  IdempotencyRecordEntity,
  PlatformSecretEntity,
  BankAccountEntity,
];
