/**
 * Stand-ins used while a source module is not wired in. They report `ready = false` and find
 * nothing; a screening gathered with them says so in its facts source flags, so nobody reads
 * "no hit" as "checked and clean".
 */
import { Injectable } from '@nestjs/common';
import type { NegativeListHitFact } from '../../../domain/screening/index.js';
import type { ListedEntrySummary, ListedIdentifier, NegativeListPort } from './negative-list.port.js';
import type { NoNewAccountsOrder, PersonRestrictionsPort } from './person-restrictions.port.js';
import type { FlaggedEntity, RegistryPort, RegistryRecord } from './registry.port.js';

@Injectable()
export class PendingNegativeList implements NegativeListPort {
  readonly ready = false;
  match(): Promise<NegativeListHitFact[]> {
    return Promise.resolve([]);
  }
  activeIdentifiers(): Promise<ListedIdentifier[]> {
    return Promise.resolve([]);
  }
  identifiersOf(): Promise<ListedIdentifier[]> {
    return Promise.resolve([]);
  }
  summaries(): Promise<Map<string, ListedEntrySummary>> {
    return Promise.resolve(new Map());
  }
}

@Injectable()
export class PendingRegistry implements RegistryPort {
  readonly ready = false;
  lookup(): Promise<RegistryRecord | null> {
    return Promise.resolve(null);
  }
  flaggedEntities(): Promise<FlaggedEntity[]> {
    return Promise.resolve([]);
  }
}

@Injectable()
export class PendingPersonRestrictions implements PersonRestrictionsPort {
  readonly ready = false;
  noNewAccountsOrder(): Promise<NoNewAccountsOrder | null> {
    return Promise.resolve(null);
  }
}
