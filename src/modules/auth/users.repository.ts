import { Injectable } from '@nestjs/common';
import { isUuid } from '../../common/http/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(UserEntity);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ username });
  }

  findById(id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo().findOneBy({ id });
  }

  listByInstitution(institutionId: string): Promise<UserEntity[]> {
    return this.repo().find({ where: { institutionId }, order: { username: 'ASC' } });
  }

  /** Active users of an institution holding a role, in a stable order (for round-robin). */
  listActiveWithRole(institutionId: string, role: string): Promise<UserEntity[]> {
    return this.repo()
      .createQueryBuilder('u')
      .where('u.institution_id = :institutionId AND u.active AND :role = ANY(u.roles)', { institutionId, role })
      .orderBy('u.username', 'ASC')
      .getMany();
  }

  insert(row: Omit<UserEntity, 'createdAt' | 'lastLoginAt'>, em?: EntityManager): Promise<UserEntity> {
    return this.repo(em).save(this.repo(em).create({ ...row, lastLoginAt: null }));
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.repo().update({ id }, { active });
  }

  async touchLogin(id: string, at: Date): Promise<void> {
    await this.repo().update({ id }, { lastLoginAt: at });
  }
}
