import { Module } from '@nestjs/common';
import { NegativeListModule } from '../negative-list/negative-list.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { RestrictionsModule } from '../restrictions/restrictions.module.js';
import { ReviewItemsModule } from '../review-items/review-items.module.js';
import { ActivityBatcher } from './activity-batcher.js';
import { BacktestService } from './backtest.service.js';
import { BacktestsController } from './backtests.controller.js';
import { NEGATIVE_LIST_PORT } from './ports/negative-list.port.js';
import { ListedIdentifiersRepository } from './ports/listed-identifiers.repository.js';
import { NegativeListMatcherAdapter } from './ports/negative-list.adapter.js';
import { RestrictionsServiceAdapter } from './ports/person-restrictions.adapter.js';
import { PERSON_RESTRICTIONS_PORT } from './ports/person-restrictions.port.js';
import { REGISTRY_PORT } from './ports/registry.port.js';
import { RegistryServiceAdapter } from './ports/registry.adapter.js';
import { RecentActivityRepository } from './recent-activity.repository.js';
import { RecentActivityService } from './recent-activity.service.js';
import { RuleSetsController } from './rule-sets.controller.js';
import { RuleSetsRepository } from './rule-sets.repository.js';
import { RuleSetsService } from './rule-sets.service.js';
import { ScreeningController } from './screening.controller.js';
import { ScreeningFactsService } from './screening-facts.service.js';
import { ScreeningService } from './screening.service.js';
import { ScreeningWriter } from './screening-writer.js';
import { ScreeningsRepository } from './screenings.repository.js';

/**
 * Account-opening screening: the API, rule sets and backtests. The negative list, registry and
 * restrictions are reached through ports (./ports) so each source is wired in one place.
 */
@Module({
  imports: [ReviewItemsModule, NegativeListModule, RegistryModule, RestrictionsModule],
  controllers: [ScreeningController, RuleSetsController, BacktestsController],
  providers: [
    ScreeningsRepository,
    ActivityBatcher,
    RecentActivityRepository,
    RecentActivityService,
    RuleSetsRepository,
    RuleSetsService,
    ScreeningFactsService,
    ScreeningWriter,
    ScreeningService,
    BacktestService,
    ListedIdentifiersRepository,
    { provide: NEGATIVE_LIST_PORT, useClass: NegativeListMatcherAdapter },
    { provide: REGISTRY_PORT, useClass: RegistryServiceAdapter },
    { provide: PERSON_RESTRICTIONS_PORT, useClass: RestrictionsServiceAdapter },
  ],
  exports: [ScreeningService, RuleSetsService, ScreeningFactsService, RecentActivityService, NEGATIVE_LIST_PORT, REGISTRY_PORT],
})
export class ScreeningModule {}
