import { resolve } from 'node:path';
import { z } from 'zod';
import { languageOfLocale } from '../i18n/languages.js';
import type { ReportLocaleChoice } from '../i18n/reportLocale.js';
import { isTimeZone } from '../i18n/timeZone.js';
import { parseApiTokens, type ApiToken } from './apiTokens.js';
import { DEFAULT_ARCHIVE_POLICY, type ArchivePolicy } from '../io/publish/versionArchive.js';
import { MAX_TILE_ATTRIBUTION, tileUrlProblem, type MapTiles } from './mapTiles.js';

/**
 * Process configuration, parsed once from the environment with zod. Every long-running process
 * (worker, scheduler, api, serve) and the queue CLI commands read their settings from here.
 */
export interface AppConfig {
  /** redis:// or rediss:// (TLS) URL, optionally with user:password. */
  redisUrl: string;
  /** Accept self-signed TLS certificates of a rediss:// server (REDIS_TLS_INSECURE=1). */
  redisTlsInsecure: boolean;
  /** BullMQ key prefix; lets several deployments share one Redis. */
  queuePrefix: string;
  /** Folder holding one sub-folder per region (outlets.csv, reps.csv, policy.json). */
  regionsDir: string;
  /** Folder holding one output folder per region (versions/, current). */
  outDir: string;
  /**
   * API_TOKEN: the single bearer token of earlier releases, kept as an alias for one token with
   * the `approve` role (all roles). See apiTokens and collectApiTokens.
   */
  apiToken: string | null;
  /** API_TOKENS: bearer tokens of the HTTP API with their roles (`read:<token>,approve:<token>`). */
  apiTokens: ApiToken[];
  /** API_TOKENS_FILE: a file of `role:token` lines, read when the API starts; null when unset. */
  apiTokensFile: string | null;
  apiHost: string;
  apiPort: number;
  /** Jobs one worker process plans in parallel (one worker thread each). */
  workerConcurrency: number;
  /**
   * Worker threads planning the rep cycles of one job (PLAN_THREADS, 1-64); null (unset, the
   * default): runPlan's default, min(os.availableParallelism(), 4) from 20,000 outlets, else 1. 1 plans in the job's thread.
   */
  planThreads: number | null;
  /** Default schedule of nightly rebuilds and its time zone. */
  scheduleCron: string;
  scheduleTimezone: string;
  /** The report language of the LC_ALL / LANG locale and the schedule zone (ReportLocaleChoice). */
  report: ReportLocaleChoice;
  /** Optional JSON file of per-region schedules; default <regionsDir>/schedules.json. */
  schedulesFile: string;
  /** How often the scheduler re-reads regions and schedules (0 = only at start). */
  scheduleReloadMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a stopping worker lets its running job finish before handing it back. */
  shutdownGraceMs: number;
  /** BullMQ job lock duration; a dead worker's job is re-queued after about this long. */
  lockDurationMs: number;
  /** How often workers look for stalled jobs (jobs of dead workers). */
  stalledIntervalMs: number;
  /** How often a job may stall (its worker died) before it is failed. */
  maxStalledCount: number;
  /** Attempts per job (first run included) and the base of the exponential backoff. */
  jobAttempts: number;
  jobBackoffMs: number;
  /** Completed / failed jobs kept in Redis for `territory jobs` and GET /jobs/:id. */
  keepCompletedJobs: number;
  keepFailedJobs: number;
  /** A job that finds its region locked by another running job retries after this delay. */
  regionBusyRetryMs: number;
  /** Safety expiry of a region lock whose holder vanished without releasing it. */
  regionLockTtlMs: number;
  /** Largest JSON body the API accepts. */
  apiBodyLimitBytes: number;
  /**
   * How long a CLI command that needs Redis (enqueue, jobs) waits for an answer before it fails
   * with one line naming the Redis URL (REDIS_CONNECT_TIMEOUT_MS, default 10000).
   */
  redisConnectTimeoutMs: number;
  /** How long an API request waits for Redis before answering 503 with Retry-After (API_REDIS_TIMEOUT_MS, 3000). */
  apiRedisTimeoutMs: number;
  /**
   * How far back the scheduler still enqueues a slot it missed (Redis or the scheduler was down),
   * once, when Redis answers again (SCHEDULE_CATCH_UP_MS, default 6 h; 0 = no catch-up).
   */
  scheduleCatchUpMs: number;
  /**
   * Redis password given apart from the URL (REDIS_PASSWORD), so a password holding `@ / : #`
   * needs no URL escaping; it overrides a password in REDIS_URL. Default: none.
   */
  redisPassword: string | null;
  /**
   * Port of the worker's and scheduler's health and metrics server (GET /healthz, /metrics);
   * null (METRICS_PORT unset, the default outside the container image) starts none.
   */
  metricsPort: number | null;
  /** Interface the health and metrics server binds; default 127.0.0.1 (the image sets 0.0.0.0). */
  metricsHost: string;
  /**
   * The deployment's own tile server for the basemap of map.html (MAP_TILE_URL, an http(s) URL
   * template with {z}, {x}, {y}; MAP_TILE_ATTRIBUTION its credit line); null (the default): the
   * map is fully offline.
   */
  mapTiles: MapTiles | null;
  /**
   * Old versions kept compressed after each publish (VERSIONS_KEEP_PLAIN, default 2 newest
   * left plain; VERSIONS_ARCHIVE_MIN_MB, default 100: smaller versions stay plain).
   */
  archive: ArchivePolicy;
}

