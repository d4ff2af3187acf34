import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company screened is looked up with two counts: the entities its legal representative
 * represents and those at its registered address, deregistered ones left out. With the status in
 * the index next to the key, PostgreSQL counts from the index alone (once the table's pages are
 * marked all-visible by vacuum), instead of reading every counted entity's row.
 */
export class RegistryCountIndexes1764500000000 implements MigrationInterface {
  name = 'RegistryCountIndexes1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_registry_entities_legal_rep_key"');
    await queryRunner.query('DROP INDEX "public"."ix_registry_entities_address_key"');
    await queryRunner.query('CREATE INDEX "ix_registry_entities_legal_rep_status" ON "registry_entities" ("legal_rep_key", "status") ');
    await queryRunner.query('CREATE INDEX "ix_registry_entities_address_status" ON "registry_entities" ("address_key", "status") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_registry_entities_address_status"');
    await queryRunner.query('DROP INDEX "public"."ix_registry_entities_legal_rep_status"');
    await queryRunner.query('CREATE INDEX "ix_registry_entities_address_key" ON "registry_entities" ("address_key") ');
    await queryRunner.query('CREATE INDEX "ix_registry_entities_legal_rep_key" ON "registry_entities" ("legal_rep_key") ');
  }
}
