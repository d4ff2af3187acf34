import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

/** Variables whose values are secrets: never printed or logged. */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'JWT_SECRET',
  'BLIND_INDEX_KEY',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'BOOTSTRAP_API_KEY',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The one environment schema. Every variable the service reads is declared here, validated
 * at start-up, and a bad value stops the process with a message naming the variable.
 */
export class EnvSchema {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @IsString() @MinLength(1)
  HOST: string = '0.0.0.0';

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE: number = 10;

  @IsString() @MinLength(1)
  DATA_DIR: string = './data';

  @Transform(toBool) @IsBoolean()
  DB_MIGRATIONS_RUN: boolean = true;

  @Transform(emptyToUndefined) @IsOptional()
  @Matches(/^[A-Za-z0-9.\-_]+:\d{1,5}(,[A-Za-z0-9.\-_]+:\d{1,5})*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsString() @MinLength(1) @MaxLength(100)
  KAFKA_CLIENT_ID: string = 'account-risk-platform';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  JWT_TTL_SECONDS: number = 900;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  BLIND_INDEX_KEY?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[a-z][a-z0-9._-]{2,63}$/, { message: 'must be 3-64 lower-case letters, digits, dot, dash or underscore, starting with a letter' })
  BOOTSTRAP_ADMIN_USERNAME?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(12, { message: 'must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^ark_[A-Za-z0-9]{8}_[A-Za-z0-9]{32,64}$/, { message: 'must look like ark_<8 alphanumerics>_<32-64 alphanumerics>' })
  BOOTSTRAP_API_KEY?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 6000;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  /** Days the platform has to answer an appeal against a negative-list entry, from its receipt. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  NEGATIVE_LIST_APPEAL_DAYS: number = 15;

  /** Fuzzy name hits score at least this (0.5-1); the default is DEFAULT_NAME_THRESHOLD of src/domain/matching. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d*\.?\d+$/.test(value.trim()) ? Number(value.trim()) : value)) @Min(0.5) @Max(1)
  NEGATIVE_LIST_NAME_THRESHOLD: number = 0.85;

  /** How often stored expiry is brought up to date and the index catches up on missed changes. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  NEGATIVE_LIST_SWEEP_SECONDS: number = 60;

  /**
   * Where screening counts recent openings and applications from: `memory` (the window of the
   * active rule set held in each instance, kept current through the change feed and reloaded
   * every SCREENING_ACTIVITY_RESYNC_MINUTES) or `database` (a statement per batch of screenings).
   */
  @IsIn(['memory', 'database'])
  SCREENING_ACTIVITY_SOURCE: string = 'memory';

  /** Above this many openings and applications in the window (about 140 bytes each held), counts come from the database. */
  @Transform(toInt) @IsInt() @Min(1000) @Max(100_000_000)
  SCREENING_ACTIVITY_MAX_EVENTS: number = 5_000_000;

  /** How often the in-memory window is rebuilt from the database (a change another instance missed is mended then). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  SCREENING_ACTIVITY_RESYNC_MINUTES: number = 15;

  /** Alerts at or above this severity open or join a compliance case; milder ones stay alerts. */
  @IsIn(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])
  CASE_ALERT_MIN_SEVERITY: string = 'HIGH';

  /** Time to work a case per priority, in hours; priorities not named keep their default. */
  @Matches(/^$|^(CRITICAL|HIGH|MEDIUM|LOW):\d{1,5}(,(CRITICAL|HIGH|MEDIUM|LOW):\d{1,5})*$/, { message: 'must look like CRITICAL:24,HIGH:72,MEDIUM:168,LOW:336' })
  CASE_DUE_HOURS: string = 'CRITICAL:24,HIGH:72,MEDIUM:168,LOW:336';

  /** Give each new case to the institution's next analyst in turn (round-robin). */
  @Transform(toBool) @IsBoolean()
  CASE_AUTO_ASSIGN: boolean = false;

  /** With KAFKA_BROKERS: consume the `transfers` topic in this process (turn off on API-only instances). */
  @Transform(toBool) @IsBoolean()
  TRANSFERS_CONSUMER: boolean = true;

  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 letters, digits, dot, dash or underscore' })
  TRANSFERS_CONSUMER_GROUP: string = 'risk-transfers';

  /** Partitions of `transfers`, `transfers.dlq` and `risk.alerts` when the service creates them. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  TRANSFERS_TOPIC_PARTITIONS: number = 6;

  /** Kafka consumer session timeout; a consumer silent this long loses its partitions. */
  @Transform(toInt) @IsInt() @Min(6000) @Max(300_000)
  TRANSFERS_SESSION_TIMEOUT_MS: number = 30_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  /** Days after opening when an account gets its second verification (二次核验). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  SECOND_VERIFICATION_DAYS: number = 30;

  /** How often due second verifications are looked for (0: only when triggered or called). */
  @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  SECOND_VERIFICATION_POLL_SECONDS: number = 60;

  /**
   * Read and validate negative-list import files on a worker thread, so that the importing
   * thread only resolves terms, writes and files entries in the index.
   */
  @Transform(toBool) @IsBoolean()
  IMPORT_PARSE_THREAD: boolean = true;

  /** Run queued rescreen jobs in this process (turn off on instances that only serve the API). */
  @Transform(toBool) @IsBoolean()
  RESCREEN_WORKER: boolean = true;

  /** Listed identifiers matched per rescreen chunk; each chunk is one checkpointed transaction. */
  @Transform(toInt) @IsInt() @Min(100) @Max(1_000_000)
  RESCREEN_CHUNK_KEYS: number = 20000;

  /** Protective stop-payment (保护性止付) term when an order gives none. */
  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  RESTRICTION_STOP_PAYMENT_HOURS: number = 48;

  /** Orders exempt from four eyes: POLICE_ORDER, REGULATOR_ENTRY (policy orders from regulator/police/operator list entries), PROVISIONAL (protective policy orders). */
  @Matches(/^$|^(POLICE_ORDER|REGULATOR_ENTRY|PROVISIONAL)(,(POLICE_ORDER|REGULATOR_ENTRY|PROVISIONAL))*$/, { message: 'must be a comma-separated list of POLICE_ORDER, REGULATOR_ENTRY, PROVISIONAL' })
  RESTRICTION_FOUR_EYES_EXEMPT: string = 'POLICE_ORDER,REGULATOR_ENTRY,PROVISIONAL';

  /** Longest wait between expiry sweeps; the sweep also wakes at the next known expiry. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  RESTRICTION_SWEEP_SECONDS: number = 30;

  /** Re-reads the accounts of restricted persons and entities this often (0: never). */
  @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  RESTRICTION_RECONCILE_SECONDS: number = 300;

  /** Counted capped outflows are written and shared with other instances in batches this often. */
  @Transform(toInt) @IsInt() @Min(10) @Max(10000)
  RESTRICTION_CAP_FLUSH_MS: number = 200;

  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS: number = 2000;

  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS: number = 3_600_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  WEBHOOK_MAX_ATTEMPTS: number = 10;

  @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 5000;

  @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  WEBHOOK_POLL_MS: number = 1000;
}

export type AppConfig = Readonly<EnvSchema> & {
  /** True when no DATABASE_URL is set and the embedded PGlite database serves the app. */
  readonly embedded: boolean;
  readonly kafkaBrokers: readonly string[];
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}


function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => {
    const secret = (SECRET_VARIABLES as readonly string[]).includes(e.property);
    const shown = secret ? '(secret, not shown)' : JSON.stringify(e.value);
    return Object.values(e.constraints ?? {}).map((msg) => {
      const text = msg.startsWith(e.property) ? msg.slice(e.property.length).trim() : msg;
      return `${e.property} ${text} (got ${shown})`;
    });
  });
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): AppConfig {
  // Every variable is offered; whitelisting keeps only the ones the schema declares.
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && /^[A-Z][A-Z0-9_]*$/.test(key)) raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return Object.freeze(
    Object.assign(parsed, {
      embedded: parsed.DATABASE_URL === undefined,
      kafkaBrokers: parsed.KAFKA_BROKERS ? parsed.KAFKA_BROKERS.split(',') : [],
    }),
  );
}

/** The configuration with secrets replaced, for start-up logs. */
export function redactedConfig(config: AppConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = (SECRET_VARIABLES as readonly string[]).includes(k) && v !== undefined ? '[secret]' : v;
  }
  return out;
}
