import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Opening records, second verifications, and rescreen jobs with their hits. */
export class Openings1764000100000 implements MigrationInterface {
  name = 'Openings1764000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"account_opening_records\" (\"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"institution_id\" uuid NOT NULL, \"holder_key\" character varying(64) NOT NULL, \"profile\" jsonb NOT NULL, \"context\" jsonb NOT NULL, \"screening_id\" uuid, \"screening_decision\" character varying(8), \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reported_by\" character varying(80) NOT NULL, \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_b0a436699c07e9f641139df57c9\" PRIMARY KEY (\"bank_code\", \"account_number\"))");
    await queryRunner.query("CREATE INDEX \"ix_account_opening_records_holder\" ON \"account_opening_records\"  (\"holder_key\") ");
    await queryRunner.query("CREATE TABLE \"rescreen_hits\" (\"job_id\" uuid NOT NULL, \"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"match_ref\" character varying(80) NOT NULL, \"institution_id\" uuid NOT NULL, \"match_kind\" character varying(12) NOT NULL, \"category\" character varying(40) NOT NULL, \"measures\" character varying(32) array NOT NULL, \"holder_key\" character varying(64) NOT NULL, \"holder_type\" character varying(8) NOT NULL, \"holder_masked\" character varying(40) NOT NULL, \"holder_name\" character varying(200), \"account_class\" character varying(3), \"branch_code\" character varying(20), \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"source\" character varying(8) NOT NULL, CONSTRAINT \"PK_cc526c350a5268c289da1371be8\" PRIMARY KEY (\"job_id\", \"bank_code\", \"account_number\", \"match_ref\"))");
    await queryRunner.query("CREATE INDEX \"ix_rescreen_hits_job_institution\" ON \"rescreen_hits\"  (\"job_id\", \"institution_id\") ");
    await queryRunner.query("CREATE TABLE \"rescreen_jobs\" (\"id\" uuid NOT NULL, \"kind\" character varying(12) NOT NULL, \"status\" character varying(12) NOT NULL, \"institution_id\" uuid, \"trigger\" character varying(32) NOT NULL, \"requested_by\" character varying(80) NOT NULL, \"entry_ids\" jsonb, \"seq_ranges\" jsonb, \"keys_total\" integer NOT NULL DEFAULT '0', \"keys_done\" integer NOT NULL DEFAULT '0', \"hits\" integer NOT NULL DEFAULT '0', \"checkpoint\" character varying(200), \"lease_owner\" character varying(64), \"lease_until\" TIMESTAMP WITH TIME ZONE, \"attempts\" integer NOT NULL DEFAULT '0', \"error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_84ed8e979d33e9fa65324f77c58\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_rescreen_jobs_status_created\" ON \"rescreen_jobs\"  (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"second_verifications\" (\"id\" uuid NOT NULL, \"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"institution_id\" uuid NOT NULL, \"trigger\" character varying(16) NOT NULL, \"trigger_ref\" character varying(80), \"status\" character varying(8) NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"claimed_until\" TIMESTAMP WITH TIME ZONE, \"attempts\" integer NOT NULL DEFAULT '0', \"baseline_decision\" character varying(8), \"screening_id\" uuid, \"decision\" character varying(8), \"changed\" boolean, \"review_item_id\" uuid, \"error\" text, \"dedup_key\" character varying(200) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_ad3bda027fd16709152a8b3617c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_second_verifications_dedup\" ON \"second_verifications\"  (\"dedup_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_second_verifications_account\" ON \"second_verifications\"  (\"bank_code\", \"account_number\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_second_verifications_due\" ON \"second_verifications\"  (\"status\", \"due_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_second_verifications_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_second_verifications_account\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_second_verifications_dedup\"");
    await queryRunner.query("DROP TABLE \"second_verifications\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_rescreen_jobs_status_created\"");
    await queryRunner.query("DROP TABLE \"rescreen_jobs\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_rescreen_hits_job_institution\"");
    await queryRunner.query("DROP TABLE \"rescreen_hits\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_account_opening_records_holder\"");
    await queryRunner.query("DROP TABLE \"account_opening_records\"");
  }
}
