import { Injectable } from '@nestjs/common';
import { isUuid } from '../../common/http/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(ApiKeyEntity);
  }

  findByPrefix(prefix: string): Promise<ApiKeyEntity | null> {
    return this.repo().findOneBy({ prefix });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo().findOneBy({ id });
  }

  listByInstitution(institutionId: string): Promise<ApiKeyEntity[]> {
    return this.repo().find({ where: { institutionId }, order: { createdAt: 'ASC' } });
  }

  insert(row: Omit<ApiKeyEntity, 'createdAt' | 'revokedAt'>, em?: EntityManager): Promise<ApiKeyEntity> {
    return this.repo(em).save(this.repo(em).create({ ...row, revokedAt: null }));
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.repo().update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
