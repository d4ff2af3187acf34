import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, APP_SECRETS, type AppSecrets } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { UsersRepository } from './users.repository.js';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, APP_SECRETS],
      useFactory: (config: AppConfig, secrets: AppSecrets) => ({
        secret: secrets.jwtSecret,
        signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' as const },
        verifyOptions: { algorithms: ['HS256' as const] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, UsersRepository, ApiKeysRepository, InstitutionsRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersRepository, ApiKeysRepository, InstitutionsRepository],
})
export class AuthModule {}
