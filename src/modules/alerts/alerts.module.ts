import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { RestrictionsModule } from '../restrictions/restrictions.module.js';
import { RestrictionsService } from '../restrictions/restrictions.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { ALERT_POLICY_PORT, AlertsService } from './alerts.service.js';

/**
 * Alerts from transfer detection: stored once per dedup key, read per institution, published to
 * `risk.alerts`, handed to compliance cases and to the restriction policies (see alerts.service.ts).
 */
@Module({
  imports: [CasesModule, RestrictionsModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, { provide: ALERT_POLICY_PORT, useExisting: RestrictionsService }],
  exports: [AlertsService],
})
export class AlertsModule {}
