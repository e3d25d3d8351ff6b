// The test file's database handle: one small pool per file, closed after the file's tests.
import { afterAll, inject } from 'vitest';
import { createDb, type Db, type DbHandle } from '../../db/client';

/** True when the suite runs on the embedded PGlite server (DATABASE_URL unset at global setup). */
export function onEmbeddedPostgres(): boolean {
  return !process.env.DATABASE_URL?.trim();
}

let handle: DbHandle | undefined;

/**
 * The pooled handle of this test file (created on first use). PGlite runs every connection in ONE
 * session and its socket server interleaves the extended-protocol messages of concurrent
 * connections (measured: "bind message supplies 2 parameters, but prepared statement "" requires
 * 3"), so on PGlite the pool has a single connection; a real server gets four.
 */
export function testDb(): Db {
  handle ??= createDb(inject('databaseUrl'), { max: onEmbeddedPostgres() ? 1 : 4 });
  return handle.db;
}

export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/** Call at the top level of a test file: opens the handle and closes it after the file's tests. */
export function useTestDb(): Db {
  afterAll(async () => {
    const h = handle;
    handle = undefined;
    await h?.close();
  });
  return testDb();
}
