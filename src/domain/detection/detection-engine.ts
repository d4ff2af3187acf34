/**
 * Runs every detector over the windows an event touches: the debtor's and the creditor's account
 * windows, the person window of a cash movement, the two-account graph patterns, and the victim
 * warning when the creditor is listed. Synchronous and single-threaded by design: one engine per
 * partition set, fed in event-time order as far as the stream allows.
 */
import { DomainError } from '../domain-error.js';
import { ageOn, parseResidentId } from '../identity/national-id.js';
import type { AccountWindow } from './account-window.js';
import { AccountWindows, type RecordStatus, type WindowDeps, type WindowStats } from './account-windows.js';
import { DEFAULT_DETECTION_PARAMS, type DetectionParams } from './detection-params.js';
import { detectCashOutMulti } from './detectors/cash-out-multi.js';
import { detectCycle } from './detectors/cycle.js';
import { detectDormantReactivated } from './detectors/dormant-reactivated.js';
import { detectFanIn } from './detectors/fan-in.js';
import { detectFanOut } from './detectors/fan-out.js';
import { detectHighVelocity } from './detectors/high-velocity.js';
import { detectNewAccountLarge } from './detectors/new-account-large.js';
import { detectNightBurst } from './detectors/night-burst.js';
import { detectRapidPassThrough } from './detectors/rapid-pass-through.js';
import { detectScatterGather } from './detectors/scatter-gather.js';
import { detectStructuring } from './detectors/structuring.js';
import { type Finding, NO_FINDINGS } from './finding.js';
import type { PartyRef, TransferEvent } from './transfer-event.js';
import { victimWarning, victimWarningFinding } from './victim-warning.js';

export interface DetectionDeps extends WindowDeps {
  /**
   * Is the creditor (its account, a phone-linked account or its holder) on the negative list?
   * Without it no victim warnings are raised.
   */
  readonly isListed?: (creditor: PartyRef, event: TransferEvent) => boolean | { readonly reason: string };
  /** Sender's age in years at `atMs`; default: from a valid resident ID number on the debtor. */
  readonly senderAgeYears?: (debtor: PartyRef, atMs: number) => number | undefined;
  /** Earlier warnings for a sender; default: those raised while the sender's window lived. */
  readonly priorWarningsForSender?: (accountKey: string) => number;
}

export interface ProcessResult {
  readonly status: RecordStatus;
  readonly findings: readonly Finding[];
}

export interface ProcessOptions {
  /** false: only rebuild window state (replay after a restart), run no detector. Default true. */
  readonly detect?: boolean;
}

export type DetectionStats = WindowStats;

const ACCEPTED_QUIET: ProcessResult = Object.freeze({ status: 'ACCEPTED', findings: NO_FINDINGS });
const DUPLICATE: ProcessResult = Object.freeze({ status: 'DUPLICATE', findings: NO_FINDINGS });
const LATE: ProcessResult = Object.freeze({ status: 'LATE', findings: NO_FINDINGS });

/** Age from an 18-character resident ID number; undefined when it is missing or not valid. */
export function ageFromResidentId(debtor: PartyRef, atMs: number): number | undefined {
  if (debtor.idNumber === undefined) return undefined;
  try {
    const at = new Date(atMs);
    return ageOn(parseResidentId(debtor.idNumber, at), at);
  } catch (err) {
    if (err instanceof DomainError) return undefined;
    throw err;
  }
}

export class DetectionEngine {
  readonly windows: AccountWindows;
  private readonly sweepPerEvent: number;
  /** Findings of the event being processed; allocated only when something fires. */
  private found: Finding[] | undefined;

  constructor(
    readonly params: DetectionParams = DEFAULT_DETECTION_PARAMS,
    private readonly deps: DetectionDeps = {},
  ) {
    this.windows = new AccountWindows(params, deps);
    this.sweepPerEvent = params.windows.sweepPerEvent;
  }

  get watermarkMs(): number {
    return this.windows.watermarkMs;
  }

