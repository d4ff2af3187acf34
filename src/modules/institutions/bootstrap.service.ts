import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiKeysRepository } from '../auth/api-keys.repository.js';
import { apiKeyPrefix, generateApiKey, generatePassword, hashApiKey, hashPassword } from '../auth/credentials.js';
import { API_KEY_SCOPES } from '../auth/roles.js';
import { UsersRepository } from '../auth/users.repository.js';
import { InstitutionsRepository } from './institutions.repository.js';

const BOOTSTRAP_LOCK = 727_100_002;

export interface BootstrapResult {
  created: boolean;
  username?: string;
  password?: string;
  apiKey?: string;
}

/**
 * First start on an empty database: the operator institution, an admin user and an operator
 * API key, from BOOTSTRAP_* when set, otherwise generated and printed once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  result: BootstrapResult = { created: false };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly institutions: InstitutionsRepository,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const username = this.config.BOOTSTRAP_ADMIN_USERNAME ?? 'admin';
    const password = this.config.BOOTSTRAP_ADMIN_PASSWORD ?? generatePassword();
    const key = this.config.BOOTSTRAP_API_KEY ?? generateApiKey().key;
    const passwordHash = await hashPassword(password);
    const created = await this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      if ((await this.institutions.count(em)) > 0) return null;
      const institutionId = randomUUID();
      await this.institutions.insert({ id: institutionId, code: 'OPERATOR', name: 'Platform operator', kind: 'OPERATOR' }, em);
      const userId = randomUUID();
      await this.users.insert({ id: userId, institutionId, username, displayName: 'Platform administrator', passwordHash, roles: ['ADMIN'], active: true }, em);
      const keyId = randomUUID();
      await this.apiKeys.insert({ id: keyId, institutionId, name: 'operator bootstrap key', prefix: apiKeyPrefix(key)!, secretHash: hashApiKey(key), scopes: [...API_KEY_SCOPES], createdBy: null }, em);
      return { institutionId, userId, keyId };
    });
    if (!created) return;
    await this.audit.record({ action: 'platform.bootstrapped', subjectType: 'institution', subjectId: created.institutionId, institutionId: created.institutionId, details: { adminUserId: created.userId, apiKeyId: created.keyId } });
    this.result = { created: true, username, password, apiKey: key };
    const lines = [
      '',
      '=================================================================',
      ' First start: the platform operator and its administrator exist.',
      ` Admin username : ${username}`,
      this.config.BOOTSTRAP_ADMIN_PASSWORD ? ' Admin password : (from BOOTSTRAP_ADMIN_PASSWORD)' : ` Admin password : ${password}`,
      this.config.BOOTSTRAP_API_KEY ? ' Operator API key: (from BOOTSTRAP_API_KEY)' : ` Operator API key: ${key}`,
      ' These are shown once. Log in with POST /v1/auth/login, or send',
      ' the key as the X-API-Key header. API docs: /docs',
      '=================================================================',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}
