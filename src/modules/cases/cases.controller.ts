import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BlindIndexService } from '../../common/crypto/blind-index.service.js';
import { CurrentPrincipal, Idempotent, Roles } from '../../common/http/decorators.js';
import type { Principal } from '../../common/http/principal.js';
import { CLOCK, type Clock } from '../../config/config.module.js';
import { CaseDecisionsService } from './case-decisions.service.js';
import { CaseProfileService, type CaseProfile } from './case-profile.service.js';
import { accountSubject, entitySubject, personSubject } from './case-subjects.js';
import { CasesService } from './cases.service.js';
import {
  CaseAssignDto,
  CaseAssigneeOptionResponse,
  CaseAttachResultResponse,
  CaseEventResponse,
  CaseItemResponse,
  CasePageResponse,
  CaseQueryDto,
  CaseResponse,
  CaseNoteDto,
  CaseReasonDto,
  CaseReferralDto,
  toCaseEventResponse,
  toCaseItemResponse,
  toCaseResponse,
} from './dto/cases.dto.js';
import { CaseDecisionResponse, CaseDecideDto, CaseRejectDto, CaseApproveDto, toCaseDecisionResponse } from './dto/decisions.dto.js';
import { CaseDetailResponse, CaseProfileResponse } from './dto/case-detail.dto.js';

