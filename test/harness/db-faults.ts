// Database faults for the engine's fault tests: on a real PostgreSQL server, an admin connection that
// terminates the backends of one application_name over and over; on PGlite (one shared session, which
// a killed socket would wreck for every other test file), a layer between drizzle and the driver that
// fails queries the way a dropped connection does — before they reach the server, or after they ran
// and committed, with the answer lost.
import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/client';

export type Fault = 'before' | 'after' | null;

/** What postgres.js throws when its socket went away. */
export function connectionLost(): Error {
  return Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
}

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
  if (f === 'before') throw connectionLost();
  const result = await run();
  if (f === 'after') throw connectionLost();
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

/**
 * Terminates every backend of `applicationName` every `everyMs` until stopped; returns how many it
 * terminated. Other test files share the database: only this application's connections are touched.
 * A connection is spared for its first 100 ms, while postgres.js runs the type query it sends on
 * connecting: the driver runs that outside any caller's promise, so a kill there is an unhandled
 * rejection in the driver itself (issue 11, item 5), not a failure any caller could handle.
 */
export function backendKiller(url: string, applicationName: string, everyMs: number) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  let killed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await admin`
        select pg_terminate_backend(pid) as ok from pg_stat_activity
        where datname = current_database() and application_name = ${applicationName}
          and pid <> pg_backend_pid() and clock_timestamp() - backend_start > interval '100 ms'
          and query not like '%pg_catalog.pg_type%'`;
      killed += rows.filter((r) => r.ok).length;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<number> {
      running = false;
      await loop;
      await admin.end({ timeout: 5 });
      return killed;
    },
  };
}
