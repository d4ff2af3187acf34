import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { isOperatorAdmin, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { DEFAULT_RULE_SET, validateRuleSet, type RuleSet } from '../../domain/screening/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { RuleSetEntity } from './rule-set.entity.js';
import { RuleSetsRepository } from './rule-sets.repository.js';

export const RULE_SET_TOPIC = 'screening.rule-sets';

export interface StoredRuleSet {
  ruleSet: RuleSet;
  publishedBy: string;
  publishedAt: Date;
  activatedAt: Date | null;
  active: boolean;
}

function actorOf(p: Principal): string {
  return `${p.kind}:${p.id}`;
}

/**
 * Versioned rule sets. The active one is cached in memory (screening reads it on every call)
 * and reloaded when any instance publishes or activates a version.
 */
@Injectable()
export class RuleSetsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('RuleSets');
  private current: RuleSet = DEFAULT_RULE_SET;
  private readonly byVersion = new Map<string, RuleSet>();

  constructor(
    private readonly repo: RuleSetsRepository,
    private readonly audit: AuditService,
    private readonly changes: ChangeFeedService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Subscribing before bootstrap, so the remote change consumer knows the topic when it starts. */
  onModuleInit(): void {
    this.changes.subscribe(RULE_SET_TOPIC, async (_payload, meta) => {
      if (meta.origin === 'remote') await this.reload();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repo.findActive()) === null) {
      const ruleSet = validateRuleSet(JSON.parse(JSON.stringify(DEFAULT_RULE_SET)));
      const now = this.clock.now();
      await this.repo.insert({ version: ruleSet.version, definition: ruleSet as unknown as Record<string, unknown>, publishedBy: 'SYSTEM', publishedAt: now });
      if ((await this.repo.findActive()) === null) await this.repo.activate(ruleSet.version, now);
    }
    await this.reload();
  }

  private async reload(): Promise<void> {
    const row = await this.repo.findActive();
    if (row) {
      this.current = this.fromRow(row);
      this.logger.log({ msg: 'active screening rule set', version: this.current.version });
    }
  }

  private fromRow(row: RuleSetEntity): RuleSet {
    const cached = this.byVersion.get(row.version);
    if (cached) return cached;
    // Stored before a rule existed: the rule did not run then, so it must not run on replay.
    const ruleSet = validateRuleSet(row.definition, { missingRules: 'disabled' });
    this.byVersion.set(row.version, ruleSet);
    return ruleSet;
  }

  active(): RuleSet {
    return this.current;
  }

  /** A stored version, for replay and explanation. */
  async resolve(version: string): Promise<RuleSet> {
    const cached = this.byVersion.get(version);
    if (cached) return cached;
    const row = await this.repo.findByVersion(version);
    if (!row) throw new DomainError('RULE_SET_NOT_FOUND', `No rule set version ${version}.`);
    return this.fromRow(row);
  }

  async list(): Promise<StoredRuleSet[]> {
    const rows = await this.repo.list();
    return rows.map((r) => this.stored(r));
  }

  async get(version: string): Promise<StoredRuleSet> {
    const row = await this.repo.findByVersion(version);
    if (!row) throw new DomainError('RULE_SET_NOT_FOUND', `No rule set version ${version}.`);
    return this.stored(row);
  }

  private stored(row: RuleSetEntity): StoredRuleSet {
    return {
      ruleSet: this.fromRow(row),
      publishedBy: row.publishedBy,
      publishedAt: row.publishedAt,
      activatedAt: row.activatedAt,
      active: row.version === this.current.version,
    };
  }

  /** Rule sets are platform-wide: only the operator's administrators change them. */
  private assertMayChange(p: Principal): void {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the platform operator publishes screening rule sets.');
  }

  /** Validates and stores a new version; activates it unless told not to. */
  async publish(p: Principal, document: unknown, activate: boolean): Promise<StoredRuleSet> {
    this.assertMayChange(p);
    const ruleSet = validateRuleSet(document);
    const now = this.clock.now();
    const inserted = await this.repo.insert({ version: ruleSet.version, definition: ruleSet as unknown as Record<string, unknown>, publishedBy: actorOf(p), publishedAt: now });
    if (!inserted) throw new DomainError('RULE_SET_VERSION_EXISTS', `Rule set version ${ruleSet.version} exists; versions are immutable, publish a new one.`);
    await this.audit.record({ action: 'screening.rule-set.published', subjectType: 'screening-rule-set', subjectId: ruleSet.version, details: { activated: activate } });
    if (activate) {
      await this.repo.activate(ruleSet.version, now);
      await this.afterActivation(ruleSet.version);
    }
    return this.get(ruleSet.version);
  }

  async activate(p: Principal, version: string): Promise<StoredRuleSet> {
    this.assertMayChange(p);
    if (!(await this.repo.activate(version, this.clock.now()))) throw new DomainError('RULE_SET_NOT_FOUND', `No rule set version ${version}.`);
    await this.audit.record({ action: 'screening.rule-set.activated', subjectType: 'screening-rule-set', subjectId: version });
    await this.afterActivation(version);
    return this.get(version);
  }

  private async afterActivation(version: string): Promise<void> {
    await this.reload();
    await this.changes.publish(RULE_SET_TOPIC, { version });
  }
}
