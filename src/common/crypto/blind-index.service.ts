import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_SECRETS, type AppSecrets } from '../../config/config.module.js';
import { blindIndex, type BlindIndexKind } from './blind-index.js';

export { BLIND_INDEX_KINDS, type BlindIndexKind } from './blind-index.js';

/**
 * Keyed blind indexes: identifiers are looked up by HMAC-SHA256(BLIND_INDEX_KEY, kind:value), so
 * the lookup columns reveal nothing without the key, and equal identifiers still meet.
 * Callers pass values already normalised by the identity domain.
 */
@Injectable()
export class BlindIndexService {
  private readonly key: Buffer;

  constructor(@Inject(APP_SECRETS) secrets: AppSecrets) {
    this.key = Buffer.from(secrets.blindIndexKey, 'utf8');
  }

  of(kind: BlindIndexKind, normalisedValue: string): string {
    return blindIndex(this.key, kind, normalisedValue);
  }
}

@Global()
@Module({ providers: [BlindIndexService], exports: [BlindIndexService] })
export class CryptoModule {}
