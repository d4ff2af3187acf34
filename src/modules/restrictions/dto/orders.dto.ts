import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsBankAccountNumber } from '../../../common/validators/is-bank-account-number.decorator.js';
import { IsResidentIdNumber } from '../../../common/validators/is-resident-id-number.decorator.js';
import { IsUscc } from '../../../common/validators/is-uscc.decorator.js';
import { DomainError } from '../../../domain/domain-error.js';
import { formatFen, parseAmountToFen } from '../../../domain/detection/money.js';
import {
  MEASURES,
  ORDER_EXPIRY,
  ORDER_STATUSES,
  ORDER_TARGETS,
  deriveStatus,
  effectiveRestriction,
  type EffectiveRestriction,
  type JointPunishmentKind,
  type OrderStatus,
  type OrderTarget,
  type RestrictionMeasure,
} from '../../../domain/restrictions/index.js';
import type { RestrictionEffectiveChangeEntity } from '../restriction-effective-change.entity.js';
import type { RestrictionOrderEventEntity } from '../restriction-order-event.entity.js';
import { BASIS_TYPES, type BasisType, type RestrictionOrderEntity } from '../restriction-order.entity.js';
import type { AccountRestrictions, BasisInput, CreateOrderInput, OrderTargetInput } from '../restriction-orders.service.js';
import { toOrderView } from '../restriction-order.mapping.js';

const AMOUNT = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class RestrictionTargetDto {
  @ApiProperty({ enum: ORDER_TARGETS, description: 'ACCOUNT: one account; PERSON: every account of the person at every bank (resident ID); ENTITY: every account of a company (USCC).' })
  @IsIn(ORDER_TARGETS)
  type!: OrderTarget;

  @ApiPropertyOptional({ example: '102', description: 'ACCOUNT: the bank code.' })
  @ValidateIf((o: RestrictionTargetDto) => o.type === 'ACCOUNT') @IsString() @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'bankCode must be 1-20 letters, digits or dashes' })
  bankCode?: string;

  @ApiPropertyOptional({ example: '6222020200112233445' })
  @ValidateIf((o: RestrictionTargetDto) => o.type === 'ACCOUNT') @IsBankAccountNumber()
  accountNumber?: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: 'PERSON: resident ID number. Only its blind index and masked form are stored.' })
  @ValidateIf((o: RestrictionTargetDto) => o.type === 'PERSON') @IsResidentIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ description: 'ENTITY: unified social credit code.' })
  @ValidateIf((o: RestrictionTargetDto) => o.type === 'ENTITY') @IsUscc()
  uscc?: string;
}

export class RestrictionBasisDto {
  @ApiProperty({ enum: BASIS_TYPES })
  @IsIn(BASIS_TYPES)
  type!: BasisType;

  @ApiProperty({ example: '深公(刑)止付字〔2026〕1234号', description: 'Alert id, case id, list entry id, police document number or joint-punishment decision number.' })
  @IsString() @MinLength(1) @MaxLength(200)
  reference!: string;

  @ApiPropertyOptional({ enum: ['CONVICTED', 'CARD_SELLER'], description: 'JOINT_PUNISHMENT only: 3 years (convicted) or 2 years (selling, renting or lending cards or accounts).' })
  @IsOptional() @IsIn(['CONVICTED', 'CARD_SELLER'])
  kind?: JointPunishmentKind;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class RestrictionDailyLimitDto {
  @ApiProperty({ example: '2000.00', description: 'Non-counter outflow allowed per day, CNY.' })
  @Matches(AMOUNT, { message: 'amount must be a decimal string with at most 2 decimals' })
  amount!: string;

  @ApiProperty({ example: 5 }) @IsInt() @Min(0) @Max(10_000)
  count!: number;
}

export class CreateRestrictionOrderDto {
  @ApiProperty({ type: RestrictionTargetDto }) @ValidateNested() @Type(() => RestrictionTargetDto)
  target!: RestrictionTargetDto;

