import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A rejected row of an import: where it was, a stable code and a readable message. */
@Entity('import_row_errors')
export class ImportRowErrorEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId!: string;

  @PrimaryColumn('integer', { name: 'row_number' })
  rowNumber!: number;

  @Column('varchar', { length: 64 })
  code!: string;

  @Column('varchar', { length: 64, nullable: true })
  field!: string | null;

  @Column('text')
  message!: string;
}
