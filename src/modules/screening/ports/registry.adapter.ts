import { Injectable } from '@nestjs/common';
import { RegistryService } from '../../registry/registry.service.js';
import type { FlaggedEntity, RegistryPort, RegistryRecord } from './registry.port.js';

/** The market-entity registry as screening sees it (RegistryService, one indexed lookup). */
@Injectable()
export class RegistryServiceAdapter implements RegistryPort {
  readonly ready = true;

  constructor(private readonly registry: RegistryService) {}

  async lookup(uscc: string): Promise<RegistryRecord | null> {
    const e = await this.registry.lookup(uscc);
    if (!e) return null;
    const record: RegistryRecord = {
      uscc: e.uscc,
      name: e.name,
      formerNames: e.formerNames,
      status: e.status,
      abnormalOperations: e.abnormalOperations,
      seriousDishonest: e.seriousDishonest,
      establishedOn: e.establishedOn,
      legalRepEntityCount: e.legalRepEntityCount,
      addressEntityCount: e.addressEntityCount,
    };
    if (e.registeredCapitalFen !== undefined) record.registeredCapitalFen = e.registeredCapitalFen;
    return record;
  }

  flaggedEntities(): Promise<FlaggedEntity[]> {
    return this.registry.flaggedEntities();
  }
}