  @ApiProperty({ enum: MEASURES, description: 'A rung of the ladder, or NO_NEW_ACCOUNTS (persons and entities only).' })
  @IsIn(MEASURES)
  level!: RestrictionMeasure;

  @ApiProperty({ type: RestrictionBasisDto }) @ValidateNested() @Type(() => RestrictionBasisDto)
  basis!: RestrictionBasisDto;

  @ApiPropertyOptional({ description: 'Default now. For joint punishment, the decision date the term counts from.' })
  @IsOptional() @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'Omit to derive: joint punishment 2 or 3 years (chained, at most 5 consecutive), protective stop-payment 48 hours (FROZEN or RECEIVE_ONLY on an alert, case or police order).' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: RestrictionDailyLimitDto, description: 'LIMITED_NON_COUNTER only; default CNY 2,000 and 5 operations a day.' })
  @IsOptional() @ValidateNested() @Type(() => RestrictionDailyLimitDto)
  dailyLimit?: RestrictionDailyLimitDto;

  @ApiPropertyOptional({ description: 'An active or pending order on the same target that this one replaces once active.' })
  @IsOptional() @IsUUID()
  supersedesOrderId?: string;
}

export class RestrictionReasonDto {
  @ApiProperty({ example: 'Police withdrew the stop-payment notice 深公(刑)解止字〔2026〕88号.' })
  @IsString() @MinLength(3) @MaxLength(2000)
  reason!: string;
}

export class ApproveRestrictionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ListRestrictionOrdersQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ enum: MEASURES }) @IsOptional() @IsIn(MEASURES) level?: RestrictionMeasure;
  @ApiPropertyOptional({ enum: ORDER_TARGETS }) @IsOptional() @IsIn(ORDER_TARGETS) targetType?: OrderTarget;
  @ApiPropertyOptional({ enum: BASIS_TYPES }) @IsOptional() @IsIn(BASIS_TYPES) basisType?: BasisType;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) basisRef?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9-]{1,20}$/) bankCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsBankAccountNumber() accountNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() issuerInstitutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) policyId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() provisional?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsUUID() bulkJobId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** Search by person or entity identifiers: in a body, so ID numbers never appear in URLs or access logs. */
export class SearchRestrictionOrdersDto extends ListRestrictionOrdersQuery {
  @ApiPropertyOptional() @IsOptional() @IsResidentIdNumber() idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsUscc() uscc?: string;
}

export class RestrictionTargetResponse {
  @ApiProperty({ enum: ORDER_TARGETS }) type!: string;
  @ApiPropertyOptional() bankCode?: string;
  @ApiPropertyOptional() accountNumber?: string;
  @ApiPropertyOptional({ description: 'PERSON / ENTITY: the identifier, masked.' }) holderMasked?: string;
}

export class RestrictionOrderResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: RestrictionTargetResponse }) target!: RestrictionTargetResponse;
  @ApiProperty({ enum: MEASURES }) level!: string;
  @ApiPropertyOptional({ type: RestrictionDailyLimitDto }) dailyLimit?: RestrictionDailyLimitDto;
  @ApiProperty({ type: RestrictionBasisDto }) basis!: RestrictionBasisDto;
  @ApiProperty() issuerInstitutionId!: string;
  @ApiProperty({ description: 'USER, API_KEY or SYSTEM (policies, bulk jobs), with its id.' }) issuedBy!: { type: string; id: string; name: string | null };
  @ApiPropertyOptional({ description: 'Automatic orders: the policy and the event that made them.' }) policy?: { policyId: string; eventId: string | null };
  @ApiProperty() provisional!: boolean;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty() termSource!: string;
  @ApiProperty({ enum: ORDER_STATUSES, description: 'As of now: an order past its expiry reads EXPIRED even before the sweep stored it.' }) status!: string;
  @ApiProperty({ description: 'In force right now (active, started, not expired).' }) inForce!: boolean;
  @ApiProperty() requiresApproval!: boolean;
  @ApiProperty({ nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedesOrderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededByOrderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) bulkJobId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RestrictionOrderEventResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['CREATED', 'APPROVED', 'REJECTED', 'LIFTED', 'EXPIRED', 'SUPERSEDED'] }) type!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) statusAfter!: string;
  @ApiProperty() actor!: { type: string; id: string; institutionId: string | null };
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
}

