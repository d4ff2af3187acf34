import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config.schema.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_SECRETS = Symbol('APP_SECRETS');
export const CLOCK = Symbol('CLOCK');

export interface AppSecrets {
  readonly jwtSecret: string;
  readonly blindIndexKey: string;
}

/** Time as the service sees it; tests inject a controllable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, secrets: AppSecrets, clock: Clock = systemClock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_SECRETS, useValue: secrets },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, APP_SECRETS, CLOCK],
    };
  }
}
