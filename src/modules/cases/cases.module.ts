import { Module } from '@nestjs/common';
import { CaseDecisionsRepository } from './case-decisions.repository.js';
import { CaseDecisionsService } from './case-decisions.service.js';
import { CaseEffectsService } from './case-effects.service.js';
import { CaseProfileRepository } from './case-profile.repository.js';
import { CaseProfileService } from './case-profile.service.js';
import { CaseSuppressionsController } from './case-suppressions.controller.js';
import { CaseSuppressionsRepository } from './case-suppressions.repository.js';
import { CaseSuppressionsService } from './case-suppressions.service.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

/**
 * Compliance cases: items from screening, second verification, rescreening, alerts and referrals
 * gathered per subject, worked through a queue, decided with four eyes where it matters.
 * Other modules import this module and call CasesService.attachItem.
 */
@Module({
  controllers: [CaseSuppressionsController, CasesController],
  providers: [CasesRepository, CaseDecisionsRepository, CaseSuppressionsRepository, CasesService, CaseDecisionsService, CaseSuppressionsService, CaseProfileService, CaseProfileRepository, CaseEffectsService],
  exports: [CasesService],
})
export class CasesModule {}