export class RestrictionOrderWithHistoryResponse extends RestrictionOrderResponse {
  @ApiProperty({ type: [RestrictionOrderEventResponse], description: 'Append-only history, oldest first.' }) history!: RestrictionOrderEventResponse[];
}

export class RestrictionOrderPage {
  @ApiProperty({ type: [RestrictionOrderResponse] }) items!: RestrictionOrderResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class EffectiveRestrictionResponse {
  @ApiProperty({ enum: MEASURES, nullable: true, type: String }) level!: string | null;
  @ApiProperty({ type: [String] }) orderIds!: string[];
  @ApiProperty() flagged!: boolean;
  @ApiProperty({ description: 'The holder is barred from opening accounts.' }) noNewAccounts!: boolean;
  @ApiProperty({ type: [String] }) noNewAccountsOrderIds!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'When the clock alone changes this next.' }) nextChangeAt!: string | null;
}

export class EffectiveChangeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ nullable: true, type: String }) previousLevel!: string | null;
  @ApiProperty({ nullable: true, type: String }) level!: string | null;
  @ApiProperty({ type: [String] }) orderIds!: string[];
  @ApiProperty() cause!: string;
  @ApiProperty({ nullable: true, type: String }) causeOrderId!: string | null;
  @ApiProperty() effectiveAt!: string;
  @ApiProperty() recordedAt!: string;
}

export class AccountRestrictionsResponse {
  @ApiProperty() bankCode!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty({ description: 'Known to the account registry (openings, loads).' }) registered!: boolean;
  @ApiProperty({ nullable: true, type: String }) holderMasked!: string | null;
  @ApiProperty({ type: EffectiveRestrictionResponse }) current!: EffectiveRestrictionResponse;
  @ApiProperty({ type: [RestrictionOrderResponse], description: 'Every order that ever reached the account: its own and its holder\u2019s.' }) orders!: RestrictionOrderResponse[];
  @ApiProperty({ type: [RestrictionOrderEventResponse], description: 'The history of those orders, oldest first.' }) history!: RestrictionOrderEventResponse[];
  @ApiProperty({ type: [EffectiveChangeResponse], description: 'Each published change of the effective restriction.' }) effectiveChanges!: EffectiveChangeResponse[];
}

function date(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new DomainError('VALIDATION_FAILED', 'not a valid instant');
  return d;
}

export function toFen(amount: string): number {
  return parseAmountToFen(amount);
}

export function toTargetInput(t: RestrictionTargetDto): OrderTargetInput {
  if (t.type === 'ACCOUNT') return { type: 'ACCOUNT', bankCode: t.bankCode!, accountNumber: t.accountNumber! };
  if (t.type === 'PERSON') return { type: 'PERSON', idNumber: t.idNumber! };
  return { type: 'ENTITY', uscc: t.uscc! };
}

export function toBasisInput(b: RestrictionBasisDto): BasisInput {
  return { type: b.type, reference: b.reference, ...(b.kind ? { kind: b.kind } : {}), ...(b.note ? { note: b.note } : {}) };
}

export function toCreateOrderInput(dto: CreateRestrictionOrderDto): CreateOrderInput {
  return {
    target: toTargetInput(dto.target),
    level: dto.level,
    basis: toBasisInput(dto.basis),
    effectiveFrom: date(dto.effectiveFrom),
    expiresAt: date(dto.expiresAt),
    dailyLimit: dto.dailyLimit ? { amountFen: toFen(dto.dailyLimit.amount), count: dto.dailyLimit.count } : undefined,
    supersedesOrderId: dto.supersedesOrderId,
  };
}

