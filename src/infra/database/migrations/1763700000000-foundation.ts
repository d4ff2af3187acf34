import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"idempotency_records\" (\"scope\" character varying(300) NOT NULL, \"idempotency_key\" character varying(200) NOT NULL, \"request_hash\" character varying(64) NOT NULL, \"status_code\" integer, \"response_body\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_c16dcc0ca878b58160e527c80c1\" PRIMARY KEY (\"scope\", \"idempotency_key\"))");
    await queryRunner.query("CREATE INDEX \"ix_idempotency_records_created_at\" ON \"idempotency_records\"  (\"created_at\") ");
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"seq\" bigint NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(100) NOT NULL, \"institution_id\" uuid, \"action\" character varying(100) NOT NULL, \"subject_type\" character varying(64) NOT NULL, \"subject_id\" character varying(200), \"request_id\" character varying(100), \"outcome\" character varying(16) NOT NULL, \"details\" jsonb NOT NULL DEFAULT '{}', \"prev_hash\" character varying(64) NOT NULL, \"hash\" character varying(64) NOT NULL, CONSTRAINT \"PK_ce5b9b7d945cab0a6c604bafd9e\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE INDEX \"ix_audit_log_institution_seq\" ON \"audit_log\"  (\"institution_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"api_keys\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"name\" character varying(100) NOT NULL, \"prefix\" character varying(8) NOT NULL, \"secret_hash\" character varying(64) NOT NULL, \"scopes\" character varying(64) array NOT NULL, \"created_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_5c8a79801b44bd27b79228e1dad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_api_keys_institution\" ON \"api_keys\"  (\"institution_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_api_keys_prefix\" ON \"api_keys\"  (\"prefix\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL, \"institution_id\" uuid NOT NULL, \"username\" character varying(64) NOT NULL, \"display_name\" character varying(200), \"password_hash\" text NOT NULL, \"roles\" character varying(16) array NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_users_institution\" ON \"users\"  (\"institution_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_users_username\" ON \"users\"  (\"username\") ");
    await queryRunner.query("CREATE TABLE \"institutions\" (\"id\" uuid NOT NULL, \"code\" character varying(32) NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" character varying(16) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0be7539dcdba335470dc05e9690\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_institutions_code\" ON \"institutions\"  (\"code\") ");
    await queryRunner.query("CREATE TABLE \"platform_secrets\" (\"name\" character varying(64) NOT NULL, \"value\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_492489d4621ec64e68dfa0a0f65\" PRIMARY KEY (\"name\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"platform_secrets\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_institutions_code\"");
    await queryRunner.query("DROP TABLE \"institutions\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_users_username\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_users_institution\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_api_keys_prefix\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_api_keys_institution\"");
    await queryRunner.query("DROP TABLE \"api_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_log_institution_seq\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_idempotency_records_created_at\"");
    await queryRunner.query("DROP TABLE \"idempotency_records\"");
  }
}
