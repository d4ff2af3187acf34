import { ImportJobEntity } from '../../common/bulk-import/import-job.entity.js';
import { ImportRowErrorEntity } from '../../common/bulk-import/import-row-error.entity.js';
import { IdempotencyRecordEntity } from '../../common/idempotency/idempotency-record.entity.js';
import { BankAccountEntity } from '../../modules/accounts/bank-account.entity.js';
import { AuditRecordEntity } from '../../modules/audit/audit-record.entity.js';
import { ApiKeyEntity } from '../../modules/auth/api-key.entity.js';
import { UserEntity } from '../../modules/auth/user.entity.js';
import { CaseAssignmentCursorEntity } from '../../modules/cases/entities/case-assignment-cursor.entity.js';
import { CaseDecisionEntity } from '../../modules/cases/entities/case-decision.entity.js';
import { CaseDispositionEntity } from '../../modules/cases/entities/case-disposition.entity.js';
import { CaseEventEntity } from '../../modules/cases/entities/case-event.entity.js';
import { CaseItemEntity } from '../../modules/cases/entities/case-item.entity.js';
import { CasePackageEntity } from '../../modules/cases/entities/case-package.entity.js';
import { CaseSuppressionEntity } from '../../modules/cases/entities/case-suppression.entity.js';
import { CaseEntity } from '../../modules/cases/entities/case.entity.js';
import { InstitutionEntity } from '../../modules/institutions/institution.entity.js';
import { NegativeListAppealEntity } from '../../modules/negative-list/negative-list-appeal.entity.js';
import { NegativeListEntryVersionEntity } from '../../modules/negative-list/negative-list-entry-version.entity.js';
import { NegativeListEntryEntity } from '../../modules/negative-list/negative-list-entry.entity.js';
import { NegativeListNonMatchEntity } from '../../modules/negative-list/negative-list-non-match.entity.js';
import { AlertEntity } from '../../modules/alerts/alert.entity.js';
import { AccountActivityEntity } from '../../modules/transfers/account-activity.entity.js';
import { TransferEventEntity } from '../../modules/transfers/transfer-event.entity.js';
import { TransferStreamOffsetEntity } from '../../modules/transfers/transfer-stream-offset.entity.js';
import { RegistryEntityVersionEntity } from '../../modules/registry/registry-entity-version.entity.js';
import { RegistryEntityEntity } from '../../modules/registry/registry-entity.entity.js';
import { RestrictionAccountStateEntity } from '../../modules/restrictions/restriction-account-state.entity.js';
import { RestrictionBulkJobEntity } from '../../modules/restrictions/restriction-bulk-job.entity.js';
import { RestrictionBulkRowEntity } from '../../modules/restrictions/restriction-bulk-row.entity.js';
import { RestrictionCapUsageEntity } from '../../modules/restrictions/restriction-cap-usage.entity.js';
import { RestrictionEffectiveChangeEntity } from '../../modules/restrictions/restriction-effective-change.entity.js';
import { RestrictionOrderEventEntity } from '../../modules/restrictions/restriction-order-event.entity.js';
import { RestrictionOrderEntity } from '../../modules/restrictions/restriction-order.entity.js';
import { RestrictionPolicySetEntity } from '../../modules/restrictions/restriction-policy-set.entity.js';
import { WebhookAttemptEntity } from '../../modules/webhooks/webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from '../../modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../../modules/webhooks/webhook-endpoint.entity.js';
import { AccountOpeningRecordEntity } from '../../modules/openings/account-opening-record.entity.js';
import { RescreenHitEntity } from '../../modules/openings/rescreen/rescreen-hit.entity.js';
import { RescreenJobEntity } from '../../modules/openings/rescreen/rescreen-job.entity.js';
import { SecondVerificationEntity } from '../../modules/openings/second-verification/second-verification.entity.js';
import { ReviewItemEntity } from '../../modules/review-items/review-item.entity.js';
import { RuleSetEntity } from '../../modules/screening/rule-set.entity.js';
import { ScreeningEntity } from '../../modules/screening/screening.entity.js';
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
  RuleSetEntity,
  ScreeningEntity,
  ReviewItemEntity,
  AccountOpeningRecordEntity,
  SecondVerificationEntity,
  RescreenJobEntity,
  RescreenHitEntity,
  ImportJobEntity,
  ImportRowErrorEntity,
  NegativeListEntryEntity,
  NegativeListEntryVersionEntity,
  NegativeListAppealEntity,
  NegativeListNonMatchEntity,
  RegistryEntityEntity,
  RegistryEntityVersionEntity,
  CaseEntity,
  CaseItemEntity,
  CaseEventEntity,
  CaseDecisionEntity,
  CaseSuppressionEntity,
  CaseDispositionEntity,
  CasePackageEntity,
  CaseAssignmentCursorEntity,
  AlertEntity,
  TransferEventEntity,
  AccountActivityEntity,
  TransferStreamOffsetEntity,
  RestrictionOrderEntity,
  RestrictionOrderEventEntity,
  RestrictionAccountStateEntity,
  RestrictionEffectiveChangeEntity,
  RestrictionPolicySetEntity,
  RestrictionCapUsageEntity,
  RestrictionBulkJobEntity,
  RestrictionBulkRowEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];
