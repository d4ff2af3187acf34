import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { ConfigModule, type AppSecrets, type Clock } from './config/config.module.js';
import type { AppConfig } from './config/config.schema.js';
import { CryptoModule } from './common/crypto/blind-index.service.js';
import { MessagingModule } from './infra/messaging/messaging.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { StatsModule } from './modules/stats/stats.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { InstitutionsModule } from './modules/institutions/institutions.module.js';
import { NegativeListModule } from './modules/negative-list/negative-list.module.js';
import { TransfersModule } from './modules/transfers/transfers.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { OpeningsModule } from './modules/openings/openings.module.js';
import { RegistryModule } from './modules/registry/registry.module.js';
import { RestrictionsModule } from './modules/restrictions/restrictions.module.js';
import { ScreeningModule } from './modules/screening/screening.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  secrets: AppSecrets;
  dataSource: DataSource;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(o: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(o.config, o.secrets, o.clock),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => o.dataSource,
        }),
        HealthModule,
        IdempotencyModule,
        CryptoModule,
        MessagingModule,
        AccountsModule,
        AuditModule,
        AuthModule,
        InstitutionsModule,
        NegativeListModule,
        RegistryModule,
        CasesModule,
        AlertsModule,
        TransfersModule,
        WebhooksModule,
        RestrictionsModule,
        ScreeningModule,
        OpeningsModule,
        StatsModule,
        ConsoleModule,
        DiagnosticsModule,
      ],
    };
  }
}
