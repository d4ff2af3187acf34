import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shared bulk-import jobs and row errors; the negative list: entries, versions, appeals, known non-matches. */
export class NegativeList1763800000000 implements MigrationInterface {
  name = 'NegativeList1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"import_jobs\" (\"id\" uuid NOT NULL, \"kind\" character varying(32) NOT NULL, \"institution_id\" uuid NOT NULL, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"format\" character varying(8) NOT NULL, \"status\" character varying(16) NOT NULL, \"rows_read\" integer NOT NULL DEFAULT '0', \"rows_accepted\" integer NOT NULL DEFAULT '0', \"rows_rejected\" integer NOT NULL DEFAULT '0', \"inserted\" integer NOT NULL DEFAULT '0', \"updated\" integer NOT NULL DEFAULT '0', \"unchanged\" integer NOT NULL DEFAULT '0', \"error\" text, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_4d206c602f173f98e4bb85819a3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_import_jobs_kind_institution_started\" ON \"import_jobs\"  (\"kind\", \"institution_id\", \"started_at\") ");
    await queryRunner.query("CREATE TABLE \"import_row_errors\" (\"job_id\" uuid NOT NULL, \"row_number\" integer NOT NULL, \"code\" character varying(64) NOT NULL, \"field\" character varying(64), \"message\" text NOT NULL, CONSTRAINT \"PK_fd89d38391e1a8fec95313bfd94\" PRIMARY KEY (\"job_id\", \"row_number\"))");
    await queryRunner.query("CREATE TABLE \"negative_list_appeals\" (\"id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"received_by_institution_id\" uuid NOT NULL, \"recorded_by\" character varying(100) NOT NULL, \"grounds\" text NOT NULL, \"deadline_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status\" character varying(16) NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decided_by\" character varying(100), \"decided_by_institution_id\" uuid, \"decision_reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_8fe771f365434364fb525715473\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_appeals_status_deadline\" ON \"negative_list_appeals\"  (\"status\", \"deadline_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_appeals_entry\" ON \"negative_list_appeals\"  (\"entry_id\") ");
    await queryRunner.query("CREATE TABLE \"negative_list_entry_versions\" (\"entry_id\" uuid NOT NULL, \"version\" integer NOT NULL, \"action\" character varying(32) NOT NULL, \"snapshot\" jsonb NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"institution_id\" uuid, \"reason\" text, CONSTRAINT \"PK_2f1a82587430b2debe7ded40bc1\" PRIMARY KEY (\"entry_id\", \"version\"))");
    await queryRunner.query("CREATE TABLE \"negative_list_entries\" (\"id\" uuid NOT NULL, \"version\" integer NOT NULL, \"change_seq\" BIGSERIAL NOT NULL, \"external_ref\" character varying(200), \"subject_type\" character varying(16) NOT NULL, \"id_kind\" character varying(16) NOT NULL, \"subject_key\" character varying(64) NOT NULL, \"identifier\" character varying(120) NOT NULL, \"identifier_masked\" character varying(120) NOT NULL, \"subject_name\" character varying(200), \"birth_date\" date, \"category\" character varying(32) NOT NULL, \"fraud_type\" character varying(40) NOT NULL, \"legal_basis\" text NOT NULL, \"legal_basis_doc_no\" character varying(100), \"evidence_ref\" character varying(200), \"measures\" character varying(32) array NOT NULL, \"requested_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"effective_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"term_basis\" character varying(32) NOT NULL, \"status\" character varying(16) NOT NULL, \"status_reason\" text, \"contributor_institution_id\" uuid NOT NULL, \"contributor_actor_type\" character varying(16) NOT NULL, \"contributor_actor_id\" character varying(100) NOT NULL, \"import_id\" uuid, \"last_action\" character varying(32) NOT NULL, \"last_actor_type\" character varying(16) NOT NULL, \"last_actor_id\" character varying(100) NOT NULL, \"last_actor_institution_id\" uuid, \"last_reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1d5ad9ef48363af7a15718eb762\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_entries_change_seq\" ON \"negative_list_entries\"  (\"change_seq\") ");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_entries_status_expires\" ON \"negative_list_entries\"  (\"status\", \"expires_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_entries_subject_key\" ON \"negative_list_entries\"  (\"subject_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_negative_list_entries_external_ref\" ON \"negative_list_entries\"  (\"contributor_institution_id\", \"external_ref\") ");
    await queryRunner.query("CREATE TABLE \"negative_list_non_matches\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, \"subject_key\" character varying(100) NOT NULL, \"subject_label\" character varying(200) NOT NULL, \"reason\" text NOT NULL, \"created_by\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ends_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_by\" character varying(100), \"revoke_reason\" text, CONSTRAINT \"PK_b63a0209cd83b105acdc4524982\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_non_matches_entry\" ON \"negative_list_non_matches\"  (\"entry_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_non_matches_institution\" ON \"negative_list_non_matches\"  (\"institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_negative_list_non_matches_subject\" ON \"negative_list_non_matches\"  (\"subject_key\") ");
    // One open appeal per entry: a partial unique index TypeORM cannot express.
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_negative_list_appeals_open\" ON \"negative_list_appeals\" (\"entry_id\") WHERE \"status\" = 'OPEN'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ux_negative_list_appeals_open\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_non_matches_subject\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_non_matches_institution\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_non_matches_entry\"");
    await queryRunner.query("DROP TABLE \"negative_list_non_matches\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_negative_list_entries_external_ref\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_entries_subject_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_entries_status_expires\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_entries_change_seq\"");
    await queryRunner.query("DROP TABLE \"negative_list_entries\"");
    await queryRunner.query("DROP TABLE \"negative_list_entry_versions\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_appeals_entry\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_negative_list_appeals_status_deadline\"");
    await queryRunner.query("DROP TABLE \"negative_list_appeals\"");
    await queryRunner.query("DROP TABLE \"import_row_errors\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_import_jobs_kind_institution_started\"");
    await queryRunner.query("DROP TABLE \"import_jobs\"");
  }
}
