/**
 * For detector specs: feeds events into a fresh window store, so a test can then call one
 * detector on the window the last event touched.
 */
import { AccountWindows, type WindowDeps } from '../account-windows.js';
import { type DetectionParamsOverrides, detectionParams } from '../detection-params.js';
import { toInternalEvent } from '../to-internal-event.js';
import type { TransferEvent, TransferEventJson } from '../transfer-event.js';

export function internal(event: TransferEvent | TransferEventJson): TransferEvent {
  return 'occurredAtMs' in event ? event : toInternalEvent(event);
}

/** Records the events in order and returns the store; throws if one is not ACCEPTED. */
export function recordEvents(
  events: readonly (TransferEvent | TransferEventJson)[],
  overrides: DetectionParamsOverrides = {},
  deps: WindowDeps = {},
): AccountWindows {
  const store = new AccountWindows(detectionParams(overrides), deps);
  for (const e of events) {
    const status = store.record(internal(e));
    if (status !== 'ACCEPTED') throw new Error(`event ${e.eventId} was ${status}`);
  }
  return store;
}
