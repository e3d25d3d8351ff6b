// The database away is "try again", never "broken": every endpoint answers 503 with Retry-After when
// connections are refused or lost mid-request, and postgres.js survives a connection dying under a
// transaction (no uncaught error, the next query answers at once).
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../api/app';
import { isDatabaseUnavailable } from '../../../core/infra-errors';
import { createDb } from '../../../db/client';
import { LOCAL_WEBHOOK_SECRET } from '../../../scripts/local-config';
import { createTestApp, type ErrorBody } from '../../harness/app';
import { onEmbeddedPostgres, testDatabaseUrl, useTestDb } from '../../harness/db';
import { faultyDb, terminateBackends } from '../../harness/db-faults';
import { textUpdate } from '../../harness/telegram-updates';

useTestDb();
const faulty = faultyDb(testDatabaseUrl());
const t = await createTestApp({ db: () => faulty.db });
afterAll(() => faulty.close());
afterEach(() => vi.restoreAllMocks());

const RESIDENT = 900101;
const REFUSING_URL = 'postgres://postgres@127.0.0.1:1/none';

async function expectTryAgain(res: Response) {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  expect(((await res.json()) as ErrorBody).error.code).toBe('database_unavailable');
}

describe('database unavailable', () => {
  it('answers 503 with Retry-After from the mini app’s endpoints and the webhook when connections are refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = createApp();
    const env = { ...t.env, DATABASE_URL: REFUSING_URL };
    const auth = { Authorization: await t.authFor(RESIDENT) };
    await expectTryAgain(await app.request('/api/me', { headers: auth }, env));
    await expectTryAgain(await app.request('/api/certificates/applications', { headers: auth }, env));
    await expectTryAgain(
      await app.request(
        '/telegram/webhook',
        {
          method: 'POST',
          headers: {
            'X-Telegram-Bot-Api-Secret-Token': LOCAL_WEBHOOK_SECRET,
            'content-type': 'application/json',
          },
          body: JSON.stringify(textUpdate({ id: 700_000_001 }, '/start', { update_id: 1 })),
        },
        env,
      ),
    );
  });

  it('answers 503 with Retry-After when the connection is lost in the middle of a request', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    faulty.failWhen(/from "users"/);
    await expectTryAgain(await t.call('GET', '/api/me', { as: RESIDENT }));
    expect((await t.call('GET', '/api/me', { as: RESIDENT })).status).toBe(200);
  });

  it('still answers 500 to a failure that is not the database being away', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp();
    app.get('/boom', () => {
      throw new TypeError('a bug');
    });
    const res = await app.request('/boom', {}, t.env);
    expect(res.status).toBe(500);
    expect(res.headers.get('Retry-After')).toBeNull();
    expect(errors).toHaveBeenCalled();
  });
});

describe('postgres.js when a connection dies under a transaction', () => {
  it.runIf(!onEmbeddedPostgres())(
    'fails the transaction with CONNECTION_CLOSED, throws nothing uncaught and answers the next query at once',
    async () => {
      const uncaught: unknown[] = [];
      const onUncaught = (e: unknown) => uncaught.push(e);
      process.on('uncaughtException', onUncaught);
      const name = 'tx-death-test';
      const handle = createDb(testDatabaseUrl(), { applicationName: name });
      const admin = createDb(testDatabaseUrl());
      try {
        const failed = await handle.db
          .transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            setTimeout(() => void terminateBackends(admin.db, name), 100);
            await tx.execute(sql`select pg_sleep(5)`);
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(isDatabaseUnavailable(failed)).toBe(true);
        // postgres.js sent ROLLBACK on the dead connection after that: it must not throw anywhere.
        await new Promise((r) => setTimeout(r, 50));
        const started = Date.now();
        const [row] = await handle.db.execute<{ one: number }>(sql`select 1 as one`);
        expect(row?.one).toBe(1);
        expect(Date.now() - started).toBeLessThan(2000);
        expect(uncaught).toEqual([]);
      } finally {
        process.off('uncaughtException', onUncaught);
        await handle.close();
        await admin.close();
      }
    },
  );

  it('runs with the connection-loss patch installed (scripts/patch-postgres.mjs)', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const file of ['src', 'cjs/src', 'cf/src']) {
      const source = await readFile(`node_modules/postgres/${file}/connection.js`, 'utf8');
      expect(source.match(/patched by scripts\/patch-postgres\.mjs/g)?.length).toBe(5);
    }
  });
});
