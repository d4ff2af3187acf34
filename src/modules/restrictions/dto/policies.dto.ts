import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject } from 'class-validator';
import type { RestrictionPolicy } from '../../../domain/restrictions/index.js';
import type { PolicySet } from '../restriction-policies.service.js';

export class PutRestrictionPoliciesDto {
  @ApiProperty({
    type: [Object],
    description:
      'The whole list, in order. Each: { id, enabled?, trigger: { kind: NEGATIVE_LIST_ENTRY, measures: [..] } | { kind: ALERT, detector, minSeverity, maxAccountAgeDays? }, action: { level, termHours?, termFromBasis?, provisional, scope?: SUBJECT | HOLDER | EACH_KNOWN_ACCOUNT } }.',
    example: [{ id: 'alert.critical-pass-through', trigger: { kind: 'ALERT', detector: 'RAPID_PASS_THROUGH', minSeverity: 'CRITICAL', maxAccountAgeDays: 10 }, action: { level: 'FROZEN', termHours: 48, provisional: true } }],
  })
  @IsArray() @ArrayMaxSize(200) @IsObject({ each: true })
  policies!: RestrictionPolicy[];
}

export class RestrictionPolicySetResponse {
  @ApiProperty({ description: '0 while the built-in defaults are in force.' }) version!: number;
  @ApiProperty({ type: [Object] }) policies!: RestrictionPolicy[];
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
}

export function toPolicySetResponse(s: PolicySet): RestrictionPolicySetResponse {
  return { version: s.version, policies: s.policies, updatedAt: s.updatedAt?.toISOString() ?? null, updatedBy: s.updatedBy };
}
