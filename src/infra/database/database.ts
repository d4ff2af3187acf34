import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.schema.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { openDataSource } from './data-source.js';

export interface Database {
  readonly dataSource: DataSource;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the service's database: the PostgreSQL at DATABASE_URL, or the embedded PGlite under
 * DATA_DIR. Migrations are applied unless DB_MIGRATIONS_RUN is false.
 */
export async function openDatabase(config: AppConfig): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  let poolSize = config.DB_POOL_SIZE;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    url = embedded.url;
    poolSize = embedded.poolSize;
  }
  try {
    const dataSource = await openDataSource({ url, poolSize, migrationsRun: config.DB_MIGRATIONS_RUN });
    return {
      dataSource,
      embedded: embedded !== undefined,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}
