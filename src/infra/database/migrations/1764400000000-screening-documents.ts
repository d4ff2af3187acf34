import type { MigrationInterface, QueryRunner } from 'typeorm';

const DOCUMENTS = ['applicant', 'context', 'facts', 'reasons'] as const;
const OPTIONAL_KEYS = [
  ['ix_screenings_phone', 'phone_key'],
  ['ix_screenings_device', 'device_key'],
  ['ix_screenings_address', 'address_key'],
] as const;

/**
 * Cheaper screening inserts. The four documents of a screening become json (kept as sent; they
 * are read whole and never queried inside, so converting them to jsonb on every insert was
 * wasted), and the indexes on the optional identifiers leave out the rows without one (the
 * shared-identifier counts look up one value, never NULL). Existing rows keep their contents.
 */
export class ScreeningDocuments1764400000000 implements MigrationInterface {
  name = 'ScreeningDocuments1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "screenings" ${DOCUMENTS.map((c) => `ALTER COLUMN "${c}" TYPE json USING "${c}"::json`).join(', ')}`);
    for (const [name, column] of OPTIONAL_KEYS) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
      await queryRunner.query(`CREATE INDEX "${name}" ON "screenings" ("${column}", "screened_at") WHERE ${column} IS NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, column] of OPTIONAL_KEYS) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
      await queryRunner.query(`CREATE INDEX "${name}" ON "screenings" ("${column}", "screened_at")`);
    }
    await queryRunner.query(`ALTER TABLE "screenings" ${DOCUMENTS.map((c) => `ALTER COLUMN "${c}" TYPE jsonb USING "${c}"::jsonb`).join(', ')}`);
  }
}