const STAFF = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR'] as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly decisions: CaseDecisionsService,
    private readonly profiles: CaseProfileService,
    private readonly blind: BlindIndexService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOkResponse({ type: CasePageResponse, description: 'The queue: filter by status, priority, overdue, assignee, subject type; sort by priority, due date, opening, update.' })
  async queue(@Query() q: CaseQueryDto, @CurrentPrincipal() p: Principal): Promise<CasePageResponse> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { rows, total } = await this.cases.queue(p, {
      institutionId: q.institutionId,
      statuses: q.status,
      priorities: q.priority,
      overdue: q.overdue,
      assignee: q.assignee,
      subjectType: q.subjectType,
      source: q.source,
      findingCode: q.findingCode,
      sort: q.sort,
      order: q.order === undefined ? undefined : q.order === 'asc' ? 'ASC' : 'DESC',
      limit,
      offset,
    });
    return { items: rows.map((c) => toCaseResponse(c, this.cases.isOverdue(c))), total, limit, offset };
  }

  @Get('assignees')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN')
  @ApiOkResponse({ type: [CaseAssigneeOptionResponse], description: 'Active analysts and supervisors of your institution, for assignment.' })
  assignees(@CurrentPrincipal() p: Principal): Promise<CaseAssigneeOptionResponse[]> {
    return this.cases.assignees(p);
  }

  @Post('referrals')
  @Idempotent()
  @Roles('ANALYST', 'SUPERVISOR')
  @ApiCreatedResponse({ type: CaseAttachResultResponse, description: 'A manual referral: opens a case for the subject or joins its open case.' })
  async refer(@Body() body: CaseReferralDto, @CurrentPrincipal() p: Principal): Promise<CaseAttachResultResponse> {
    const s = body.subject;
    const subject =
      s.type === 'PERSON'
        ? personSubject(this.blind, s.idNumber!, this.clock.now(), s.name)
        : s.type === 'ENTITY'
          ? entitySubject(this.blind, s.uscc!, s.name)
          : accountSubject(s.bankCode!, s.accountNumber!, s.name);
    return this.cases.attachItem({
      institutionId: p.institutionId,
      subject,
      source: 'MANUAL',
      sourceId: randomUUID(),
      severity: body.severity,
      findingCodes: body.findingCodes ?? [],
      summary: body.summary,
      occurredAt: this.clock.now(),
      evidence: { referredBy: p.name, ...(body.reference ? { reference: body.reference } : {}) },
    });
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: CaseDetailResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseDetailResponse> {
    const c = await this.cases.get(p, id);
    const [items, decisions, packages] = await Promise.all([this.cases.items(p, id), this.decisions.list(p, id), this.decisions.packages(id)]);
    return {
      ...toCaseResponse(c, this.cases.isOverdue(c)),
      items: items.map(toCaseItemResponse),
      decisions: decisions.map(toCaseDecisionResponse),
      packages: packages.map((k) => ({ id: k.id, decisionId: k.decisionId, createdAt: k.createdAt.toISOString(), sha256: k.sha256 })),
    };
  }

  @Get(':id/timeline')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [CaseEventResponse] })
  async timeline(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseEventResponse[]> {
    return (await this.cases.timeline(p, id)).map(toCaseEventResponse);
  }

  @Get(':id/items')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [CaseItemResponse] })
  async items(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseItemResponse[]> {
    return (await this.cases.items(p, id)).map(toCaseItemResponse);
  }

  @Get(':id/profile')
  @Roles(...STAFF)
  @ApiOkResponse({ type: CaseProfileResponse, description: 'The subject: for a person age, sex and region, list entries, accounts across banks as counts, restrictions; for an account its recent transfers, alerts and counterparties.' })
  profile(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseProfile> {
    return this.profiles.profile(p, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('SUPERVISOR', 'ADMIN')
  @ApiOkResponse({ type: CaseResponse })
  async assign(@Param('id') id: string, @Body() body: CaseAssignDto, @CurrentPrincipal() p: Principal): Promise<CaseResponse> {
    const c = body.mode === 'ROUND_ROBIN' ? await this.cases.assignNext(p, id) : await this.cases.assign(p, id, body.userId!);
    return toCaseResponse(c, this.cases.isOverdue(c));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('ANALYST', 'SUPERVISOR')
  @ApiOkResponse({ type: CaseResponse })
  async claim(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseResponse> {
    const c = await this.cases.claim(p, id);
    return toCaseResponse(c, this.cases.isOverdue(c));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('ANALYST', 'SUPERVISOR')
  @ApiOkResponse({ type: CaseResponse })
  async release(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseResponse> {
    const c = await this.cases.release(p, id);
    return toCaseResponse(c, this.cases.isOverdue(c));
  }

  @Post(':id/notes')
  @Roles('ANALYST', 'SUPERVISOR')
  @ApiCreatedResponse({ type: CaseEventResponse })
  async note(@Param('id') id: string, @Body() body: CaseNoteDto, @CurrentPrincipal() p: Principal): Promise<CaseEventResponse> {
    return toCaseEventResponse(await this.cases.addNote(p, id, body.text));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: CaseResponse })
  async reopen(@Param('id') id: string, @Body() body: CaseReasonDto, @CurrentPrincipal() p: Principal): Promise<CaseResponse> {
    const c = await this.cases.reopen(p, id, body.reason);
    return toCaseResponse(c, this.cases.isOverdue(c));
  }

  @Get(':id/decisions')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [CaseDecisionResponse] })
  async listDecisions(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<CaseDecisionResponse[]> {
    return (await this.decisions.list(p, id)).map(toCaseDecisionResponse);
  }

  @Post(':id/decisions')
  @Idempotent()
  @Roles('ANALYST', 'SUPERVISOR')
  @ApiCreatedResponse({ type: CaseDecisionResponse, description: 'Decides the case. RESTRICT at NON_COUNTER_SUSPENDED or above and ADD_TO_NEGATIVE_LIST wait for a supervisor (PENDING_APPROVAL); the others take effect at once and close the case.' })
  async decide(@Param('id') id: string, @Body() body: CaseDecideDto, @CurrentPrincipal() p: Principal): Promise<CaseDecisionResponse> {
    return toCaseDecisionResponse(await this.decisions.decide(p, id, body));
  }

  @Post(':id/decisions/:decisionId/approve')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: CaseDecisionResponse, description: 'Four eyes: a supervisor of the institution who did not decide approves; the decision takes effect and the case closes.' })
  async approve(@Param('id') id: string, @Param('decisionId') decisionId: string, @Body() body: CaseApproveDto, @CurrentPrincipal() p: Principal): Promise<CaseDecisionResponse> {
    return toCaseDecisionResponse(await this.decisions.approve(p, id, decisionId, body.comment, body.identifier));
  }

  @Post(':id/decisions/:decisionId/reject')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  @ApiOkResponse({ type: CaseDecisionResponse, description: 'Sends the decision back; the case returns to review.' })
  async reject(@Param('id') id: string, @Param('decisionId') decisionId: string, @Body() body: CaseRejectDto, @CurrentPrincipal() p: Principal): Promise<CaseDecisionResponse> {
    return toCaseDecisionResponse(await this.decisions.reject(p, id, decisionId, body.comment));
  }

  @Get(':id/packages/:packageId')
  @Roles('ANALYST', 'SUPERVISOR', 'ADMIN', 'REGULATOR')
  @ApiOkResponse({ description: 'The police case package (JSON) produced by REPORT_TO_POLICE.' })
  async package(@Param('id') id: string, @Param('packageId') packageId: string, @CurrentPrincipal() p: Principal): Promise<Record<string, unknown>> {
    const pkg = await this.decisions.packageOf(p, id, packageId);
    return { id: pkg.id, caseId: pkg.caseId, createdAt: pkg.createdAt.toISOString(), sha256: pkg.sha256, content: pkg.content };
  }
}
