/** Public surface of transfer-stream detection (issue 6). Import from here outside the domain. */
export { type GraphView, type WindowView } from './account-window.js';
export { AccountWindows, PERSON_KEY_PREFIX, type RecordStatus, type WindowDeps, type WindowStats } from './account-windows.js';
export {
  DetectionEngine,
  ageFromResidentId,
  type DetectionDeps,
  type DetectionStats,
  type ProcessOptions,
  type ProcessResult,
} from './detection-engine.js';
export { DETECTION_ERROR_CODES, type DetectionErrorCode } from './detection-errors.js';
export {
  DEFAULT_DETECTION_PARAMS,
  detectionParams,
  retentionMs,
  validateDetectionParams,
  type DetectionParams,
  type DetectionParamsOverrides,
  type WindowParams,
} from './detection-params.js';
export { CHINA_OFFSET_MS, DAY_MS, HOUR_MS, MINUTE_MS, chinaDayKey, formatChinaTime, parseEventTime } from './event-time.js';
export {
  ALERT_SEVERITIES,
  DETECTOR_NAMES,
  MAX_EVIDENCE_IDS,
  NO_FINDINGS,
  type AlertSeverity,
  type DetectorName,
  type Finding,
} from './finding.js';
export { formatFen, parseAmountToFen } from './money.js';
export { toInternalEvent } from './to-internal-event.js';
export {
  TRANSFER_CHANNELS,
  TRANSFER_EVENT_SCHEMA_VERSION,
  TRANSFER_TYPES,
  accountKey,
  bankCodeOfKey,
  type PartyRef,
  type TerminalInfo,
  type TransferChannel,
  type TransferEvent,
  type TransferEventJson,
  type TransferType,
} from './transfer-event.js';
export {
  WARNING_GRADES,
  victimWarning,
  victimWarningFinding,
  type VictimWarning,
  type VictimWarningInput,
  type VictimWarningParams,
  type WarningGrade,
  type WarningReason,
} from './victim-warning.js';
