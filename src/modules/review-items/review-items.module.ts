import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ReviewItemsController } from './review-items.controller.js';
import { ReviewItemsRepository } from './review-items.repository.js';
import { ReviewItemsService } from './review-items.service.js';

/** Items for compliance review, created by screening, second verification and rescreening. */
@Module({
  imports: [CasesModule],
  controllers: [ReviewItemsController],
  providers: [ReviewItemsRepository, ReviewItemsService],
  exports: [ReviewItemsService],
})
export class ReviewItemsModule {}
