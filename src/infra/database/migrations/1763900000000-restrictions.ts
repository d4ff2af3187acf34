import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Restriction orders and their history, account effective state, policies, cap usage, bulk jobs; webhooks. */
export class Restrictions1763900000000 implements MigrationInterface {
  name = 'Restrictions1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"restriction_account_states\" (\"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"level\" character varying(24), \"order_ids\" jsonb NOT NULL, \"next_change_at\" TIMESTAMP WITH TIME ZONE, \"version\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_8a842e1ec362f118e5994593e15\" PRIMARY KEY (\"bank_code\", \"account_number\"))");
    await queryRunner.query("CREATE INDEX \"ix_restriction_account_states_next_change\" ON \"restriction_account_states\"  (\"next_change_at\") ");
    await queryRunner.query("CREATE TABLE \"restriction_bulk_jobs\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"created_by\" character varying(100) NOT NULL, \"status\" character varying(12) NOT NULL, \"template\" jsonb NOT NULL, \"total\" integer NOT NULL, \"processed\" integer NOT NULL, \"created\" integer NOT NULL, \"existing\" integer NOT NULL, \"failed\" integer NOT NULL, \"error\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_430f5dc604b6b497e40e916dc0b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_restriction_bulk_jobs_status\" ON \"restriction_bulk_jobs\"  (\"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_bulk_jobs_institution_created\" ON \"restriction_bulk_jobs\"  (\"institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"restriction_bulk_rows\" (\"job_id\" uuid NOT NULL, \"row_no\" integer NOT NULL, \"holder_key\" character varying(64), \"holder_masked\" character varying(40), \"status\" character varying(10) NOT NULL, \"order_id\" uuid, \"error_code\" character varying(64), \"message\" character varying(500), CONSTRAINT \"PK_a7af62268c97e01cf80874c219c\" PRIMARY KEY (\"job_id\", \"row_no\"))");
    await queryRunner.query("CREATE INDEX \"ix_restriction_bulk_rows_job_status\" ON \"restriction_bulk_rows\"  (\"job_id\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"restriction_cap_usage\" (\"day\" character varying(10) NOT NULL, \"account_key\" character varying(64) NOT NULL, \"transaction_id\" character varying(100) NOT NULL, \"amount_fen\" bigint NOT NULL, \"counted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d0eaeffa0d2fed2ec950b895e06\" PRIMARY KEY (\"day\", \"account_key\", \"transaction_id\"))");
    await queryRunner.query("CREATE TABLE \"restriction_effective_changes\" (\"id\" uuid NOT NULL, \"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"institution_id\" uuid, \"seq\" integer NOT NULL, \"previous_level\" character varying(24), \"level\" character varying(24), \"order_ids\" jsonb NOT NULL, \"cause\" character varying(24) NOT NULL, \"cause_order_id\" uuid, \"effective_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c9d17a6bb2c84254c375d728078\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_restriction_effective_changes_account_seq\" ON \"restriction_effective_changes\"  (\"bank_code\", \"account_number\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"restriction_order_events\" (\"id\" uuid NOT NULL, \"order_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"type\" character varying(16) NOT NULL, \"status_after\" character varying(20) NOT NULL, \"actor_type\" character varying(8) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"actor_institution_id\" uuid, \"reason\" character varying(2000), \"details\" jsonb NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_08989a9c39149681120c923da26\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_restriction_order_events_order_seq\" ON \"restriction_order_events\"  (\"order_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"restriction_orders\" (\"id\" uuid NOT NULL, \"target_type\" character varying(8) NOT NULL, \"bank_code\" character varying(20), \"account_number\" character varying(40), \"holder_key\" character varying(64), \"holder_masked\" character varying(40), \"account_institution_id\" uuid, \"level\" character varying(24) NOT NULL, \"daily_amount_fen\" bigint, \"daily_count\" integer, \"basis_type\" character varying(24) NOT NULL, \"basis_ref\" character varying(200) NOT NULL, \"basis_kind\" character varying(16), \"basis_note\" character varying(1000), \"issuer_institution_id\" uuid NOT NULL, \"issued_by_type\" character varying(8) NOT NULL, \"issued_by_id\" character varying(100) NOT NULL, \"issued_by_name\" character varying(100), \"policy_id\" character varying(100), \"policy_event_id\" character varying(200), \"provisional\" boolean NOT NULL, \"effective_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"term_source\" character varying(20) NOT NULL, \"status\" character varying(20) NOT NULL, \"requires_approval\" boolean NOT NULL, \"approved_by_id\" character varying(100), \"approved_at\" TIMESTAMP WITH TIME ZONE, \"supersedes_order_id\" uuid, \"superseded_by_order_id\" uuid, \"bulk_job_id\" uuid, \"dedup_key\" character varying(200), \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_bdf768afa013b5a0095bac0c6d2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_restriction_orders_dedup\" ON \"restriction_orders\"  (\"dedup_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_created\" ON \"restriction_orders\"  (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_account_inst_created\" ON \"restriction_orders\"  (\"account_institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_issuer_created\" ON \"restriction_orders\"  (\"issuer_institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_basis\" ON \"restriction_orders\"  (\"basis_type\", \"basis_ref\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_status_expires\" ON \"restriction_orders\"  (\"status\", \"expires_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_holder\" ON \"restriction_orders\"  (\"holder_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_restriction_orders_account\" ON \"restriction_orders\"  (\"bank_code\", \"account_number\") ");
    await queryRunner.query("CREATE TABLE \"restriction_policy_sets\" (\"version\" integer NOT NULL, \"policies\" jsonb NOT NULL, \"created_by\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_906fdf97fbdb505a6a955742e3b\" PRIMARY KEY (\"version\"))");
    await queryRunner.query("CREATE TABLE \"webhook_attempts\" (\"id\" uuid NOT NULL, \"delivery_id\" uuid NOT NULL, \"attempt\" integer NOT NULL, \"attempted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status_code\" integer, \"error\" character varying(500), \"duration_ms\" integer NOT NULL, CONSTRAINT \"PK_2de7e7887ad97de459adab62638\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_webhook_attempts_delivery_attempt\" ON \"webhook_attempts\"  (\"delivery_id\", \"attempt\") ");
    await queryRunner.query("CREATE TABLE \"webhook_deliveries\" (\"id\" uuid NOT NULL, \"endpoint_id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"event_type\" character varying(100) NOT NULL, \"event_id\" character varying(100) NOT NULL, \"payload\" jsonb NOT NULL, \"status\" character varying(12) NOT NULL, \"attempts\" integer NOT NULL, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"last_status_code\" integer, \"last_error\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"delivered_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_535dd409947fb6d8fc6dfc0112a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_webhook_deliveries_endpoint_event\" ON \"webhook_deliveries\"  (\"endpoint_id\", \"event_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_webhook_deliveries_institution_created\" ON \"webhook_deliveries\"  (\"institution_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_webhook_deliveries_due\" ON \"webhook_deliveries\"  (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE TABLE \"webhook_endpoints\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"url\" character varying(2000) NOT NULL, \"secret_sealed\" character varying(500) NOT NULL, \"event_types\" jsonb NOT NULL, \"description\" character varying(200), \"active\" boolean NOT NULL, \"created_by\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_054c4cfb95223732f5939d2d546\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_webhook_endpoints_institution\" ON \"webhook_endpoints\"  (\"institution_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_webhook_endpoints_institution\"");
    await queryRunner.query("DROP TABLE \"webhook_endpoints\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_webhook_deliveries_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_webhook_deliveries_institution_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_webhook_deliveries_endpoint_event\"");
    await queryRunner.query("DROP TABLE \"webhook_deliveries\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_webhook_attempts_delivery_attempt\"");
    await queryRunner.query("DROP TABLE \"webhook_attempts\"");
    await queryRunner.query("DROP TABLE \"restriction_policy_sets\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_account\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_holder\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_status_expires\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_basis\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_issuer_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_account_inst_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_orders_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_restriction_orders_dedup\"");
    await queryRunner.query("DROP TABLE \"restriction_orders\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_restriction_order_events_order_seq\"");
    await queryRunner.query("DROP TABLE \"restriction_order_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_restriction_effective_changes_account_seq\"");
    await queryRunner.query("DROP TABLE \"restriction_effective_changes\"");
    await queryRunner.query("DROP TABLE \"restriction_cap_usage\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_bulk_rows_job_status\"");
    await queryRunner.query("DROP TABLE \"restriction_bulk_rows\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_bulk_jobs_institution_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_bulk_jobs_status\"");
    await queryRunner.query("DROP TABLE \"restriction_bulk_jobs\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_restriction_account_states_next_change\"");
    await queryRunner.query("DROP TABLE \"restriction_account_states\"");
  }
}
