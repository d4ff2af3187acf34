import { Injectable } from '@nestjs/common';
import { isUuid } from '../../common/http/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InstitutionEntity } from './institution.entity.js';

@Injectable()
export class InstitutionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(InstitutionEntity);
  }

  findById(id: string): Promise<InstitutionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo().findOneBy({ id });
  }

  findByCode(code: string): Promise<InstitutionEntity | null> {
    return this.repo().findOneBy({ code });
  }

  list(): Promise<InstitutionEntity[]> {
    return this.repo().find({ order: { code: 'ASC' } });
  }

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }

  insert(row: Omit<InstitutionEntity, 'createdAt'>, em?: EntityManager): Promise<InstitutionEntity> {
    return this.repo(em).save(this.repo(em).create(row));
  }
}
