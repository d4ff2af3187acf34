import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Principal } from '../../common/http/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type { InstitutionKind } from '../institutions/institution.entity.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { apiKeyPrefix, hashApiKey, hashPassword, sameHash, verifyPassword } from './credentials.js';
import { ROLES, type Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

interface JwtClaims {
  sub: string;
  usr: string;
  ins: string;
  ink: InstitutionKind;
  rol: Role[];
}

interface CachedKey {
  principal: Principal | null;
  hash: string;
  until: number;
}

/** A dummy hash so a login with an unknown username costs the same as a wrong password. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  /** Verified API keys, by prefix; short-lived so a revocation elsewhere takes effect quickly. */
  private readonly keyCache = new Map<string, CachedKey>();
  private readonly verifiedKeys = new Map<string, { principal: Principal; until: number }>();
  private static readonly KEY_CACHE_MS = 30_000;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  private countLogin(outcome: 'success' | 'denied'): void {
    this.metrics.counter('auth_logins_total', 'Staff login attempts by outcome', ['outcome']).inc({ outcome });
  }

  async login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.users.findByUsername(username);
    if (!user || !user.active) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummyHash, password);
      this.countLogin('denied');
      await this.audit.record({ action: 'auth.login', subjectType: 'user', subjectId: username, outcome: 'DENIED', actor: { type: 'ANONYMOUS', id: username } });
      throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      this.countLogin('denied');
      await this.audit.record({ action: 'auth.login', subjectType: 'user', subjectId: user.id, institutionId: user.institutionId, outcome: 'DENIED', actor: { type: 'USER', id: user.id } });
      throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    const institution = await this.institutions.findById(user.institutionId);
    if (!institution) throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
    const claims: JwtClaims = { sub: user.id, usr: user.username, ins: user.institutionId, ink: institution.kind, rol: user.roles };
    const accessToken = await this.jwt.signAsync(claims);
    await this.users.touchLogin(user.id, this.clock.now());
    this.countLogin('success');
    await this.audit.record({ action: 'auth.login', subjectType: 'user', subjectId: user.id, institutionId: user.institutionId, outcome: 'SUCCESS', actor: { type: 'USER', id: user.id } });
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: decoded.exp - decoded.iat };
  }

  async principalFromToken(token: string): Promise<Principal | null> {
    try {
      const c = await this.jwt.verifyAsync<JwtClaims>(token);
      const roles = (c.rol ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      return { kind: 'USER', id: c.sub, name: c.usr, institutionId: c.ins, institutionKind: c.ink, roles, scopes: [] };
    } catch {
      return null;
    }
  }

  async principalFromApiKey(key: string): Promise<Principal | null> {
    const now = Date.now();
    // Hot path: a key seen recently is recognised by its exact text without hashing again.
    const seen = this.verifiedKeys.get(key);
    if (seen && seen.until > now) return seen.principal;
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const hash = hashApiKey(key);
    const cached = this.keyCache.get(prefix);
    if (cached && cached.until > now) return sameHash(cached.hash, hash) ? this.remember(key, cached) : null;
    const row = await this.apiKeys.findByPrefix(prefix);
    let principal: Principal | null = null;
    if (row && row.revokedAt === null) {
      const institution = await this.institutions.findById(row.institutionId);
      if (institution) {
        principal = {
          kind: 'API_KEY',
          id: row.id,
          name: row.name,
          institutionId: row.institutionId,
          institutionKind: institution.kind,
          roles: ['BRANCH_SYSTEM'],
          scopes: row.scopes,
        };
      }
    }
    const storedHash = row?.secretHash ?? '0'.repeat(64);
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    const entry = { principal, hash: storedHash, until: now + AuthService.KEY_CACHE_MS };
    this.keyCache.set(prefix, entry);
    return sameHash(storedHash, hash) ? this.remember(key, entry) : null;
  }

  private remember(key: string, entry: CachedKey): Principal | null {
    if (entry.principal) {
      if (this.verifiedKeys.size > 10_000) this.verifiedKeys.clear();
      this.verifiedKeys.set(key, { principal: entry.principal, until: entry.until });
    }
    return entry.principal;
  }

  forgetApiKey(prefix: string): void {
    this.keyCache.delete(prefix);
    for (const k of this.verifiedKeys.keys()) if (apiKeyPrefix(k) === prefix) this.verifiedKeys.delete(k);
  }
}
