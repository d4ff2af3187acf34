import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Account-opening screening: rule-set versions, stored screenings, and review items. */
export class Screening1764000000000 implements MigrationInterface {
  name = 'Screening1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"review_items\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"kind\" character varying(32) NOT NULL, \"status\" character varying(16) NOT NULL, \"severity\" character varying(16) NOT NULL, \"title\" character varying(300) NOT NULL, \"screening_id\" uuid, \"bank_code\" character varying(20), \"account_number\" character varying(40), \"subject_type\" character varying(8) NOT NULL, \"subject_key\" character varying(80) NOT NULL, \"subject_masked\" character varying(80), \"subject_name\" character varying(200), \"finding_codes\" character varying(64) array NOT NULL, \"source_ref\" character varying(80), \"details\" jsonb NOT NULL, \"dedup_key\" character varying(200) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_417e5a69fd5f01f31e3c0303dfe\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_review_items_dedup\" ON \"review_items\"  (\"dedup_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_review_items_subject\" ON \"review_items\"  (\"subject_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_review_items_created\" ON \"review_items\"  (\"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_review_items_institution_created\" ON \"review_items\"  (\"institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"screening_rule_sets\" (\"version\" character varying(64) NOT NULL, \"definition\" jsonb NOT NULL, \"published_by\" character varying(80) NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"activated_at\" TIMESTAMP WITH TIME ZONE, \"activation_no\" integer, CONSTRAINT \"PK_4d5953f2a75849539e671cfc731\" PRIMARY KEY (\"version\"))");
    await queryRunner.query("CREATE INDEX \"ix_screening_rule_sets_activation\" ON \"screening_rule_sets\"  (\"activation_no\") ");
    await queryRunner.query("CREATE TABLE \"screenings\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"request_id\" character varying(100) NOT NULL, \"purpose\" character varying(24) NOT NULL, \"requested_by\" character varying(80) NOT NULL, \"branch_code\" character varying(20), \"channel\" character varying(8) NOT NULL, \"applicant_type\" character varying(8) NOT NULL, \"holder_key\" character varying(64) NOT NULL, \"phone_key\" character varying(64), \"device_key\" character varying(64), \"address_key\" character varying(64), \"applicant\" jsonb NOT NULL, \"context\" jsonb NOT NULL, \"facts\" jsonb NOT NULL, \"decision\" character varying(8) NOT NULL, \"score\" smallint NOT NULL, \"recommended_account_class\" character varying(3), \"reasons\" jsonb NOT NULL, \"rule_set_version\" character varying(64) NOT NULL, \"screened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_343138765d7d5a69f71b2ff7795\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_screenings_address\" ON \"screenings\"  (\"address_key\", \"screened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_screenings_device\" ON \"screenings\"  (\"device_key\", \"screened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_screenings_phone\" ON \"screenings\"  (\"phone_key\", \"screened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_screenings_holder\" ON \"screenings\"  (\"holder_key\", \"screened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_screenings_at\" ON \"screenings\"  (\"screened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_screenings_institution_at\" ON \"screenings\"  (\"institution_id\", \"screened_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_screenings_request\" ON \"screenings\"  (\"institution_id\", \"request_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ux_screenings_request\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_institution_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_holder\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_phone\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_device\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screenings_address\"");
    await queryRunner.query("DROP TABLE \"screenings\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_screening_rule_sets_activation\"");
    await queryRunner.query("DROP TABLE \"screening_rule_sets\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_review_items_institution_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_review_items_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_review_items_subject\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_review_items_dedup\"");
    await queryRunner.query("DROP TABLE \"review_items\"");
  }
}
