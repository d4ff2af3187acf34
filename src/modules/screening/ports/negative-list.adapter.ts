import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../config/config.module.js';
import type { NegativeListHitFact, NegativeListSubjectRole } from '../../../domain/screening/index.js';
import { NegativeListMatcher, type MatchHit } from '../../negative-list/negative-list.matcher.js';
import { ListedIdentifiersRepository } from './listed-identifiers.repository.js';
import type { ListedIdentifier, ListedPosition, ListedScope, NegativeListPort, NegativeListProbe, ProbedIdentifier } from './negative-list.port.js';

/** Enough candidates for any real applicant; the rules keep one hit per entry. */
const HIT_LIMIT = 20;

/**
 * The negative list as screening sees it: NegativeListMatcher (in memory, no database round
 * trip) for applications, and the entries table walked in key order for rescreens. Each part of
 * an application is matched on its own so every hit knows whose it is (applicant, legal
 * representative, phone, device); fuzzy name hits count only against subjects of the same type.
 */
@Injectable()
export class NegativeListMatcherAdapter implements NegativeListPort {
  private loaded = false;

  constructor(
    private readonly matcher: NegativeListMatcher,
    private readonly listed: ListedIdentifiersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    void this.matcher.ready.then(() => {
      this.loaded = true;
    });
  }

  /** False until the matcher's index has loaded at start-up. */
  get ready(): boolean {
    return this.loaded;
  }

  match(probe: NegativeListProbe): Promise<NegativeListHitFact[]> {
    const facts: NegativeListHitFact[] = [];
    const add = (hits: readonly MatchHit[], role: NegativeListSubjectRole, accept: (h: MatchHit) => boolean): void => {
      for (const h of hits) {
        if (!accept(h)) continue;
        facts.push({ entryId: h.entryId, matchType: h.matchType, score: h.score, category: h.entry.category, measures: [...h.entry.measures], subjectRole: role });
      }
    };
    const query = (identifier: ProbedIdentifier, name?: string, birthDate?: string): MatchHit[] =>
      this.matcher.matchKeys({
        identifiers: [{ kind: identifier.kind, key: identifier.key }],
        ...(name ? { name } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(probe.institutionId ? { institutionId: probe.institutionId } : {}),
        limit: HIT_LIMIT,
      });
    for (const s of probe.subjects) {
      add(query(s.identifier, s.name, s.birthDate), s.role, (h) => h.matchType !== 'NAME_FUZZY' || h.entry.subjectType === s.subjectType);
    }
    if (probe.phone) add(query(probe.phone), 'PHONE', (h) => h.matchType === 'EXACT_PHONE');
    if (probe.device) add(query(probe.device), 'DEVICE', (h) => h.matchType === 'EXACT_DEVICE');
    return Promise.resolve(facts);
  }

  activeIdentifierCount(scope?: ListedScope): Promise<number> {
    return this.listed.count(this.clock.now(), scope);
  }

  activeIdentifiersAfter(after: ListedPosition | null, limit: number, scope?: ListedScope): Promise<ListedIdentifier[]> {
    return this.listed.after(this.clock.now(), after, limit, scope);
  }
}
