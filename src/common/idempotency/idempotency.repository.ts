import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Claims the key; false when a record for it already exists. */
  async claim(scope: string, key: string, requestHash: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_records (scope, idempotency_key, request_hash, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (scope, idempotency_key) DO NOTHING RETURNING scope`,
      [scope, key, requestHash, at],
    );
    return rows.length > 0;
  }

  find(scope: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return this.ds.getRepository(IdempotencyRecordEntity).findOneBy({ scope, key });
  }

  async complete(scope: string, key: string, statusCode: number, body: unknown, at: Date): Promise<void> {
    await this.ds.getRepository(IdempotencyRecordEntity).update({ scope, key }, { statusCode, responseBody: body as object, completedAt: at });
  }

  async release(scope: string, key: string): Promise<void> {
    await this.ds.getRepository(IdempotencyRecordEntity).delete({ scope, key });
  }

  async purgeOlderThan(at: Date): Promise<number> {
    const r = await this.ds.getRepository(IdempotencyRecordEntity).createQueryBuilder().delete().where('created_at < :at', { at }).execute();
    return r.affected ?? 0;
  }
}