  /**
   * Records the event and returns what fired. DUPLICATE and LATE events change nothing.
   * Findings are deterministic in the event stream, so replaying a stream gives the same dedup keys.
   */
  process(event: TransferEvent, options?: ProcessOptions): ProcessResult {
    const status = this.windows.record(event);
    if (status !== 'ACCEPTED') return status === 'DUPLICATE' ? DUPLICATE : LATE;
    let result = ACCEPTED_QUIET;
    if (options?.detect !== false) {
      this.found = undefined;
      const w = this.windows;
      if (w.debtor !== undefined && w.debtor.current >= 0) this.accountDetectors(w.debtor, event);
      if (w.creditor !== undefined && w.creditor.current >= 0) this.accountDetectors(w.creditor, event);
      if (w.debtorPerson !== undefined && w.debtorPerson.current >= 0) this.personDetectors(w.debtorPerson, event);
      if (w.creditorPerson !== undefined && w.creditorPerson.current >= 0) this.personDetectors(w.creditorPerson, event);
      if (w.debtor !== undefined && w.creditor !== undefined && w.debtor.current >= 0) {
        const p = this.params;
        this.add(detectCycle(w, w.debtor, w.creditor, event, p.cycle));
        this.add(detectScatterGather(w, w.debtor, w.creditor, event, p.scatterGather));
        this.warnVictim(w.debtor, event);
      }
      if (this.found !== undefined) result = { status: 'ACCEPTED', findings: this.found };
    }
    if (this.sweepPerEvent > 0) this.windows.sweep(this.sweepPerEvent);
    return result;
  }

  private add(findings: readonly Finding[]): void {
    if (findings.length === 0) return;
    this.found ??= [];
    for (let i = 0; i < findings.length; i++) this.found.push(findings[i]!);
  }

  private accountDetectors(view: AccountWindow, event: TransferEvent): void {
    const p = this.params;
    this.add(detectRapidPassThrough(view, event, p.rapidPassThrough));
    this.add(detectFanIn(view, event, p.fanIn));
    this.add(detectFanOut(view, event, p.fanOut));
    this.add(detectStructuring(view, event, p.structuring, this.windows));
    this.add(detectNightBurst(view, event, p.nightBurst));
    this.add(detectDormantReactivated(view, event, p.dormantReactivated));
    this.add(detectNewAccountLarge(view, event, p.newAccountLarge));
    this.add(detectCashOutMulti(view, event, p.cashOutMulti, this.windows));
    this.add(detectHighVelocity(view, event, p.highVelocity));
  }

  private personDetectors(view: AccountWindow, event: TransferEvent): void {
    const p = this.params;
    this.add(detectStructuring(view, event, p.structuring, this.windows));
    this.add(detectCashOutMulti(view, event, p.cashOutMulti, this.windows));
  }

  private warnVictim(sender: AccountWindow, event: TransferEvent): void {
    const isListed = this.deps.isListed;
    const params = this.params.victimWarning;
    if (isListed === undefined || !params.enabled || event.creditor === undefined || event.debtor === undefined) return;
    if (event.amountFen < params.minAmountFen) return;
    const listed = isListed(event.creditor, event);
    if (listed === false) return;
    const age = (this.deps.senderAgeYears ?? ageFromResidentId)(event.debtor, event.occurredAtMs);
    const prior = this.deps.priorWarningsForSender?.(sender.key) ?? sender.warnings;
    const warning = victimWarning({
      event,
      creditorListed: listed,
      ...(age !== undefined ? { senderAgeYears: age } : {}),
      priorWarningsForSender: prior,
      params,
    });
    if (warning === null) return;
    sender.addWarning();
    (this.found ??= []).push(victimWarningFinding(warning, event));
  }

  /** Evicts every window idle since before `watermarkMs - idleTtlMs` (default: the watermark). */
  evictIdle(watermarkMs?: number): number {
    return this.windows.evictIdle(watermarkMs);
  }

  stats(): DetectionStats {
    return this.windows.stats();
  }
}
