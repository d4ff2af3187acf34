import { Module } from '@nestjs/common';
import { BulkImportModule } from '../../common/bulk-import/bulk-import.module.js';
import { NegativeListModule } from '../negative-list/negative-list.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AccountRestrictionsController } from './account-restrictions.controller.js';
import { CapUsageStore } from './cap-usage.store.js';
import { EffectiveStateService } from './effective-state.service.js';
import { NegativeListEntryAdapter } from './negative-list-entry.reader.js';
import { NEGATIVE_LIST_ENTRY_READER } from './negative-list-events.js';
import { NegativeListSubscriber } from './negative-list.subscriber.js';
import { RestrictionAutomationService } from './restriction-automation.service.js';
import { RestrictionBulkRepository } from './restriction-bulk.repository.js';
import { RestrictionBulkService } from './restriction-bulk.service.js';
import { RestrictionCapUsageRepository } from './restriction-cap-usage.repository.js';
import { RestrictionCheckService } from './restriction-check.service.js';
import { RestrictionExpiryScheduler } from './restriction-expiry.scheduler.js';
import { RestrictionOrdersService } from './restriction-orders.service.js';
import { RestrictionPoliciesRepository } from './restriction-policies.repository.js';
import { RestrictionPoliciesService } from './restriction-policies.service.js';
import { RestrictionViewService } from './restriction-view.service.js';
import { RestrictionsController } from './restrictions.controller.js';
import { RestrictionsRepository } from './restrictions.repository.js';
import { RestrictionsService } from './restrictions.service.js';

/**
 * Tiered account restrictions (分类分级管控) and the check core banking calls. Other modules use
 * RestrictionsService (onAlert, personMeasures, entryInForce/entryReleased, onAccountsRecorded) and
 * RestrictionOrdersService (orders for callers holding a principal). See README.md.
 */
@Module({
  imports: [WebhooksModule, NegativeListModule, BulkImportModule],
  controllers: [RestrictionsController, AccountRestrictionsController],
  providers: [
    RestrictionsRepository,
    RestrictionPoliciesRepository,
    RestrictionCapUsageRepository,
    RestrictionBulkRepository,
    EffectiveStateService,
    RestrictionViewService,
    CapUsageStore,
    RestrictionCheckService,
    RestrictionOrdersService,
    RestrictionPoliciesService,
    RestrictionAutomationService,
    RestrictionExpiryScheduler,
    RestrictionBulkService,
    NegativeListEntryAdapter,
    { provide: NEGATIVE_LIST_ENTRY_READER, useExisting: NegativeListEntryAdapter },
    NegativeListSubscriber,
    RestrictionsService,
  ],
  exports: [RestrictionsService, RestrictionOrdersService],
})
export class RestrictionsModule {}
