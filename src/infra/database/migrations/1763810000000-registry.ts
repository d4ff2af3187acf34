import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The market-entity registry: entities and their append-only versions. */
export class Registry1763810000000 implements MigrationInterface {
  name = 'Registry1763810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"registry_entity_versions\" (\"uscc\" character varying(18) NOT NULL, \"version\" integer NOT NULL, \"source\" character varying(16) NOT NULL, \"snapshot\" jsonb NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"import_id\" uuid, CONSTRAINT \"PK_8ea730a7053e2d70d8b04194900\" PRIMARY KEY (\"uscc\", \"version\"))");
    await queryRunner.query("CREATE TABLE \"registry_entities\" (\"uscc\" character varying(18) NOT NULL, \"version\" integer NOT NULL, \"name\" character varying(300) NOT NULL, \"name_norm\" character varying(300) NOT NULL, \"former_names\" character varying(300) array NOT NULL, \"former_names_norm\" character varying(300) array NOT NULL, \"entity_type\" character varying(100), \"legal_rep_name\" character varying(200), \"legal_rep_id_kind\" character varying(16), \"legal_rep_key\" character varying(64), \"legal_rep_id_masked\" character varying(60), \"registered_capital_fen\" bigint, \"established_on\" date, \"registered_address\" text, \"address_key\" character varying(64), \"status\" character varying(16) NOT NULL, \"abnormal_operations\" jsonb NOT NULL DEFAULT '[]', \"serious_dishonest\" jsonb NOT NULL DEFAULT '[]', \"business_scope\" text, \"registration_authority\" character varying(200), \"source_updated_at\" TIMESTAMP WITH TIME ZONE, \"import_id\" uuid, \"last_source\" character varying(16) NOT NULL, \"last_actor_type\" character varying(16) NOT NULL, \"last_actor_id\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_2ce3eeb1000ad8336e87773d73f\" PRIMARY KEY (\"uscc\"))");
    await queryRunner.query("CREATE INDEX \"ix_registry_entities_address_key\" ON \"registry_entities\"  (\"address_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_registry_entities_legal_rep_key\" ON \"registry_entities\"  (\"legal_rep_key\") ");
    // Name search: prefix LIKE on the normalised name, and former names by array containment.
    await queryRunner.query("CREATE INDEX \"ix_registry_entities_name_norm\" ON \"registry_entities\" (\"name_norm\" varchar_pattern_ops)");
    await queryRunner.query("CREATE INDEX \"ix_registry_entities_former_names_norm\" ON \"registry_entities\" USING GIN (\"former_names_norm\")");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_registry_entities_former_names_norm\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_registry_entities_name_norm\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_registry_entities_legal_rep_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_registry_entities_address_key\"");
    await queryRunner.query("DROP TABLE \"registry_entities\"");
    await queryRunner.query("DROP TABLE \"registry_entity_versions\"");
  }
}
