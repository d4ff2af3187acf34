import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { isOperatorAdmin, type Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { DEFAULT_POLICIES, policyProblems, type RestrictionPolicy } from '../../domain/restrictions/index.js';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { AuditService } from '../audit/audit.service.js';
import { RESTRICTIONS_TOPIC } from './restriction-events.js';
import { RestrictionPoliciesRepository } from './restriction-policies.repository.js';

export interface PolicySet {
  /** 0 while the built-in defaults are in force (nothing saved yet). */
  version: number;
  policies: RestrictionPolicy[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

/**
 * The policies that turn list entries and alerts into orders: the built-in defaults until an
 * operator ADMIN saves a list; every saved list is kept as a version. Cached here and reloaded
 * on every instance when one saves.
 */
@Injectable()
export class RestrictionPoliciesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('RestrictionPolicies');
  private set: PolicySet = { version: 0, policies: DEFAULT_POLICIES.map((p) => structuredClone(p)), updatedAt: null, updatedBy: null };

  constructor(
    private readonly repo: RestrictionPoliciesRepository,
    private readonly feed: ChangeFeedService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(RESTRICTIONS_TOPIC, (payload, meta) => {
      if (meta.origin === 'remote' && payload.type === 'POLICIES_CHANGED') {
        return this.load().catch((err: unknown) => this.logger.warn({ msg: 'reloading policies failed', err: err instanceof Error ? err.message : String(err) }));
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    const row = await this.repo.current();
    if (row) this.set = { version: row.version, policies: row.policies, updatedAt: row.createdAt, updatedBy: row.createdBy };
  }

  current(): PolicySet {
    return this.set;
  }

  async history(limit = 20): Promise<PolicySet[]> {
    return (await this.repo.history(limit)).map((r) => ({ version: r.version, policies: r.policies, updatedAt: r.createdAt, updatedBy: r.createdBy }));
  }

  /** Replaces the list (operator ADMIN). Every policy is validated; ids must be unique. */
  async put(p: Principal, policies: RestrictionPolicy[]): Promise<PolicySet> {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the operator\u2019s administrators edit restriction policies.');
    const problems: Array<{ index: number; id: unknown; problems: string[] }> = [];
    const seen = new Set<string>();
    policies.forEach((policy, index) => {
      const own = policyProblems(policy);
      if (typeof policy.id === 'string' && seen.has(policy.id)) own.push('id is used by an earlier policy');
      seen.add(policy.id);
      if (own.length > 0) problems.push({ index, id: policy.id, problems: own });
    });
    if (problems.length > 0) throw new DomainError('RESTRICTION_INVALID_POLICY', `${problems.length} polic${problems.length === 1 ? 'y is' : 'ies are'} not valid.`, { problems });
    const row = await this.repo.append(policies, `${p.kind}:${p.id}`, this.clock.now());
    this.set = { version: row.version, policies: row.policies, updatedAt: row.createdAt, updatedBy: row.createdBy };
    await this.audit.record({ action: 'restriction-policies.saved', subjectType: 'restriction-policies', subjectId: String(row.version), details: { ids: policies.map((x) => x.id) } });
    await this.feed.publish(RESTRICTIONS_TOPIC, { type: 'POLICIES_CHANGED', version: row.version });
    return this.set;
  }
}
