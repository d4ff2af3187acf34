/**
 * What an incoming item does to the open case of its subject: the case's priority is the highest
 * severity among its items, a raised priority can only bring the due date forward, and the case
 * collects the sources and finding codes of everything attached to it.
 */
import { dueAtAfterRaise, type DueHours } from './due-date.js';
import { maxSeverity, severityRank, type Severity } from './severity.js';

/** A case keeps at most this many distinct finding codes (the first ones attached). */
export const MAX_CASE_FINDING_CODES = 50;

export interface CaseTally {
  readonly priority: Severity;
  readonly dueAt: Date;
  readonly itemCount: number;
  readonly lastItemAt: Date | null;
  readonly sources: readonly string[];
  readonly findingCodes: readonly string[];
}

export interface IncomingItem {
  readonly severity: Severity;
  readonly source: string;
  /** Distinct finding codes of the item. */
  readonly findingCodes: readonly string[];
}

export interface Intake {
  readonly tally: CaseTally;
  /** The priority the item raised the case to; null when it stayed. */
  readonly priorityRaisedTo: Severity | null;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * The case after `item` joins it. `opened` says the case was opened for this item: its tally
 * already counts the item (a new case starts with one item, at the item's severity), so only the
 * time of the last item moves.
 */
export function takeIn(c: CaseTally, item: IncomingItem, opened: boolean, now: Date, hours: DueHours): Intake {
  const priority = opened ? item.severity : maxSeverity(c.priority, item.severity);
  const raised = !opened && severityRank(priority) > severityRank(c.priority);
  return {
    tally: {
      priority,
      dueAt: raised ? dueAtAfterRaise(c.dueAt, priority, now, hours) : c.dueAt,
      itemCount: c.itemCount + (opened ? 0 : 1),
      lastItemAt: now,
      sources: union(c.sources, [item.source]),
      findingCodes: union(c.findingCodes, item.findingCodes).slice(0, MAX_CASE_FINDING_CODES),
    },
    priorityRaisedTo: raised ? priority : null,
  };
}
