import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MetricsService } from '../../common/metrics/metrics.service.js';
import { Public } from '../../common/http/decorators.js';
import { HealthService } from './health.service.js';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health/live')
  @ApiOkResponse({ description: 'The process is up.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOkResponse({ description: 'The database (and Kafka when configured) answer; 503 otherwise.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const r = await this.health.readiness();
    void reply.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'ready' : 'not-ready', checks: r.checks };
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
