import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { ReviewItemPageResponse, ReviewItemQueryDto, ReviewItemResponse, toReviewItemResponse } from './dto/review-items.dto.js';
import { ReviewItemsService } from './review-items.service.js';

@ApiTags('review-items')
@ApiBearerAuth()
@Controller('v1/review-items')
export class ReviewItemsController {
  constructor(private readonly service: ReviewItemsService) {}

  @Get()
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: ReviewItemPageResponse })
  async list(@Query() q: ReviewItemQueryDto, @CurrentPrincipal() p: Principal): Promise<ReviewItemPageResponse> {
    const page = await this.service.list(p, q);
    return { items: page.items.map(toReviewItemResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: ReviewItemResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ReviewItemResponse> {
    return toReviewItemResponse(await this.service.get(p, id));
  }
}
