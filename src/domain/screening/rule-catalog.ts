/**
 * Every screening rule the platform knows, by code. A rule set configures exactly these codes;
 * adding a rule here makes older stored rule sets incomplete, which `validateRuleSet` handles
 * with `missingRules: 'disabled'` when replaying them.
 */
import type { ScreeningRule } from './rule.js';
import { ageUnder16Rule, type AgeUnder16Params } from './rules/age-under-16.js';
import { cardFarmingAddressRule, type CardFarmingAddressParams } from './rules/card-farming-address.js';
import { cardFarmingDeviceRule, type CardFarmingDeviceParams } from './rules/card-farming-device.js';
import { cardFarmingPhoneRule, type CardFarmingPhoneParams } from './rules/card-farming-phone.js';
import { crossBankVelocityRule, type CrossBankVelocityParams } from './rules/cross-bank-velocity.js';
import { elderlyRemoteRule, type ElderlyRemoteParams } from './rules/elderly-remote.js';
import { entityAbnormalOperationsRule, type EntityAbnormalOperationsParams } from './rules/entity-abnormal-operations.js';
import { entityNameMismatchRule, type EntityNameMismatchParams } from './rules/entity-name-mismatch.js';
import { entityNewlyEstablishedRule, type EntityNewlyEstablishedParams } from './rules/entity-newly-established.js';
import { entityNotFoundRule, type EntityNotFoundParams } from './rules/entity-not-found.js';
import {
  entityRevokedOrDeregisteredRule,
  type EntityRevokedOrDeregisteredParams,
} from './rules/entity-revoked-or-deregistered.js';
import { entitySeriouslyDishonestRule, type EntitySeriouslyDishonestParams } from './rules/entity-seriously-dishonest.js';
import { entityStatusNotActiveRule, type EntityStatusNotActiveParams } from './rules/entity-status-not-active.js';
import { idExpiredRule, type IdExpiredParams } from './rules/id-expired.js';
import { legalRepManyEntitiesRule, type LegalRepManyEntitiesParams } from './rules/legal-rep-many-entities.js';
import { manyEntitiesAtAddressRule, type ManyEntitiesAtAddressParams } from './rules/many-entities-at-address.js';
import { negativeListDeviceRule, type NegativeListDeviceParams } from './rules/negative-list-device.js';
import { negativeListEntityRule, type NegativeListEntityParams } from './rules/negative-list-entity.js';
import { negativeListPersonRule, type NegativeListPersonParams } from './rules/negative-list-person.js';
import { negativeListPhoneRule, type NegativeListPhoneParams } from './rules/negative-list-phone.js';
import {
  personRestrictedNoNewAccountsRule,
  type PersonRestrictedParams,
} from './rules/person-restricted-no-new-accounts.js';
import { youngRemoteRule, type YoungRemoteParams } from './rules/young-remote.js';

/** Parameter type of each rule, by code. */
export interface RuleParamsMap {
  NEGATIVE_LIST_PERSON: NegativeListPersonParams;
  NEGATIVE_LIST_ENTITY: NegativeListEntityParams;
  PERSON_RESTRICTED_NO_NEW_ACCOUNTS: PersonRestrictedParams;
  NEGATIVE_LIST_PHONE: NegativeListPhoneParams;
  NEGATIVE_LIST_DEVICE: NegativeListDeviceParams;
  CROSS_BANK_VELOCITY: CrossBankVelocityParams;
  CARD_FARMING_PHONE: CardFarmingPhoneParams;
  CARD_FARMING_DEVICE: CardFarmingDeviceParams;
  CARD_FARMING_ADDRESS: CardFarmingAddressParams;
  AGE_UNDER_16: AgeUnder16Params;
  ID_EXPIRED: IdExpiredParams;
  YOUNG_REMOTE: YoungRemoteParams;
  ELDERLY_REMOTE: ElderlyRemoteParams;
  ENTITY_NOT_FOUND: EntityNotFoundParams;
  ENTITY_NAME_MISMATCH: EntityNameMismatchParams;
  ENTITY_REVOKED_OR_DEREGISTERED: EntityRevokedOrDeregisteredParams;
  ENTITY_STATUS_NOT_ACTIVE: EntityStatusNotActiveParams;
  ENTITY_ABNORMAL_OPERATIONS: EntityAbnormalOperationsParams;
  ENTITY_SERIOUSLY_DISHONEST: EntitySeriouslyDishonestParams;
  ENTITY_NEWLY_ESTABLISHED: EntityNewlyEstablishedParams;
  LEGAL_REP_MANY_ENTITIES: LegalRepManyEntitiesParams;
  MANY_ENTITIES_AT_ADDRESS: ManyEntitiesAtAddressParams;
}

export type RuleCode = keyof RuleParamsMap;

export type RuleCatalog = { readonly [C in RuleCode]: ScreeningRule<RuleParamsMap[C], C> };

export const RULES: RuleCatalog = Object.freeze({
  NEGATIVE_LIST_PERSON: negativeListPersonRule,
  NEGATIVE_LIST_ENTITY: negativeListEntityRule,
  PERSON_RESTRICTED_NO_NEW_ACCOUNTS: personRestrictedNoNewAccountsRule,
  NEGATIVE_LIST_PHONE: negativeListPhoneRule,
  NEGATIVE_LIST_DEVICE: negativeListDeviceRule,
  CROSS_BANK_VELOCITY: crossBankVelocityRule,
  CARD_FARMING_PHONE: cardFarmingPhoneRule,
  CARD_FARMING_DEVICE: cardFarmingDeviceRule,
  CARD_FARMING_ADDRESS: cardFarmingAddressRule,
  AGE_UNDER_16: ageUnder16Rule,
  ID_EXPIRED: idExpiredRule,
  YOUNG_REMOTE: youngRemoteRule,
  ELDERLY_REMOTE: elderlyRemoteRule,
  ENTITY_NOT_FOUND: entityNotFoundRule,
  ENTITY_NAME_MISMATCH: entityNameMismatchRule,
  ENTITY_REVOKED_OR_DEREGISTERED: entityRevokedOrDeregisteredRule,
  ENTITY_STATUS_NOT_ACTIVE: entityStatusNotActiveRule,
  ENTITY_ABNORMAL_OPERATIONS: entityAbnormalOperationsRule,
  ENTITY_SERIOUSLY_DISHONEST: entitySeriouslyDishonestRule,
  ENTITY_NEWLY_ESTABLISHED: entityNewlyEstablishedRule,
  LEGAL_REP_MANY_ENTITIES: legalRepManyEntitiesRule,
  MANY_ENTITIES_AT_ADDRESS: manyEntitiesAtAddressRule,
});

/** All rule codes, in catalogue order. */
export const RULE_CODES = Object.freeze(Object.keys(RULES) as RuleCode[]);

export function isRuleCode(value: string): value is RuleCode {
  return Object.hasOwn(RULES, value);
}
