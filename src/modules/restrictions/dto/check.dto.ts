import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, CHECK_REASONS, DIRECTIONS, EXEMPT_PURPOSES, LEVELS } from '../../../domain/restrictions/index.js';

/**
 * The check request, for the API docs only. The route validates by hand (see
 * RestrictionCheckService.check): it is core banking's hot path and a decorated DTO costs
 * more than the rest of the check together.
 */
export class RestrictionCheckRequestDto {
  @ApiProperty({ example: '102', description: 'Bank code of the account.' }) bankCode!: string;
  @ApiProperty({ example: '6222020200112233445', description: '6-32 digits; spaces and dashes are ignored.' }) accountNumber!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty({ enum: CHANNELS, description: 'COUNTER is the counter (柜面); every other channel is non-counter.' }) channel!: string;
  @ApiProperty({ example: '1500.00', description: 'CNY as a decimal string, at most 2 decimals.' }) amount!: string;
  @ApiProperty({ example: 'core-20261121-000123', description: 'Core banking\u2019s id of the transaction: a retry with the same id is not counted twice against a daily cap.' }) transactionId!: string;
  @ApiPropertyOptional({ enum: EXEMPT_PURPOSES, description: 'Tax, social-security and utility withholdings stay allowed under the non-counter levels.' }) purposeCode?: string;
}

export class RestrictionCheckResponseDto {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ enum: LEVELS, nullable: true, type: String }) effectiveLevel!: string | null;
  @ApiProperty({ enum: CHECK_REASONS }) code!: string;
  @ApiProperty({ type: [String], description: 'Ids of the orders behind the effective level.' }) reasons!: string[];
  @ApiProperty({ description: 'Flag the operation for monitoring (any level in force).' }) flagged!: boolean;
  @ApiProperty() transactionId!: string;
  @ApiPropertyOptional({ example: '500.00', description: 'LIMITED_NON_COUNTER: non-counter outflow left today (after this operation when it counted).' }) remainingDailyAmount?: string;
  @ApiPropertyOptional({ example: 4 }) remainingDailyCount?: number;
}
