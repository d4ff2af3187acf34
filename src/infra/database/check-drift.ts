import { startEmbeddedPostgres } from './embedded-postgres.js';
import { openDataSource } from './data-source.js';
import { pendingSchemaChanges } from './schema-diff.js';

/**
 * CI gate: apply every migration to an empty database, then ask TypeORM what it would still
 * change to match the entities. Anything at all means a migration is missing or wrong.
 * Uses DATABASE_URL when given (a scratch database), otherwise an in-memory PGlite.
 */
async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres('memory://');
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const ds = await openDataSource({ url, poolSize: 1, migrationsRun: true });
  try {
    const { up } = await pendingSchemaChanges(ds);
    if (up.length > 0) {
      console.error(`Entities and migrations drift: ${up.length} statement(s) missing from migrations:`);
      for (const q of up) console.error(`  ${q};`);
      process.exitCode = 1;
    } else {
      process.stdout.write('migrations match entities: no drift');
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

await main();
