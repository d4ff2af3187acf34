import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Compliance cases: cases, items, timeline, decisions, suppressions, feedback, packages, round-robin cursor. */
export class Cases1764200000000 implements MigrationInterface {
  name = 'Cases1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_assignment_cursors\" (\"institution_id\" uuid NOT NULL, \"last_user_id\" uuid NOT NULL, \"last_sort_key\" character varying(64) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_fcee498556184ec3d9714e851f5\" PRIMARY KEY (\"institution_id\"))");
    await queryRunner.query("CREATE TABLE \"case_decisions\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"kind\" character varying(24) NOT NULL, \"status\" character varying(20) NOT NULL, \"needs_approval\" boolean NOT NULL, \"params\" jsonb NOT NULL DEFAULT '{}', \"reason\" text NOT NULL, \"decided_by\" uuid NOT NULL, \"decided_by_name\" character varying(100) NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reviewed_by\" uuid, \"reviewed_by_name\" character varying(100), \"reviewed_at\" TIMESTAMP WITH TIME ZONE, \"review_comment\" text, \"outcome\" jsonb NOT NULL DEFAULT '{}', \"applied_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_ac40768ba7036428b02e3ad6f4c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_decisions_institution\" ON \"case_decisions\"  (\"institution_id\", \"decided_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_case_decisions_case\" ON \"case_decisions\"  (\"case_id\", \"decided_at\") ");
    await queryRunner.query("CREATE TABLE \"case_dispositions\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"decision_id\" uuid NOT NULL, \"finding_code\" character varying(64) NOT NULL, \"finding_kind\" character varying(8) NOT NULL, \"disposition\" character varying(24) NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"current\" boolean NOT NULL DEFAULT true, CONSTRAINT \"PK_fdfac0f257a3e86a21b9ed5cec6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_dispositions_case\" ON \"case_dispositions\"  (\"case_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_case_dispositions_institution\" ON \"case_dispositions\"  (\"institution_id\", \"decided_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_case_dispositions_decided\" ON \"case_dispositions\"  (\"decided_at\") ");
    await queryRunner.query("CREATE TABLE \"case_events\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"kind\" character varying(32) NOT NULL, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"actor_name\" character varying(100), \"details\" jsonb NOT NULL DEFAULT '{}', CONSTRAINT \"PK_61f203ee26b76c6438bbcc7bde6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_case_events_seq\" ON \"case_events\"  (\"case_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"case_items\" (\"id\" uuid NOT NULL, \"case_id\" uuid, \"institution_id\" uuid NOT NULL, \"source\" character varying(24) NOT NULL, \"source_id\" character varying(100) NOT NULL, \"subject_type\" character varying(8) NOT NULL, \"subject_key\" character varying(100) NOT NULL, \"subject_display\" character varying(80) NOT NULL, \"severity\" character varying(8) NOT NULL, \"finding_codes\" character varying(64) array NOT NULL DEFAULT '{}', \"suppressed_codes\" character varying(64) array NOT NULL DEFAULT '{}', \"queued\" boolean NOT NULL DEFAULT true, \"summary\" character varying(500) NOT NULL, \"evidence\" jsonb NOT NULL DEFAULT '{}', \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d96bc48c14fc5c8b362774e23f1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_items_recorded\" ON \"case_items\"  (\"recorded_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_case_items_case\" ON \"case_items\"  (\"case_id\", \"recorded_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_case_items_source\" ON \"case_items\"  (\"institution_id\", \"source\", \"source_id\") ");
    await queryRunner.query("CREATE TABLE \"case_packages\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"decision_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_by\" uuid NOT NULL, \"sha256\" character varying(64) NOT NULL, \"content\" jsonb NOT NULL, CONSTRAINT \"PK_497242f93f5c66f8f0af25b9930\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_packages_case\" ON \"case_packages\"  (\"case_id\") ");
    await queryRunner.query("CREATE TABLE \"case_suppressions\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"subject_type\" character varying(8) NOT NULL, \"subject_key\" character varying(100) NOT NULL, \"subject_display\" character varying(80) NOT NULL, \"finding_code\" character varying(64) NOT NULL, \"finding_kind\" character varying(8) NOT NULL, \"reason\" text NOT NULL, \"case_id\" uuid NOT NULL, \"decision_id\" uuid NOT NULL, \"created_by\" uuid NOT NULL, \"created_by_name\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_by\" uuid, \"revoke_reason\" text, \"hit_count\" integer NOT NULL DEFAULT '0', \"last_hit_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_11e007b07246fb21b67a008dd51\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_suppressions_created\" ON \"case_suppressions\"  (\"institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_case_suppressions_subject\" ON \"case_suppressions\"  (\"institution_id\", \"subject_type\", \"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"cases\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"subject_type\" character varying(8) NOT NULL, \"subject_key\" character varying(100) NOT NULL, \"subject_display\" character varying(80) NOT NULL, \"subject_name\" character varying(200), \"subject_attributes\" jsonb, \"status\" character varying(20) NOT NULL, \"priority\" character varying(8) NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"assignee_id\" uuid, \"assignee_name\" character varying(64), \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"resolution\" character varying(24), \"item_count\" integer NOT NULL DEFAULT '0', \"last_item_at\" TIMESTAMP WITH TIME ZONE, \"sources\" character varying(24) array NOT NULL DEFAULT '{}', \"finding_codes\" character varying(64) array NOT NULL DEFAULT '{}', \"reopen_count\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_264acb3048c240fb89aa34626db\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_cases_subject\" ON \"cases\"  (\"subject_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_cases_opened\" ON \"cases\"  (\"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_cases_assignee\" ON \"cases\"  (\"assignee_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_cases_queue\" ON \"cases\"  (\"institution_id\", \"status\", \"due_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_cases_open_subject\" ON \"cases\"  (\"institution_id\", \"subject_type\", \"subject_key\") WHERE status <> 'CLOSED'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ux_cases_open_subject\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_cases_queue\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_cases_assignee\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_cases_opened\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_cases_subject\"");
    await queryRunner.query("DROP TABLE \"cases\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_suppressions_subject\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_suppressions_created\"");
    await queryRunner.query("DROP TABLE \"case_suppressions\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_packages_case\"");
    await queryRunner.query("DROP TABLE \"case_packages\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_case_items_source\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_items_case\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_items_recorded\"");
    await queryRunner.query("DROP TABLE \"case_items\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_case_events_seq\"");
    await queryRunner.query("DROP TABLE \"case_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_dispositions_decided\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_dispositions_institution\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_dispositions_case\"");
    await queryRunner.query("DROP TABLE \"case_dispositions\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_decisions_case\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_case_decisions_institution\"");
    await queryRunner.query("DROP TABLE \"case_decisions\"");
    await queryRunner.query("DROP TABLE \"case_assignment_cursors\"");
  }
}
