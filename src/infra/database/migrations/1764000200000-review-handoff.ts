import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review items remember when they were handed to compliance cases, so bulk writers (rescreens)
 * and hot paths (screening) can hand them over after their own transaction. Items created before
 * this column existed were handed over at once.
 */
export class ReviewHandoff1764000200000 implements MigrationInterface {
  name = 'ReviewHandoff1764000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "review_items" ADD "handed_off_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('UPDATE "review_items" SET "handed_off_at" = "created_at"');
    await queryRunner.query('CREATE INDEX "ix_review_items_handoff" ON "review_items"  ("handed_off_at", "created_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_review_items_handoff"');
    await queryRunner.query('ALTER TABLE "review_items" DROP COLUMN "handed_off_at"');
  }
}
