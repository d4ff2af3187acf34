import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable progress of transfer detection per Kafka partition (Kafka becomes the log of the
 * stream path), and stored transfer events as json rather than jsonb: written for every event,
 * read only by id, so the cheaper write wins.
 */
export class TransferStreamOffsets1764100000001 implements MigrationInterface {
  name = 'TransferStreamOffsets1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"transfer_stream_offsets\" (\"group_id\" character varying(100) NOT NULL, \"topic\" character varying(100) NOT NULL, \"partition_no\" integer NOT NULL, \"next_offset\" bigint NOT NULL, \"watermark_ms\" bigint NOT NULL, \"checkpoints\" jsonb NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_3760e0f03672da7655111a2e989\" PRIMARY KEY (\"group_id\", \"topic\", \"partition_no\"))");
    await queryRunner.query('ALTER TABLE "transfer_events" ALTER COLUMN "body" TYPE json USING "body"::json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "transfer_events" ALTER COLUMN "body" TYPE jsonb USING "body"::jsonb');
    await queryRunner.query("DROP TABLE \"transfer_stream_offsets\"");
  }
}
