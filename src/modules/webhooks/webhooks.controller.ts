import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import {
  CreateWebhookEndpointDto,
  WebhookDeliveriesQuery,
  WebhookEndpointsQuery,
  toWebhookDeliveryResponse,
  toWebhookEndpointResponse,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from './dto/webhooks.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  @Post('endpoints')
  @Idempotent()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
  async create(@Body() body: CreateWebhookEndpointDto, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointWithSecretResponse> {
    const { endpoint, secret } = await this.service.createEndpoint(p, body);
    return { ...toWebhookEndpointResponse(endpoint), secret };
  }

  @Get('endpoints')
  @Roles('ADMIN')
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  async list(@Query() q: WebhookEndpointsQuery, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointResponse[]> {
    return (await this.service.listEndpoints(p, q.institutionId)).map(toWebhookEndpointResponse);
  }

  @Post('endpoints/:id/disable')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  async disable(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.service.setActive(p, id, false));
  }

  @Post('endpoints/:id/enable')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  async enable(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.service.setActive(p, id, true));
  }

  @Post('endpoints/:id/rotate-secret')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponse })
  async rotate(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointWithSecretResponse> {
    const { endpoint, secret } = await this.service.rotateSecret(p, id);
    return { ...toWebhookEndpointResponse(endpoint), secret };
  }

  @Get('deliveries')
  @Roles('ADMIN', 'SUPERVISOR')
  @ApiOkResponse({ type: WebhookDeliveryPage })
  async deliveries(@Query() q: WebhookDeliveriesQuery, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryPage> {
    const page = await this.service.listDeliveries(p, q);
    return { items: page.items.map((i) => toWebhookDeliveryResponse(i.delivery, i.attempts)), nextCursor: page.nextCursor };
  }

  @Get('deliveries/:id')
  @Roles('ADMIN', 'SUPERVISOR')
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  async delivery(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryResponse> {
    const d = await this.service.getDelivery(p, id);
    return toWebhookDeliveryResponse(d.delivery, d.attempts);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @Roles('ADMIN', 'SUPERVISOR')
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  async redeliver(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryResponse> {
    const d = await this.service.redeliver(p, id);
    return toWebhookDeliveryResponse(d.delivery, d.attempts);
  }
}