/** A configuration problem; the message names the variable and (non-secret) value. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MIB = 1024 * 1024;

/** Most cycle worker threads PLAN_THREADS and `territory plan --threads` accept. */
export const MAX_PLAN_THREADS = 64;

/** Variables whose values must never be printed. */
const SECRET_KEYS = new Set(['API_TOKEN', 'API_TOKENS', 'REDIS_URL', 'REDIS_PASSWORD']);

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']))
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  REDIS_URL: z
    .string()
    .trim()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\//.test(v) && URL.canParse(v), 'must be a redis:// or rediss:// URL'),
  REDIS_TLS_INSECURE: flag.default(false),
  REDIS_PASSWORD: z.string().max(512, 'must be at most 512 characters').optional(),
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -')
    .default('territory'),
  REGIONS_DIR: z.string().trim().min(1).default('./data/regions'),
  OUT_DIR: z.string().trim().min(1).default('./out'),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_TOKENS: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseApiTokens(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  API_TOKENS_FILE: z.string().trim().min(1).optional(),
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  API_PORT: integer(0, 65535).default(8080),
  WORKER_CONCURRENCY: integer(1, 64).default(1),
  PLAN_THREADS: integer(1, MAX_PLAN_THREADS).optional(),
  SCHEDULE_CRON: z.string().trim().min(1).default('0 2 * * *'),
  SCHEDULE_TZ: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  SCHEDULES_FILE: z.string().trim().min(1).optional(),
  // The POSIX locale: a Chinese one (zh_CN.UTF-8, ...) makes the reports Chinese by default.
  LC_ALL: z.string().trim().optional(),
  LANG: z.string().trim().optional(),
  SCHEDULE_RELOAD_MS: integer(0, 86_400_000).default(300_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: integer(0, 3_600_000).default(30_000),
  LOCK_DURATION_MS: integer(1_000, 3_600_000).default(30_000),
  STALLED_INTERVAL_MS: integer(500, 3_600_000).default(30_000),
  MAX_STALLED_COUNT: integer(0, 100).default(2),
  JOB_ATTEMPTS: integer(1, 100).default(3),
  JOB_BACKOFF_MS: integer(0, 86_400_000).default(60_000),
  KEEP_COMPLETED_JOBS: integer(0, 1_000_000).default(1_000),
  KEEP_FAILED_JOBS: integer(0, 1_000_000).default(5_000),
  REGION_BUSY_RETRY_MS: integer(10, 3_600_000).default(5_000),
  REGION_LOCK_TTL_MS: integer(1_000, 86_400_000).default(3_600_000),
  API_BODY_LIMIT_BYTES: integer(2, 1_048_576).default(16_384),
  REDIS_CONNECT_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  API_REDIS_TIMEOUT_MS: integer(100, 60_000).default(3_000),
  SCHEDULE_CATCH_UP_MS: integer(0, 7 * 86_400_000).default(6 * 3_600_000),
  METRICS_PORT: integer(0, 65535).optional(),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  MAP_TILE_URL: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = tileUrlProblem(value);
      if (problem)
        ctx.addIssue({ code: 'custom', message: `${problem}, e.g. https://tiles.example/{z}/{x}/{y}.png` });
    })
    .optional(),
  MAP_TILE_ATTRIBUTION: z
    .string()
    .trim()
    .max(MAX_TILE_ATTRIBUTION, `must be at most ${MAX_TILE_ATTRIBUTION} characters`)
    .optional(),
  VERSIONS_KEEP_PLAIN: integer(1, 1_000).default(DEFAULT_ARCHIVE_POLICY.keepPlain),
  VERSIONS_ARCHIVE_MIN_MB: integer(0, 10_000_000).default(DEFAULT_ARCHIVE_POLICY.minBytes / MIB),
});

