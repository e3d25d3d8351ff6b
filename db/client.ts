import type { Logger } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export interface DbHandle {
  db: Db;
  /** Closes the pool. Never call inside workerd (see STACK.md): workerd closes the socket itself. */
  close(): Promise<void>;
}

/**
 * Inside the Worker a client is created per request (`max: 1`): postgres.js sockets cannot be
 * shared across requests in workerd. In Node (scripts, tests) a small pool is fine.
 */
export function createDb(
  url: string,
  options: {
    max?: number;
    /** Names the connections in pg_stat_activity (the fault tests terminate only their own). */
    applicationName?: string;
    /** Sees every statement before it is sent (the fault tests fail some on purpose). */
    logger?: Logger;
    /** A fault-injecting layer between drizzle and the driver (the engine's fault tests). */
    wrapClient?: (client: postgres.Sql) => postgres.Sql;
  } = {},
): DbHandle {
  const client = postgres(url, {
    max: options.max ?? 1,
    onnotice: () => {},
    ...(options.applicationName ? { connection: { application_name: options.applicationName } } : {}),
    // Hyperdrive and PGlite both speak the extended protocol; prepared statements are cached per
    // connection, which is exactly one request in the Worker, so they buy nothing there.
    prepare: false,
  });
  const driver = options.wrapClient ? options.wrapClient(client) : client;
  return {
    db: drizzle(driver, { schema, ...(options.logger ? { logger: options.logger } : {}) }),
    close: () => client.end({ timeout: 5 }),
  };
}
