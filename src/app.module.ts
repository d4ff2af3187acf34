import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { IdempotencyRepository } from './common/idempotency/idempotency.repository.js';
import { RequestContextInterceptor } from './common/http/request-context.interceptor.js';
import { ConfigModule, type AppSecrets, type Clock } from './config/config.module.js';
import type { AppConfig } from './config/config.schema.js';
import { CryptoModule } from './common/crypto/blind-index.service.js';
import { MessagingModule } from './infra/messaging/messaging.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { InstitutionsModule } from './modules/institutions/institutions.module.js';

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
        CryptoModule,
        MessagingModule,
        AccountsModule,
        AuditModule,
        AuthModule,
        InstitutionsModule,
        DiagnosticsModule,
      ],
      providers: [
        IdempotencyRepository,
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
