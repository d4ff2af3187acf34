import { writeFile } from 'node:fs/promises';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { openDataSource } from './data-source.js';
import { pendingSchemaChanges } from './schema-diff.js';

/**
 * Developer tool: prints (or writes, with --out FILE --name ClassName) a migration holding what
 * the entities need beyond the existing migrations. Review the SQL before committing it.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
  const name = args.includes('--name') ? args[args.indexOf('--name') + 1] : `Migration${Date.now()}`;
  const embedded = await startEmbeddedPostgres('memory://');
  const ds = await openDataSource({ url: embedded.url, poolSize: 1, migrationsRun: true });
  try {
    const { up, down } = await pendingSchemaChanges(ds);
    if (up.length === 0) {
      process.stdout.write('nothing to generate: migrations match entities\n');
      return;
    }
    const q = (s: string): string => `    await queryRunner.query(${JSON.stringify(s)});`;
    const text = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  name = '${name}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.reverse().map(q).join('\n')}
  }
}
`;
    if (out) await writeFile(out, text);
    else process.stdout.write(text);
  } finally {
    await ds.destroy();
    await embedded.stop();
  }
}

await main();
