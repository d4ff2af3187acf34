/**
 * Time limits for working a case, per priority. The defaults (CRITICAL 24 h, HIGH 72 h,
 * MEDIUM 7 days, LOW 14 days) follow the urgency of the measures a case can lead to: a
 * pass-through account empties within hours, while a weak opening signal can wait for the next
 * review round. Deployments set their own limits through CASE_DUE_HOURS.
 */
import { DomainError } from '../domain-error.js';
import { SEVERITIES, isSeverity, type Severity } from './severity.js';

export type DueHours = Readonly<Record<Severity, number>>;

export const DEFAULT_DUE_HOURS: DueHours = { CRITICAL: 24, HIGH: 72, MEDIUM: 168, LOW: 336 };

/**
 * Parses "CRITICAL:24,HIGH:72,MEDIUM:168,LOW:336". Priorities not named keep their default.
 * @throws DomainError CASE_INVALID_DUE_HOURS
 */
export function parseDueHours(text: string | undefined): DueHours {
  const out: Record<Severity, number> = { ...DEFAULT_DUE_HOURS };
  if (text === undefined || text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^\s*([A-Z]+)\s*:\s*(\d{1,5})\s*$/.exec(part);
    if (!m || !isSeverity(m[1]) || Number(m[2]) < 1) {
      throw new DomainError('CASE_INVALID_DUE_HOURS', `"${part.trim()}" is not PRIORITY:HOURS with a priority of ${SEVERITIES.join(', ')} and hours >= 1`);
    }
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export function dueAtFor(priority: Severity, from: Date, hours: DueHours): Date {
  return new Date(from.getTime() + hours[priority] * 3_600_000);
}

/**
 * When a case's priority rises, its due date moves earlier if the new limit, counted from now,
 * ends sooner; it never moves later, so raising priority can never buy time.
 */
export function dueAtAfterRaise(currentDueAt: Date, newPriority: Severity, now: Date, hours: DueHours): Date {
  const candidate = dueAtFor(newPriority, now, hours);
  return candidate.getTime() < currentDueAt.getTime() ? candidate : currentDueAt;
}

export function isOverdue(dueAt: Date, closed: boolean, now: Date): boolean {
  return !closed && dueAt.getTime() < now.getTime();
}
