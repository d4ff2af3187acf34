import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import { isOperatorAdmin, seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiKeysRepository } from '../auth/api-keys.repository.js';
import type { ApiKeyEntity } from '../auth/api-key.entity.js';
import { AuthService } from '../auth/auth.service.js';
import { generateApiKey, hashApiKey, hashPassword } from '../auth/credentials.js';
import type { UserEntity } from '../auth/user.entity.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { Role } from '../auth/roles.js';
import type { InstitutionEntity, InstitutionKind } from './institution.entity.js';
import { InstitutionsRepository } from './institutions.repository.js';

@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(p: Principal, input: { code: string; name: string; kind: InstitutionKind }): Promise<InstitutionEntity> {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the platform operator registers institutions.');
    if (await this.institutions.findByCode(input.code)) throw new DomainError('INSTITUTION_CODE_TAKEN', `Institution code ${input.code} is taken.`);
    const created = await this.institutions.insert({ id: randomUUID(), ...input });
    await this.audit.record({ action: 'institution.created', subjectType: 'institution', subjectId: created.id, details: { code: input.code, kind: input.kind } });
    return created;
  }

  list(p: Principal): Promise<InstitutionEntity[]> {
    if (seesAllInstitutions(p)) return this.institutions.list();
    return this.institutions.findById(p.institutionId).then((i) => (i ? [i] : []));
  }

  /** Not found and not visible read the same. */
  async get(p: Principal, id: string): Promise<InstitutionEntity> {
    const found = seesAllInstitutions(p) || id === p.institutionId ? await this.institutions.findById(id) : null;
    if (!found) throw new DomainError('INSTITUTION_NOT_FOUND', 'No such institution.');
    return found;
  }

  /** Institution administration: the institution's own ADMIN, or the operator's. */
  private async administered(p: Principal, institutionId: string): Promise<InstitutionEntity> {
    const inst = await this.get(p, institutionId);
    const allowed = isOperatorAdmin(p) || (p.roles.includes('ADMIN') && p.institutionId === institutionId);
    if (!allowed) throw new DomainError('INSTITUTION_NOT_FOUND', 'No such institution.');
    return inst;
  }

  async createUser(p: Principal, institutionId: string, input: { username: string; displayName?: string; password: string; roles: Role[] }): Promise<UserEntity> {
    const inst = await this.administered(p, institutionId);
    if (input.roles.includes('REGULATOR') && inst.kind === 'BANK') {
      throw new DomainError('ROLE_NOT_ALLOWED', 'REGULATOR is for staff of regulators, police and the operator.');
    }
    if (await this.users.findByUsername(input.username)) throw new DomainError('USERNAME_TAKEN', `Username ${input.username} is taken.`);
    const user = await this.users.insert({
      id: randomUUID(),
      institutionId,
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      active: true,
    });
    await this.audit.record({ action: 'user.created', subjectType: 'user', subjectId: user.id, institutionId, details: { username: user.username, roles: user.roles } });
    return user;
  }

  async listUsers(p: Principal, institutionId: string): Promise<UserEntity[]> {
    await this.administered(p, institutionId);
    return this.users.listByInstitution(institutionId);
  }

  async setUserActive(p: Principal, institutionId: string, userId: string, active: boolean): Promise<UserEntity> {
    await this.administered(p, institutionId);
    const user = await this.users.findById(userId);
    if (!user || user.institutionId !== institutionId) throw new DomainError('USER_NOT_FOUND', 'No such user.');
    await this.users.setActive(userId, active);
    await this.audit.record({ action: active ? 'user.activated' : 'user.deactivated', subjectType: 'user', subjectId: userId, institutionId });
    return { ...user, active };
  }

  async createApiKey(p: Principal, institutionId: string, input: { name: string; scopes: string[] }): Promise<{ row: ApiKeyEntity; key: string }> {
    await this.administered(p, institutionId);
    const { key, prefix } = generateApiKey();
    const row = await this.apiKeys.insert({ id: randomUUID(), institutionId, name: input.name, prefix, secretHash: hashApiKey(key), scopes: input.scopes, createdBy: p.kind === 'USER' ? p.id : null });
    await this.audit.record({ action: 'api-key.created', subjectType: 'api-key', subjectId: row.id, institutionId, details: { prefix, scopes: input.scopes } });
    return { row, key };
  }

  async listApiKeys(p: Principal, institutionId: string): Promise<ApiKeyEntity[]> {
    await this.administered(p, institutionId);
    return this.apiKeys.listByInstitution(institutionId);
  }

  async revokeApiKey(p: Principal, institutionId: string, keyId: string): Promise<ApiKeyEntity> {
    await this.administered(p, institutionId);
    const row = await this.apiKeys.findById(keyId);
    if (!row || row.institutionId !== institutionId) throw new DomainError('API_KEY_NOT_FOUND', 'No such API key.');
    const now = this.clock.now();
    if (row.revokedAt === null) {
      await this.apiKeys.revoke(keyId, now);
      this.auth.forgetApiKey(row.prefix);
      await this.audit.record({ action: 'api-key.revoked', subjectType: 'api-key', subjectId: keyId, institutionId });
    }
    return { ...row, revokedAt: row.revokedAt ?? now };
  }
}
