import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hand-off worker takes the oldest pending review items: a partial index on created_at over
 * the pending ones answers that from the index, where the index on (handed_off_at, created_at)
 * left a scan and sort of every pending row (hundreds of thousands after a large rescreen).
 */
export class ReviewPendingIndex1764300000000 implements MigrationInterface {
  name = 'ReviewPendingIndex1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_review_items_handoff"');
    await queryRunner.query('CREATE INDEX "ix_review_items_pending" ON "review_items"  ("created_at") WHERE handed_off_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_review_items_pending"');
    await queryRunner.query('CREATE INDEX "ix_review_items_handoff" ON "review_items"  ("handed_off_at", "created_at") ');
  }
}
