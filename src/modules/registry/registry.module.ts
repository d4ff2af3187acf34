import { Module } from '@nestjs/common';
import { BulkImportModule } from '../../common/bulk-import/bulk-import.module.js';
import { NegativeListModule } from '../negative-list/negative-list.module.js';
import { RegistryController } from './registry.controller.js';
import { RegistryRepository } from './registry.repository.js';
import { RegistryService } from './registry.service.js';

/** The market-entity registry: loads, the feed's single upsert, lookups with indicators (RegistryService.lookup). */
@Module({
  imports: [BulkImportModule, NegativeListModule],
  controllers: [RegistryController],
  providers: [RegistryRepository, RegistryService],
  exports: [RegistryService],
})
export class RegistryModule {}
