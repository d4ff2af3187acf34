import { Global, Module } from '@nestjs/common';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, MetricsService],
  exports: [HealthService, MetricsService],
})
export class HealthModule {}
