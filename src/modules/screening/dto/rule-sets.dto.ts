import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { BacktestReport } from '../backtest.service.js';
import type { StoredRuleSet } from '../rule-sets.service.js';

export class PublishRuleSetDto {
  @ApiProperty({ type: Object, description: 'A complete rule set: version, rules (every rule code with enabled, weight, params), cutoffs, accountClass, windows. See GET /v1/screening/rule-sets/active for the shape.' })
  @IsObject()
  ruleSet!: Record<string, unknown>;

  @ApiPropertyOptional({ default: true, description: 'Make it the active version at once.' }) @IsOptional() @IsBoolean()
  activate?: boolean;
}

export class RuleSetResponse {
  @ApiProperty() version!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() publishedBy!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ nullable: true, type: String }) activatedAt!: string | null;
  @ApiProperty({ type: Object, description: 'The complete rule set as stored (defaults filled in).' }) definition!: Record<string, unknown>;
}

export class BacktestDto {
  @ApiPropertyOptional({ type: Object, description: 'A complete candidate rule set (not stored).' }) @IsOptional() @IsObject()
  candidate?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Or a stored version.' }) @IsOptional() @IsString() @MaxLength(64)
  version?: string;

  @ApiProperty({ example: '2026-11-01T00:00:00Z' }) @Type(() => Date) @IsDate()
  from!: Date;

  @ApiProperty({ example: '2026-11-22T00:00:00Z' }) @Type(() => Date) @IsDate()
  to!: Date;

  @ApiPropertyOptional({ description: 'Only this institution\'s screenings.' }) @IsOptional() @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ default: 20, maximum: 200 }) @IsOptional() @IsInt() @Min(0) @Max(200)
  maxExamples?: number;
}

export class BacktestExampleResponse {
  @ApiProperty() screeningId!: string;
  @ApiProperty() old!: string;
  @ApiProperty() new!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [Object] }) reasons!: unknown[];
}

export class BacktestResponse {
  @ApiProperty() ruleSetVersion!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() total!: number;
  @ApiProperty() changed!: number;
  @ApiProperty({ type: Object, description: 'matrix[old][new] = number of screenings.' }) matrix!: Record<string, Record<string, number>>;
  @ApiProperty({ type: [BacktestExampleResponse] }) examples!: BacktestExampleResponse[];
  @ApiProperty({ description: 'Rows counted over other windows than the candidate\'s; replayed on the old counts.' }) staleWindowRows!: number;
  @ApiProperty({ description: 'Stored rows whose facts failed validation; left out.' }) invalidRows!: number;
}

export function toRuleSetResponse(s: StoredRuleSet): RuleSetResponse {
  const r: RuleSetResponse = {
    version: s.ruleSet.version,
    active: s.active,
    publishedBy: s.publishedBy,
    publishedAt: s.publishedAt.toISOString(),
    activatedAt: s.activatedAt?.toISOString() ?? null,
    definition: s.ruleSet as unknown as Record<string, unknown>,
  };
  if (s.ruleSet.description !== undefined) r.description = s.ruleSet.description;
  return r;
}

export function toBacktestResponse(r: BacktestReport): BacktestResponse {
  return {
    ruleSetVersion: r.ruleSetVersion,
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    total: r.total,
    changed: r.changed,
    matrix: r.matrix,
    examples: r.examples.map((e) => ({ screeningId: e.screeningId, old: e.old, new: e.new, score: e.score, reasons: e.reasons })),
    staleWindowRows: r.staleWindowRows,
    invalidRows: r.invalidRows,
  };
}
