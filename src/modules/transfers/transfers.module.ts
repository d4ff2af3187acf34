import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { NegativeListModule } from '../negative-list/negative-list.module.js';
import { AccountFactsService } from './account-facts.service.js';
import { CounterpartyCheckService } from './counterparty-check.service.js';
import { TransferPipelineService } from './transfer-pipeline.service.js';
import { TransfersConsumer } from './transfers.consumer.js';
import { TransfersController } from './transfers.controller.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';

/**
 * Transfer events in (POST /v1/transfers, the Kafka topic `transfers`), one detection pipeline
 * (transfer-pipeline.service.ts), alerts out through the alerts module.
 */
@Module({
  imports: [AlertsModule, NegativeListModule],
  controllers: [TransfersController],
  providers: [TransfersRepository, AccountFactsService, CounterpartyCheckService, TransferPipelineService, TransfersService, TransfersConsumer],
  exports: [TransferPipelineService],
})
export class TransfersModule {}
