import { ApiProperty } from '@nestjs/swagger';
import { CaseItemResponse, CaseResponse } from './cases.dto.js';
import { CaseDecisionResponse } from './decisions.dto.js';

export class CasePackageSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the package content as canonical JSON (object keys sorted).' }) sha256!: string;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({ type: [CaseItemResponse] }) items!: CaseItemResponse[];
  @ApiProperty({ type: [CaseDecisionResponse] }) decisions!: CaseDecisionResponse[];
  @ApiProperty({ type: [CasePackageSummaryResponse] }) packages!: CasePackageSummaryResponse[];
}

export class CaseProfileResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'type, display, name' }) subject!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'PERSON: age, sex, region from the ID number.' }) person!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'PERSON/ENTITY: accounts known across member banks, as counts only.' }) accounts!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'ACCOUNT: the registry record.' }) account!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Each section has available: false when the module holding the data is not deployed.' }) listEntries!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) restrictions!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) transfers!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) alerts!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) counterparties!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) otherCases!: Array<Record<string, unknown>>;
  @ApiProperty() suppressedItems!: number;
}