export function toOrderResponse(o: RestrictionOrderEntity, now: Date): RestrictionOrderResponse {
  const status = deriveStatus(o, now, ORDER_EXPIRY);
  const eff = effectiveRestriction([toOrderView(o)], now);
  return {
    id: o.id,
    target: o.targetType === 'ACCOUNT' ? { type: o.targetType, bankCode: o.bankCode!, accountNumber: o.accountNumber! } : { type: o.targetType, holderMasked: o.holderMasked ?? undefined },
    level: o.level,
    ...(o.dailyAmountFen !== null && o.dailyCount !== null ? { dailyLimit: { amount: formatFen(o.dailyAmountFen), count: o.dailyCount } } : {}),
    basis: { type: o.basisType, reference: o.basisRef, ...(o.basisKind ? { kind: o.basisKind as JointPunishmentKind } : {}), ...(o.basisNote ? { note: o.basisNote } : {}) },
    issuerInstitutionId: o.issuerInstitutionId,
    issuedBy: { type: o.issuedByType, id: o.issuedById, name: o.issuedByName },
    ...(o.policyId ? { policy: { policyId: o.policyId, eventId: o.policyEventId } } : {}),
    provisional: o.provisional,
    effectiveFrom: o.effectiveFrom.toISOString(),
    expiresAt: o.expiresAt?.toISOString() ?? null,
    termSource: o.termSource,
    status,
    inForce: eff.level !== null || eff.noNewAccounts,
    requiresApproval: o.requiresApproval,
    approvedBy: o.approvedById,
    approvedAt: o.approvedAt?.toISOString() ?? null,
    supersedesOrderId: o.supersedesOrderId,
    supersededByOrderId: o.supersededByOrderId,
    bulkJobId: o.bulkJobId,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function toOrderEventResponse(e: RestrictionOrderEventEntity): RestrictionOrderEventResponse {
  return {
    orderId: e.orderId,
    seq: e.seq,
    type: e.type,
    statusAfter: e.statusAfter,
    actor: { type: e.actorType, id: e.actorId, institutionId: e.actorInstitutionId },
    reason: e.reason,
    details: e.details,
    occurredAt: e.occurredAt.toISOString(),
  };
}

export function toEffectiveResponse(e: EffectiveRestriction): EffectiveRestrictionResponse {
  return {
    level: e.level,
    orderIds: [...e.orderIds],
    flagged: e.flagged,
    noNewAccounts: e.noNewAccounts,
    noNewAccountsOrderIds: [...e.noNewAccountsOrderIds],
    nextChangeAt: e.nextChangeAt?.toISOString() ?? null,
  };
}

export function toEffectiveChangeResponse(c: RestrictionEffectiveChangeEntity): EffectiveChangeResponse {
  return {
    id: c.id,
    sequence: c.seq,
    previousLevel: c.previousLevel,
    level: c.level,
    orderIds: [...c.orderIds],
    cause: c.cause,
    causeOrderId: c.causeOrderId,
    effectiveAt: c.effectiveAt.toISOString(),
    recordedAt: c.recordedAt.toISOString(),
  };
}

export function toAccountRestrictionsResponse(a: AccountRestrictions, now: Date): AccountRestrictionsResponse {
  return {
    bankCode: a.bankCode,
    accountNumber: a.accountNumber,
    registered: a.registered,
    holderMasked: a.holderMasked,
    current: toEffectiveResponse(a.effective),
    orders: a.orders.map((o) => toOrderResponse(o, now)),
    history: a.events.map(toOrderEventResponse),
    effectiveChanges: a.changes.map(toEffectiveChangeResponse),
  };
}
