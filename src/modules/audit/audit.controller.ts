import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/http/decorators.js';
import { seesAllInstitutions, type Principal } from '../../common/http/principal.js';
import { AuditService } from './audit.service.js';
import { AuditPageResponse, AuditQueryDto, AuditVerifyResponse, toAuditRecordResponse } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('ADMIN', 'REGULATOR', 'SUPERVISOR')
  @ApiOkResponse({ type: AuditPageResponse })
  async list(@Query() q: AuditQueryDto, @CurrentPrincipal() p: Principal): Promise<AuditPageResponse> {
    const limit = q.limit ?? 100;
    const institutionId = seesAllInstitutions(p) ? q.institutionId : p.institutionId;
    const rows = await this.audit.query({ ...q, institutionId, afterSeq: q.before, limit });
    return { items: rows.map(toAuditRecordResponse), nextBefore: rows.length === limit ? rows[rows.length - 1]!.seq : null };
  }

  @Get('verify')
  @Roles('ADMIN', 'REGULATOR')
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}
