import { Module } from '@nestjs/common';
import { InstitutionsController } from './institutions.controller.js';
import { BootstrapService } from './bootstrap.service.js';
import { InstitutionsService } from './institutions.service.js';

@Module({
  controllers: [InstitutionsController],
  providers: [InstitutionsService, BootstrapService],
  exports: [InstitutionsService, BootstrapService],
})
export class InstitutionsModule {}
