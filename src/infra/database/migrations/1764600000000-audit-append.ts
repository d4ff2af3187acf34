import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_append(records): extends the audit hash chain by a batch of records in one statement.
 * Each record comes with its content, the hashed fields a writer knows beforehand (see
 * recordContent in src/domain/audit/hash-chain.ts); under the chain lock the function reads the
 * head, numbers the records, and hashes `[seq,content,"prevHash"]` as chainHash does. It is a
 * volatile PL/pgSQL function, so each statement in it takes a fresh snapshot: the head read
 * after the lock is the last one committed. A writer pays one round trip instead of five (begin,
 * lock, head, insert, commit), and verification still recomputes every hash outside the database.
 */
export class AuditAppend1764600000000 implements MigrationInterface {
  name = 'AuditAppend1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_append(records jsonb) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        head_seq bigint;
        head_hash varchar(64);
        next_hash varchar(64);
        r record;
      BEGIN
        PERFORM pg_advisory_xact_lock(727100001);
        SELECT seq, hash INTO head_seq, head_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
        head_seq := coalesce(head_seq, 0);
        head_hash := coalesce(head_hash, repeat('0', 64));
        FOR r IN
          SELECT x.* FROM ROWS FROM (jsonb_to_recordset(records) AS (
            occurred_at timestamptz, actor_type varchar, actor_id varchar, institution_id uuid, action varchar,
            subject_type varchar, subject_id varchar, request_id varchar, outcome varchar, details jsonb, content text))
          WITH ORDINALITY AS x(occurred_at, actor_type, actor_id, institution_id, action, subject_type, subject_id, request_id, outcome, details, content, ord)
          ORDER BY x.ord
        LOOP
          head_seq := head_seq + 1;
          next_hash := encode(sha256(convert_to('[' || head_seq || ',' || r.content || ',"' || head_hash || '"]', 'UTF8')), 'hex');
          INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, institution_id, action, subject_type, subject_id, request_id, outcome, details, prev_hash, hash)
          VALUES (head_seq, r.occurred_at, r.actor_type, r.actor_id, r.institution_id, r.action, r.subject_type, r.subject_id, r.request_id, r.outcome, coalesce(r.details, '{}'), head_hash, next_hash);
          head_hash := next_hash;
        END LOOP;
        RETURN head_seq;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION audit_append(jsonb)');
  }
}
