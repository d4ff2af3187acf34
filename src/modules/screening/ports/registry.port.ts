/**
 * What screening and rescreening need from the market-entity registry (市场主体登记信息).
 */
import type { EntityStatus } from '../../../domain/screening/index.js';

export const REGISTRY_PORT = Symbol('REGISTRY_PORT');

export interface RegistryRecord {
  uscc: string;
  name: string;
  formerNames: string[];
  status: EntityStatus;
  abnormalOperations: boolean;
  seriousDishonest: boolean;
  /** 'YYYY-MM-DD'; null when the registry does not know it. */
  establishedOn: string | null;
  registeredCapitalFen?: number;
  /** Entities the legal representative represents, this one included. */
  legalRepEntityCount: number;
  /** Entities at the same normalised registered address, this one included. */
  addressEntityCount: number;
}

/** A registered entity whose accounts deserve a look: not active, or on a published list. */
export interface FlaggedEntity {
  uscc: string;
  status: EntityStatus;
  abnormalOperations: boolean;
  seriousDishonest: boolean;
}

export interface RegistryPort {
  readonly ready: boolean;
  lookup(uscc: string): Promise<RegistryRecord | null>;
  /** Every entity that is revoked, deregistered, not active, abnormal or seriously dishonest. */
  flaggedEntities(): Promise<FlaggedEntity[]>;
}
