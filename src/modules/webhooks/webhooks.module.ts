import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Per-institution signed webhooks with retries and a delivery log. Other modules import this
 * module and call WebhooksService.publish(institutionId, { id, type, payload }, em?).
 */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookDispatcher],
  exports: [WebhooksService, WebhookDispatcher],
})
export class WebhooksModule {}
