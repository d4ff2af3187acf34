import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class StatsQueryDto {
  @ApiPropertyOptional({ description: 'Start of the period (ISO 8601, inclusive). Default: 30 days before `to`.', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period (exclusive). Default: now.' })
  @IsOptional() @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Operator and regulators: one institution (default: all). Banks always see their own.' })
  @IsOptional() @IsUUID()
  institutionId?: string;
}

export class StatsBreakdownRowResponse {
  @ApiProperty() key!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) by!: Record<string, number>;
}

export class StatsFalsePositiveRateResponse {
  @ApiProperty({ description: 'Screening rule code or detector name.' }) findingCode!: string;
  @ApiProperty({ enum: ['RULE', 'DETECTOR'] }) kind!: string;
  @ApiProperty({ description: 'Cases this finding contributed to that were decided in the period.' }) decided!: number;
  @ApiProperty() falsePositives!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
}

export class StatsInstitutionFiguresResponse {
  @ApiProperty() institutionId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'Screenings (queries) in the period.' }) queries!: number;
  @ApiProperty() alerts!: number;
  @ApiProperty() openCases!: number;
  @ApiProperty() overdueCases!: number;
}

export class StatsResponse {
  @ApiProperty({ type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } }) period!: { from: string; to: string };
  @ApiProperty({ nullable: true, type: String, description: 'null: all institutions.' }) institutionId!: string | null;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Account-opening screenings: total and byDecision (PASS, REVIEW, REJECT).' }) screenings!: { total: number; byDecision: Record<string, number> };
  @ApiProperty({ description: 'Account-opening screenings answered REJECT.' }) openingsBlocked!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Second verifications completed in the period (total) and those whose outcome changed.' }) secondVerifications!: { total: number; changed: number };
  @ApiProperty({ description: 'Registry accounts covered by a full rescreen (存量排查) completed in the period.' }) accountsReviewed!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'total, bySeverity, byDetector (rows with by = per severity).' }) alerts!: { total: number; bySeverity: Record<string, number>; byDetector: StatsBreakdownRowResponse[] };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Now: accountsByLevel, accountsRestricted, personsRestricted.' }) restrictions!: { accountsByLevel: Record<string, number>; accountsRestricted: number; personsRestricted: number };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Now, the shared list: total, byStatus, byCategory (rows with by = per status), contributedByInstitution.' }) negativeList!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Appeals received in the period byOutcome (OPEN, UPHELD, REJECTED); overdue now.' }) appeals!: { received: number; byOutcome: Record<string, number>; overdue: number };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'opened and closedInPeriod, byStatus and overdue now, byResolution, byDay.' }) cases!: Record<string, unknown>;
  @ApiProperty({ type: [StatsFalsePositiveRateResponse] }) falsePositiveRates!: StatsFalsePositiveRateResponse[];
  @ApiProperty({ type: [StatsInstitutionFiguresResponse] }) perInstitution!: StatsInstitutionFiguresResponse[];
  @ApiProperty({ type: [String], description: 'Figures whose source module is not in this deployment; they read zero.' }) pending!: string[];
}

