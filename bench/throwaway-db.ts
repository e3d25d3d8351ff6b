// A throw-away database on a real PostgreSQL for one benchmark run: created from DATABASE_URL's
// server, the app's handle with a logger that can capture the statements a call runs (for EXPLAIN),
// a raw connection for EXPLAIN and seeding, and a teardown that drops it (unless BENCH_KEEP is set).
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb } from '../db/client';

export interface CapturedStatement {
  query: string;
  params: unknown[];
}

export async function openThrowawayDatabase(base: string, name: string, options: { max: number }) {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  let captured: CapturedStatement[] | null = null;
  const logger: Logger = {
    logQuery(query, params) {
      captured?.push({ query, params });
    },
  };
  const handle = createDb(url.toString(), { max: options.max, logger });
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    url: url.toString(),
    admin,
    handle,
    raw,
    /** The statements the app's handle ran during `fn`. */
    async capture(fn: () => Promise<unknown>): Promise<CapturedStatement[]> {
      const statements: CapturedStatement[] = [];
      captured = statements;
      try {
        await fn();
      } finally {
        captured = null;
      }
      return statements;
    },
    async close(): Promise<void> {
      await raw.end({ timeout: 5 });
      await handle.close();
      if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
