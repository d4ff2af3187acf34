import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

/**
 * Ten typical fields of a branch request. Branch integrators call the echo route to check
 * their key, headers and body shape; the HTTP benchmark uses it as the common workload.
 */
export class EchoDto {
  @ApiProperty() @IsString() @Length(1, 64) requestId!: string;
  @ApiProperty() @Matches(/^\d{4,12}$/) branchCode!: string;
  @ApiProperty({ enum: ['COUNTER', 'MOBILE', 'ONLINE', 'AGENT'] }) @IsIn(['COUNTER', 'MOBILE', 'ONLINE', 'AGENT']) channel!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty() @Matches(/^\d{17}[\dX]$/) idNumber!: string;
  @ApiProperty() @Matches(/^1\d{10}$/) phone!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(150) age!: number;
  @ApiProperty() @IsBoolean() consent!: boolean;
  @ApiProperty() @IsISO8601() requestedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}
