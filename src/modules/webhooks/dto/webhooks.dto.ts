import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { WebhookAttemptEntity } from '../webhook-attempt.entity.js';
import { DELIVERY_STATUSES, type WebhookDeliveryEntity } from '../webhook-delivery.entity.js';
import type { WebhookEndpointEntity } from '../webhook-endpoint.entity.js';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://core.example-bank.cn/hooks/risk-platform' })
  @IsString() @MaxLength(2000) @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http or https URL' })
  url!: string;

  @ApiPropertyOptional({ type: [String], example: ['restriction.effective-changed'], description: 'Event types to receive; omit or leave empty for all.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: 'core banking, production' }) @IsOptional() @IsString() @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ description: 'Operator admins only: register for another institution.' }) @IsOptional() @IsUUID()
  institutionId?: string;
}

export class WebhookEndpointResponse {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({ description: 'The signing secret. Shown only in this response. Receivers check X-Webhook-Signature: t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<body>")).' })
  secret!: string;
}

export class WebhookDeliveriesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() endpointId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: (typeof DELIVERY_STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) eventType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class WebhookEndpointsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
}

export class WebhookAttemptResponse {
  @ApiProperty() attempt!: number;
  @ApiProperty() attemptedAt!: string;
  @ApiProperty({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() durationMs!: number;
}

export class WebhookDeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
  @ApiProperty({ type: [WebhookAttemptResponse] }) attemptLog!: WebhookAttemptResponse[];
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toWebhookEndpointResponse(e: WebhookEndpointEntity): WebhookEndpointResponse {
  return { id: e.id, institutionId: e.institutionId, url: e.url, eventTypes: [...e.eventTypes], description: e.description, active: e.active, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() };
}

export function toWebhookDeliveryResponse(d: WebhookDeliveryEntity, attempts: WebhookAttemptEntity[]): WebhookDeliveryResponse {
  return {
    id: d.id,
    endpointId: d.endpointId,
    institutionId: d.institutionId,
    eventType: d.eventType,
    eventId: d.eventId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    payload: d.payload,
    attemptLog: attempts.map((a) => ({ attempt: a.attempt, attemptedAt: a.attemptedAt.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  };
}
