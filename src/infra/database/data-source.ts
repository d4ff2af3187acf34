import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  migrationsRun?: boolean;
  logging?: boolean;
}

export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: s.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: { max: s.poolSize },
  };
}

export async function openDataSource(s: DataSourceSettings): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(s));
  await ds.initialize();
  if (s.migrationsRun) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