/** Empty strings mean "not set" so that `FOO=` in a compose file falls back to the default. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

/**
 * Parses the environment into an AppConfig. Throws a ConfigError naming the first offending
 * variable and its value (secrets are shown as `<redacted>`), so a misconfigured container
 * fails at start with one readable line.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      const raw = env[key];
      const shown = SECRET_KEYS.has(key) ? '<redacted>' : JSON.stringify(raw ?? null);
      return { key, text: `${key}=${shown}: ${issue.message}` };
    });
    const first = messages[0];
    throw new ConfigError(
      `invalid configuration: ${messages.map((m) => m.text).join('; ')}`,
      first?.key ?? 'unknown',
    );
  }
  const e = parsed.data;
  const regionsDir = resolve(e.REGIONS_DIR);
  return {
    redisUrl: e.REDIS_URL,
    redisTlsInsecure: e.REDIS_TLS_INSECURE,
    queuePrefix: e.QUEUE_PREFIX,
    regionsDir,
    outDir: resolve(e.OUT_DIR),
    apiToken: e.API_TOKEN ?? null,
    apiTokens: e.API_TOKENS ?? [],
    apiTokensFile: e.API_TOKENS_FILE === undefined ? null : resolve(e.API_TOKENS_FILE),
    apiHost: e.API_HOST,
    apiPort: e.API_PORT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    planThreads: e.PLAN_THREADS ?? null,
    scheduleCron: e.SCHEDULE_CRON,
    scheduleTimezone: e.SCHEDULE_TZ,
    schedulesFile: resolve(e.SCHEDULES_FILE ?? `${regionsDir}/schedules.json`),
    scheduleReloadMs: e.SCHEDULE_RELOAD_MS,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    lockDurationMs: e.LOCK_DURATION_MS,
    stalledIntervalMs: e.STALLED_INTERVAL_MS,
    maxStalledCount: e.MAX_STALLED_COUNT,
    jobAttempts: e.JOB_ATTEMPTS,
    jobBackoffMs: e.JOB_BACKOFF_MS,
    keepCompletedJobs: e.KEEP_COMPLETED_JOBS,
    keepFailedJobs: e.KEEP_FAILED_JOBS,
    regionBusyRetryMs: e.REGION_BUSY_RETRY_MS,
    regionLockTtlMs: e.REGION_LOCK_TTL_MS,
    apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    redisConnectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    apiRedisTimeoutMs: e.API_REDIS_TIMEOUT_MS,
    scheduleCatchUpMs: e.SCHEDULE_CATCH_UP_MS,
    redisPassword: e.REDIS_PASSWORD ?? null,
    metricsPort: e.METRICS_PORT ?? null,
    metricsHost: e.METRICS_HOST,
    mapTiles: mapTilesOf(e),
    archive: archivePolicyOf(e),
    report: reportDefaultsOf(e),
  };
}

function mapTilesOf(e: {
  MAP_TILE_URL?: string | undefined;
  MAP_TILE_ATTRIBUTION?: string | undefined;
}): MapTiles | null {
  return e.MAP_TILE_URL ? { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION ?? null } : null;
}

function archivePolicyOf(e: { VERSIONS_KEEP_PLAIN: number; VERSIONS_ARCHIVE_MIN_MB: number }): ArchivePolicy {
  return { keepPlain: e.VERSIONS_KEEP_PLAIN, minBytes: e.VERSIONS_ARCHIVE_MIN_MB * MIB };
}

/**
 * Which old versions are kept compressed (`VERSIONS_KEEP_PLAIN`, `VERSIONS_ARCHIVE_MIN_MB`), for
 * the commands that publish in-process: only these two variables are read. Throws a ConfigError
 * naming the variable when a value is invalid.
 */
