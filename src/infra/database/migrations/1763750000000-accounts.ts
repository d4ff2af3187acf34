import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1763750000000 implements MigrationInterface {
  name = 'Accounts1763750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"bank_accounts\" (\"bank_code\" character varying(20) NOT NULL, \"account_number\" character varying(40) NOT NULL, \"institution_id\" uuid NOT NULL, \"branch_code\" character varying(20), \"holder_type\" character varying(8) NOT NULL, \"holder_key\" character varying(64) NOT NULL, \"holder_masked\" character varying(40) NOT NULL, \"holder_name\" character varying(200), \"account_class\" character varying(3), \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"source\" character varying(8) NOT NULL, \"phone_key\" character varying(64), \"device_key\" character varying(64), \"address_key\" character varying(64), \"screening_id\" uuid, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_bfcc89dc3ff3e02fd2cb124387a\" PRIMARY KEY (\"bank_code\", \"account_number\"))");
    await queryRunner.query("CREATE INDEX \"ix_bank_accounts_address\" ON \"bank_accounts\"  (\"address_key\", \"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_bank_accounts_device\" ON \"bank_accounts\"  (\"device_key\", \"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_bank_accounts_phone\" ON \"bank_accounts\"  (\"phone_key\", \"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_bank_accounts_institution_opened\" ON \"bank_accounts\"  (\"institution_id\", \"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_bank_accounts_holder\" ON \"bank_accounts\"  (\"holder_key\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_bank_accounts_holder\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_bank_accounts_institution_opened\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_bank_accounts_phone\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_bank_accounts_device\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_bank_accounts_address\"");
    await queryRunner.query("DROP TABLE \"bank_accounts\"");
  }
}
