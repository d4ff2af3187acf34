import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

/**
 * Alerts from transfer detection: stored once per dedup key, read per institution, published to
 * `risk.alerts`, handed to compliance cases and restriction policies (see alerts.service.ts).
 */
@Module({
  imports: [CasesModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
