import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const BULK_ROW_STATUSES = ['PENDING', 'CREATED', 'EXISTING', 'INVALID', 'FAILED'] as const;
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number];

/** One person of a bulk job: validated and blind-indexed on arrival, so no raw ID is stored. */
@Entity('restriction_bulk_rows')
@Index('ix_restriction_bulk_rows_job_status', ['jobId', 'status'])
export class RestrictionBulkRowEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId!: string;

  /** 1-based position in the submitted list. */
  @PrimaryColumn('integer', { name: 'row_no' })
  rowNo!: number;

  @Column('varchar', { name: 'holder_key', length: 64, nullable: true })
  holderKey!: string | null;

  @Column('varchar', { name: 'holder_masked', length: 40, nullable: true })
  holderMasked!: string | null;

  @Column('varchar', { length: 10 })
  status!: BulkRowStatus;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId!: string | null;

  @Column('varchar', { name: 'error_code', length: 64, nullable: true })
  errorCode!: string | null;

  @Column('varchar', { length: 500, nullable: true })
  message!: string | null;
}
