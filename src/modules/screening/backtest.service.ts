import { Injectable } from '@nestjs/common';
import { isOperatorAdmin, type Principal } from '../../common/http/principal.js';
import { DomainError } from '../../domain/domain-error.js';
import { BacktestAccumulator, validateRuleSet, validateScreeningFacts, type BacktestResult, type Decision, type RuleSet } from '../../domain/screening/index.js';
import { RuleSetsService } from './rule-sets.service.js';
import { ScreeningsRepository } from './screenings.repository.js';

export interface BacktestRequest {
  /** A complete rule-set document to try (not stored). */
  candidate?: unknown;
  /** Or a stored version. */
  version?: string;
  from: Date;
  to: Date;
  institutionId?: string;
  maxExamples?: number;
}

export interface BacktestReport extends BacktestResult {
  from: Date;
  to: Date;
  /** Stored rows whose facts failed validation; left out of the matrix. */
  invalidRows: number;
}

const PAGE = 2000;

/**
 * Replays stored applications from a time range through a candidate rule set and reports how
 * decisions would move. Reads only; nothing is stored or activated.
 */
@Injectable()
export class BacktestService {
  constructor(
    private readonly screenings: ScreeningsRepository,
    private readonly ruleSets: RuleSetsService,
  ) {}

  async run(p: Principal, req: BacktestRequest): Promise<BacktestReport> {
    if (!isOperatorAdmin(p)) throw new DomainError('FORBIDDEN', 'Only the platform operator backtests screening rule sets.');
    if ((req.candidate === undefined) === (req.version === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'Give either candidate (a rule-set document) or version (a stored one).');
    }
    if (req.from.getTime() >= req.to.getTime()) throw new DomainError('VALIDATION_FAILED', 'from must be before to.');
    const candidate: RuleSet = req.candidate !== undefined ? validateRuleSet(req.candidate) : await this.ruleSets.resolve(req.version!);
    const acc = new BacktestAccumulator(candidate, { maxExamples: req.maxExamples ?? 20 });
    let invalidRows = 0;
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.screenings.backtestPage({ from: req.from, to: req.to, institutionId: req.institutionId, after, limit: PAGE });
      for (const row of rows) {
        let facts;
        try {
          facts = validateScreeningFacts(row.facts);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          invalidRows += 1;
          continue;
        }
        acc.add({ screeningId: row.id, facts, oldDecision: row.decision as Decision });
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { at: last.screenedAt, id: last.id };
    }
    return { ...acc.result(), from: req.from, to: req.to, invalidRows };
  }
}
