import { Module } from '@nestjs/common';
import { BulkImportModule } from '../../common/bulk-import/bulk-import.module.js';
import { NegativeListController } from './negative-list.controller.js';
import { NegativeListMatcher } from './negative-list.matcher.js';
import { NegativeListRepository } from './negative-list.repository.js';
import { NegativeListService } from './negative-list.service.js';
import { NegativeListAppealsRepository } from './negative-list-appeals.repository.js';
import { NegativeListAppealsService } from './negative-list-appeals.service.js';
import { NegativeListImportService } from './negative-list-import.service.js';
import { NegativeListNonMatchesRepository } from './negative-list-non-matches.repository.js';
import { NegativeListNonMatchesService } from './negative-list-non-matches.service.js';

/**
 * The negative list shared across member banks (负面名单): entries with history, provenance rules,
 * notices and appeals, known non-matches, streamed import and export, and the in-memory matcher
 * other modules call in-process (NegativeListMatcher; see the top of its file).
 */
@Module({
  imports: [BulkImportModule],
  controllers: [NegativeListController],
  providers: [
    NegativeListRepository,
    NegativeListAppealsRepository,
    NegativeListNonMatchesRepository,
    NegativeListMatcher,
    NegativeListService,
    NegativeListAppealsService,
    NegativeListNonMatchesService,
    NegativeListImportService,
  ],
  exports: [NegativeListMatcher, NegativeListService],
})
export class NegativeListModule {}
