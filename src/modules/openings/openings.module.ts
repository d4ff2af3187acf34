import { Module } from '@nestjs/common';
import { BulkImportModule } from '../../common/bulk-import/bulk-import.module.js';
import { RestrictionsModule } from '../restrictions/restrictions.module.js';
import { ReviewItemsModule } from '../review-items/review-items.module.js';
import { ScreeningModule } from '../screening/screening.module.js';
import { AccountOpeningsController } from './account-openings.controller.js';
import { AccountOpeningsRepository } from './account-openings.repository.js';
import { AccountOpeningsService } from './account-openings.service.js';
import { AccountLoadsController } from './loads/account-loads.controller.js';
import { AccountLoadsService } from './loads/account-loads.service.js';
import { RescreenController } from './rescreen/rescreen.controller.js';
import { RescreenRepository } from './rescreen/rescreen.repository.js';
import { RescreenService } from './rescreen/rescreen.service.js';
import { SecondVerificationService } from './second-verification/second-verification.service.js';
import { SecondVerificationsController } from './second-verification/second-verifications.controller.js';
import { SecondVerificationsRepository } from './second-verification/second-verifications.repository.js';

/**
 * The account registry's inputs and reviews: opening records, second verification (二次核验),
 * existing-account bulk loads and rescreen jobs (存量排查).
 */
@Module({
  imports: [ScreeningModule, ReviewItemsModule, BulkImportModule, RestrictionsModule],
  controllers: [AccountOpeningsController, SecondVerificationsController, AccountLoadsController, RescreenController],
  providers: [
    AccountOpeningsRepository,
    AccountOpeningsService,
    SecondVerificationsRepository,
    SecondVerificationService,
    AccountLoadsService,
    RescreenRepository,
    RescreenService,
  ],
  exports: [SecondVerificationService, RescreenService, AccountOpeningsService],
})
export class OpeningsModule {}
