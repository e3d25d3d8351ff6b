// Database faults for the reliability tests: on a real PostgreSQL, an admin connection terminates
// the test's own backends (pg_terminate_backend, by application_name) while the app works; on the
// embedded PGlite, whose single session other test files share, statements fail on purpose instead —
// before they are sent, or (flakyDb) after they ran and committed with the answer lost — with the
// error postgres.js gives for a connection that closed under it.
import type { Logger } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { createDb, type Db, type DbHandle } from '../../db/client';

/** The error postgres.js raises when the server closed the connection. */
export function connectionClosedError(): Error {
  return Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
}

export interface FaultyDb {
  db: Db;
  /** Statements failed so far. */
  readonly injected: number;
  /** Fails each following statement with this probability (0 = off). */
  failRandomly(rate: number): void;
  /** Fails the next `times` statements whose SQL matches (in addition to the random ones). */
  failWhen(match: RegExp, times?: number): void;
  close(): Promise<void>;
}

/** A pooled client whose statements fail on demand, as if their connection had been lost. */
export function faultyDb(url: string, options: { max?: number; random?: () => number } = {}): FaultyDb {
  const random = options.random ?? Math.random;
  let rate = 0;
  let injected = 0;
  const rules: { match: RegExp; left: number }[] = [];
  const logger: Logger = {
    logQuery(query) {
      const rule = rules.find((r) => r.left > 0 && r.match.test(query));
      if (rule) rule.left -= 1;
      if (rule || (rate > 0 && random() < rate)) {
        injected += 1;
        throw connectionClosedError();
      }
    },
  };
  const handle = createDb(url, { max: options.max ?? 1, logger });
  return {
    db: handle.db,
    get injected() {
      return injected;
    },
    failRandomly(r) {
      rate = r;
    },
    failWhen(match, times = 1) {
      rules.push({ match, left: times });
    },
    close: () => handle.close(),
  };
}

/**
 * What the Worker does: one client per request (max 1), its connections named so that only they are
 * terminated. Closes them all at the end.
 */
export function perRequestDbs(url: string, applicationName: string) {
  const handles: DbHandle[] = [];
  return {
    db(): Db {
      const handle = createDb(url, { applicationName });
      handles.push(handle);
      return handle.db;
    },
    async closeAll() {
      await Promise.allSettled(handles.splice(0).map((h) => h.close()));
    },
  };
}

/** Terminates, once, every backend named `applicationName` (from the admin connection given). */
export async function terminateBackends(
  admin: Db,
  applicationName: string,
  options: { spareYoungerThanMs?: number } = {},
): Promise<number> {
  const spare = `${options.spareYoungerThanMs ?? 0} milliseconds`;
  const rows = await admin.execute<{ terminated: boolean }>(
    sql`select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and application_name = ${applicationName}
          and clock_timestamp() - backend_start >= ${spare}::interval`,
  );
  return [...rows].filter((r) => r.terminated).length;
}

/**
 * Terminates every backend named `applicationName` every `everyMs` from a separate admin
 * connection, until stopped. Returns how many backends it terminated. `spareYoungerThanMs` leaves a
 * connection alone while postgres.js runs the type query it sends on connecting (outside any
 * caller's promise: a kill there is the driver's own unhandled rejection, not an app failure).
 */
export function startBackendKiller(
  url: string,
  options: { applicationName: string; everyMs: number; spareYoungerThanMs?: number },
) {
  const admin = createDb(url);
  let killed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      killed += await terminateBackends(admin.db, options.applicationName, options);
      await new Promise((r) => setTimeout(r, options.everyMs));
    }
  })();
  return {
    get killed() {
      return killed;
    },
    async stop(): Promise<number> {
      running = false;
      await loop;
      await admin.close();
      return killed;
    },
  };
}

export type Fault = 'before' | 'after' | null;

/** A pooled handle whose queries (and transactions, as a whole) meet `fault(sqlText)`. */
export function flakyDb(url: string, fault: (query: string) => Fault, max = 1): DbHandle {
  return createDb(url, { max, wrapClient: (client) => flakyClient(client, fault) });
}

function flakyClient(client: postgres.Sql, fault: (query: string) => Fault): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe')
        return (query: string, params?: never[], options?: never) =>
          faultyQuery(() => target.unsafe(query, params, options), fault(query));
      if (prop === 'begin')
        return (fn: never) => faultyRun(() => target.begin(fn) as Promise<unknown>, fault('begin'));
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function faultyRun<T>(run: () => Promise<T>, f: Fault): Promise<T> {
  if (f === 'before') throw connectionClosedError();
  const result = await run();
  if (f === 'after') throw connectionClosedError();
  return result;
}

/** drizzle awaits `client.unsafe(…)` or calls `.values()` on it: both run the query lazily. */
function faultyQuery(query: () => postgres.PendingQuery<postgres.Row[]>, f: Fault) {
  return {
    values: () => faultyRun(() => query().values(), f),
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, like postgres.js's own query
    then: (ok: (v: unknown) => unknown, ko: (e: unknown) => unknown) =>
      faultyRun(() => query(), f).then(ok, ko),
  };
}