export function loadArchivePolicy(env: NodeJS.ProcessEnv = process.env): ArchivePolicy {
  const parsed = envSchema
    .pick({ VERSIONS_KEEP_PLAIN: true, VERSIONS_ARCHIVE_MIN_MB: true })
    .safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'VERSIONS_KEEP_PLAIN');
    throw new ConfigError(
      `invalid configuration: ${key}=${JSON.stringify(env[key] ?? null)}: ${issue?.message ?? 'invalid'}`,
      key,
    );
  }
  return archivePolicyOf(parsed.data);
}

/**
 * The basemap of map.html (`MAP_TILE_URL`, `MAP_TILE_ATTRIBUTION`), for the commands that
 * publish in-process (`plan`, `approve --rebase`): only these two variables are read, so an
 * unrelated bad setting does not stop them. Null when `MAP_TILE_URL` is unset. Throws a
 * ConfigError naming the variable when a value is invalid.
 */
export function loadMapTiles(env: NodeJS.ProcessEnv = process.env): MapTiles | null {
  const parsed = envSchema
    .pick({ MAP_TILE_URL: true, MAP_TILE_ATTRIBUTION: true })
    .safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'MAP_TILE_URL');
    throw new ConfigError(
      `invalid configuration: ${key}=${JSON.stringify(env[key] ?? null)}: ${issue?.message ?? 'invalid'}`,
      key,
    );
  }
  return mapTilesOf(parsed.data);
}

function reportDefaultsOf(e: {
  LC_ALL?: string | undefined;
  LANG?: string | undefined;
  SCHEDULE_TZ: string;
}): ReportLocaleChoice {
  const lang = languageOfLocale(e.LC_ALL) ?? languageOfLocale(e.LANG);
  return { ...(lang === null ? {} : { defaultLang: lang }), defaultTimeZone: e.SCHEDULE_TZ };
}

/**
 * The report defaults of the commands that publish in-process (`plan`, `scenario`, `compare`):
 * the language of the LC_ALL / LANG locale (zh_* gives zh-CN) and the schedule zone
 * (SCHEDULE_TZ, default Asia/Shanghai); only these variables are read. Throws a ConfigError
 * naming SCHEDULE_TZ when it is not an IANA zone.
 */
export function loadReportDefaults(env: NodeJS.ProcessEnv = process.env): ReportLocaleChoice {
  const parsed = envSchema.pick({ LC_ALL: true, LANG: true, SCHEDULE_TZ: true }).safeParse(withoutEmpty(env));
  if (!parsed.success)
    throw new ConfigError(
      `invalid configuration: SCHEDULE_TZ=${JSON.stringify(env.SCHEDULE_TZ ?? null)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'SCHEDULE_TZ',
    );
  return reportDefaultsOf(parsed.data);
}

/** The Redis URL with its password replaced by `***`, safe to log. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable redis url>';
  }
}

/**
 * The folder holding each region's output folder (`OUT_DIR`, default ./out), for the commands
 * that work on published files without Redis (`plan`, `versions`, `rollback`): they follow the
 * workers' OUT_DIR when it is set, and only this variable is read, so an unrelated bad setting
 * does not stop them.
 */
export function loadOutRoot(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = envSchema.pick({ OUT_DIR: true }).safeParse(withoutEmpty(env));
  if (!parsed.success)
    throw new ConfigError(
      `invalid configuration: OUT_DIR=${JSON.stringify(env.OUT_DIR ?? null)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'OUT_DIR',
    );
  return resolve(parsed.data.OUT_DIR);
}

/**
 * The cycle threads of the commands that plan in-process (`plan`) when `--threads` is not given:
 * PLAN_THREADS, the workers' setting, or null when unset (runPlan's default applies); only this
 * variable is read. Throws a ConfigError naming PLAN_THREADS and its value when it is not a whole
 * number from 1 to 64.
 */
export function loadPlanThreads(env: NodeJS.ProcessEnv = process.env): number | null {
  const parsed = envSchema.pick({ PLAN_THREADS: true }).safeParse(withoutEmpty(env));
  if (!parsed.success)
    throw new ConfigError(
      `invalid configuration: PLAN_THREADS=${JSON.stringify(env.PLAN_THREADS ?? null)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'PLAN_THREADS',
    );
  return parsed.data.PLAN_THREADS ?? null;
}
