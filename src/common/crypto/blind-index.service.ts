import { createHmac } from 'node:crypto';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_SECRETS, type AppSecrets } from '../../config/config.module.js';

export const BLIND_INDEX_KINDS = ['RESIDENT_ID', 'USCC', 'PHONE', 'ACCOUNT', 'DEVICE', 'FOREIGN_DOC', 'ADDRESS', 'NAME'] as const;
export type BlindIndexKind = (typeof BLIND_INDEX_KINDS)[number];

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
    // One update of the joined text: the same digest as feeding the parts, in less time.
    return createHmac('sha256', this.key).update(`${kind}:${normalisedValue}`).digest('hex');
  }
}

@Global()
@Module({ providers: [BlindIndexService], exports: [BlindIndexService] })
export class CryptoModule {}
