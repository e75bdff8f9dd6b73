import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from './env.js';

/** Connection settings BullMQ passes to ioredis (it accepts a `url` next to ioredis options). */
export type BullConnection = BullRedisOptions & { url: string };

/**
 * Who uses the connection: workers and schedulers block and must retry forever
 * (`maxRetriesPerRequest: null`, as BullMQ requires); producers (API, CLI) fail a command after a
 * few retries so that a request does not hang while Redis is down.
 */
export type ConnectionRole = 'worker' | 'producer';

/** Reconnect quickly at first, then every few seconds, forever: Redis restarts must not need a process restart. */
function retryStrategy(times: number): number {
  return Math.min(100 * 2 ** Math.min(times, 6), 5_000);
}

/** The URL without its password (the user name stays, for Redis ACL users). */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/**
 * Builds BullMQ connection options from the configuration: password and user come from the URL
 * (REDIS_PASSWORD, when set, replaces the URL's password),
 * TLS is on for rediss:// URLs (REDIS_TLS_INSECURE=1 accepts self-signed certificates).
 */
export function bullConnection(config: AppConfig, role: ConnectionRole): BullConnection {
  const options: BullConnection = {
    url: config.redisPassword === null ? config.redisUrl : withoutPassword(config.redisUrl),
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    retryStrategy,
    connectionName: `territory-${role}`,
  };
  // Given apart from the URL, the password needs no escaping. ioredis lets a URL's password win
  // over the options', so the URL loses its own (withoutPassword above).
  if (config.redisPassword !== null) options.password = config.redisPassword;
  if (config.redisUrl.startsWith('rediss://')) {
    options.tls = { rejectUnauthorized: !config.redisTlsInsecure };
  }
  return options;
}

/** A plain ioredis client with the same settings, for the few commands BullMQ does not cover (region locks). */
export function createRedisClient(config: AppConfig, role: ConnectionRole): Redis {
  const { url, ...rest } = bullConnection(config, role);
  return new Redis(url, rest);
}
