import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TransferEventJson } from '../../domain/detection/transfer-event.js';

/**
 * Reads for the case profile from tables other modules write. Only events named as evidence by
 * alerts are read, by primary key, so a profile never scans the transfer stream.
 */
@Injectable()
export class CaseProfileRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async transferEvents(eventIds: readonly string[]): Promise<TransferEventJson[] | null> {
    if (eventIds.length === 0) return [];
    try {
      const rows: Array<{ body: TransferEventJson }> = await this.ds.query('SELECT body FROM transfer_events WHERE event_id = ANY($1::varchar[])', [eventIds]);
      return rows.map((r) => r.body);
    } catch {
      // The transfers module is not part of this deployment.
      return null;
    }
  }
}
