/**
 * One check of an incoming event for both entry points: the class-validator DTO (shape, lengths,
 * enums, amount and time grammar, no unknown fields), then the domain's toInternalEvent (a real
 * instant, exact fen, the sides a cash event has). The result names the error the way the HTTP
 * per-event result and the DLQ headers report it.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError } from '../../domain/domain-error.js';
import { toInternalEvent } from '../../domain/detection/to-internal-event.js';
import type { TransferEvent, TransferEventJson } from '../../domain/detection/transfer-event.js';
import { PartyDto, TerminalDto, TransferEventDto } from './dto/transfer-event.dto.js';
import { compileDtoCheck } from '../../common/validation/compiled-dto-check.js';

export interface EventError {
  /** INVALID_JSON, VALIDATION_FAILED, INVALID_TRANSFER_EVENT, INVALID_AMOUNT or INVALID_OCCURRED_AT. */
  code: string;
  message: string;
  field?: string;
}

export type EventCheck =
  | { ok: true; event: TransferEvent; json: TransferEventJson; text?: string }
  | { ok: false; error: EventError; eventId?: string };

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true } as const;

/** The DTO's own rules, compiled for the hot path (compiled-dto-check.ts); class-validator explains refusals. */
const quickCheck = compileDtoCheck(TransferEventDto, { debtor: PartyDto, creditor: PartyDto, terminal: TerminalDto });

function firstError(errors: ValidationError[], parent = ''): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const message = Object.values(e.constraints)[0]!;
      return { field, message: message.startsWith(e.property) ? `${field}${message.slice(e.property.length)}` : message };
    }
    const inner = firstError(e.children ?? [], field);
    if (inner) return inner;
  }
  return undefined;
}

function idOf(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['eventId'] : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

/** Validates a parsed JSON value as a transfer event. */
export function checkTransferEvent(raw: unknown): EventCheck {
  return check(raw, undefined);
}

/** `text`: the JSON the value was parsed from, kept on the result when it is the event as is (no schemaVersion to drop). */
function check(raw: unknown, text: string | undefined): EventCheck {
  const eventId = idOf(raw);
  const fail = (error: EventError): EventCheck => ({ ok: false, error, ...(eventId !== undefined ? { eventId } : {}) });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail({ code: 'INVALID_TRANSFER_EVENT', message: 'an event must be a JSON object' });
  }
  const errors = quickCheck(raw) ? [] : validateSync(plainToInstance(TransferEventDto, raw), OPTIONS);
  if (errors.length > 0) {
    const first = firstError(errors) ?? { field: 'event', message: 'the event is not valid' };
    return fail({ code: 'VALIDATION_FAILED', message: first.message, field: first.field });
  }
  try {
    if (!('schemaVersion' in raw)) {
      const json = raw as TransferEventJson;
      return text !== undefined ? { ok: true, event: toInternalEvent(json), json, text } : { ok: true, event: toInternalEvent(json), json };
    }
    const { schemaVersion: _version, ...json } = raw as TransferEventJson & { schemaVersion?: number };
    return { ok: true, event: toInternalEvent(json), json };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const details = (err.details ?? {}) as { field?: unknown };
    const field = typeof details.field === 'string' ? details.field : err.code === 'INVALID_AMOUNT' ? 'amount' : err.code === 'INVALID_OCCURRED_AT' ? 'occurredAt' : undefined;
    return fail({ code: err.code, message: err.message, ...(field !== undefined ? { field } : {}) });
  }
}

/** Parses and validates a Kafka message value. */
export function checkTransferMessage(value: Buffer | null): EventCheck {
  if (value === null || value.length === 0) return { ok: false, error: { code: 'INVALID_JSON', message: 'the message has no value' } };
  let raw: unknown;
  const text = value.toString('utf8');
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: { code: 'INVALID_JSON', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300) } };
  }
  // The message text is the event as sent: the archive stores it as is.
  return check(raw, text);
}
