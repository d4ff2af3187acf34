import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Transfer detection: stored events (dedup and window rebuild), last activity of evicted accounts, alerts. */
export class TransfersAlerts1764100000000 implements MigrationInterface {
  name = 'TransfersAlerts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"alerts\" (\"id\" uuid NOT NULL, \"seq\" BIGSERIAL NOT NULL, \"dedup_key\" character varying(300) NOT NULL, \"detector\" character varying(32) NOT NULL, \"severity\" character varying(8) NOT NULL, \"subject_accounts\" character varying(64) array NOT NULL, \"subject_owners\" jsonb NOT NULL, \"institution_ids\" uuid array NOT NULL DEFAULT '{}', \"event_ids\" jsonb NOT NULL, \"aggregates\" jsonb NOT NULL, \"first_detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"fire_count\" integer NOT NULL, \"version\" integer NOT NULL, \"handed_off_severity\" character varying(8), \"dispatched_version\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_60f895662df096bfcdfab7f4b96\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_alerts_seq\" ON \"alerts\"  (\"seq\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_alerts_dedup_key\" ON \"alerts\"  (\"dedup_key\") ");
    // Declared with synchronize: false on the entity: TypeORM cannot express GIN or partial indexes.
    await queryRunner.query('CREATE INDEX "ix_alerts_institution_ids" ON "alerts" USING GIN ("institution_ids")');
    await queryRunner.query('CREATE INDEX "ix_alerts_subject_accounts" ON "alerts" USING GIN ("subject_accounts")');
    await queryRunner.query('CREATE INDEX "ix_alerts_undispatched" ON "alerts" ("seq") WHERE "dispatched_version" < "version"');
    await queryRunner.query("CREATE TABLE \"account_activity\" (\"bank_code\" character varying(32) NOT NULL, \"account_number\" character varying(64) NOT NULL, \"last_activity_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_67404763e8d656e07f22514bde7\" PRIMARY KEY (\"bank_code\", \"account_number\"))");
    await queryRunner.query("CREATE TABLE \"transfer_events\" (\"event_id\" character varying(128) NOT NULL, \"partition_no\" smallint NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"body\" jsonb NOT NULL, CONSTRAINT \"PK_9813853ee7b3a6bd66ef1d032e1\" PRIMARY KEY (\"event_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_transfer_events_time\" ON \"transfer_events\"  (\"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_transfer_events_partition_time\" ON \"transfer_events\"  (\"partition_no\", \"occurred_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_transfer_events_partition_time\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_transfer_events_time\"");
    await queryRunner.query("DROP TABLE \"transfer_events\"");
    await queryRunner.query("DROP TABLE \"account_activity\"");
    await queryRunner.query('DROP INDEX "public"."ix_alerts_undispatched"');
    await queryRunner.query('DROP INDEX "public"."ix_alerts_subject_accounts"');
    await queryRunner.query('DROP INDEX "public"."ix_alerts_institution_ids"');
    await queryRunner.query("DROP INDEX \"public\".\"ux_alerts_dedup_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_alerts_seq\"");
    await queryRunner.query("DROP TABLE \"alerts\"");
  }
}
