// Files without a record: found and purged by the maintenance cron after a day's grace, never one a
// record names; an upload whose row cannot be written takes its object back at once.
import { eq, getTableName, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeOrphanFiles, STORED_FILE_REFERENCES } from '../../../core/files/purge-orphan-files';
import { purgeStrayObjects, STRAY_SWEEP_CURSOR_KEY } from '../../../core/files/purge-stray-objects';
import { storeFile } from '../../../core/files/store-file';
import { fixedClock } from '../../../core/runtime';
import { storedFiles } from '../../../db/schema';
import { phoneJpeg } from '../../fixtures/uploads';
import { createTestApp } from '../../harness/app';
import { completeDraft, newMigrant } from '../../harness/certificate-flow';
import { testDatabaseUrl, useTestDb } from '../../harness/db';
import { faultyDb } from '../../harness/db-faults';

const db = useTestDb();
const clock = fixedClock(new Date());
const t = await createTestApp({ clock });
const faulty = faultyDb(testDatabaseUrl());
afterAll(() => faulty.close());

describe('orphan files', () => {
  it('knows every column that refers to a stored file (the foreign keys in the database)', async () => {
    const rows = await db.execute<{ ref: string }>(sql`
      select cl.relname || '.' || a.attname as ref
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.confrelid = 'stored_files'::regclass`);
    const known = STORED_FILE_REFERENCES.map((c) => `${getTableName(c.table)}.${c.name}`);
    expect([...rows].map((r) => r.ref).sort()).toEqual(known.sort());
  });

  it('purges a file no record names once it is a day old, and never a file a record names', async () => {
    const start = clock.now();
    const migrant = await newMigrant(t, db);
    const applicationId = await completeDraft(t, db, migrant.telegramId);
    // An upload whose document row was never written (the database went away in between).
    const orphan = await storeFile({
      deps: t.services().deps,
      ownerUserId: migrant.userId,
      purpose: 'certificate_document',
      bytes: phoneJpeg(),
    });
    const ownFiles = () =>
      db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.ownerUserId, migrant.userId));
    const before = (await ownFiles()).length;
    try {
      clock.set(new Date(start.getTime() + 23 * 3600_000));
      await purgeOrphanFiles({ deps: t.services().deps });
      expect((await ownFiles()).map((f) => f.id)).toContain(orphan.id);
      clock.set(new Date(start.getTime() + 25 * 3600_000));
      const { orphanFiles } = await purgeOrphanFiles({ deps: t.services().deps });
      expect(orphanFiles).toBeGreaterThanOrEqual(1);
      const after = (await ownFiles()).map((f) => f.id);
      expect(after).not.toContain(orphan.id);
      expect(after).toHaveLength(before - 1);
      expect(t.files.objects.has(orphan.objectKey)).toBe(false);
      // The application's three documents are still there, bytes included.
      const view = (await (
        await t.call('GET', `/api/certificates/applications/${applicationId}`, { as: migrant.telegramId })
      ).json()) as { documents: { id: string }[] };
      expect(view.documents).toHaveLength(3);
      const doc = await t.call(
        'GET',
        `/api/certificates/applications/${applicationId}/documents/${view.documents[0]!.id}`,
        { as: migrant.telegramId },
      );
      expect(doc.status).toBe(200);
    } finally {
      clock.set(start);
    }
  });

  it('takes the object back when the file’s row cannot be written', async () => {
    const migrant = await newMigrant(t, db);
    const keysBefore = new Set(t.files.objects.keys());
    faulty.failWhen(/^insert into "stored_files"/);
    await expect(
      storeFile({
        deps: { ...t.services().deps, db: faulty.db },
        ownerUserId: migrant.userId,
        purpose: 'certificate_document',
        bytes: phoneJpeg(),
      }),
    ).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect([...t.files.objects.keys()].filter((k) => !keysBefore.has(k))).toEqual([]);
  });

  it('deletes objects no row names once they are a day old, walking the bucket a page at a time', async () => {
    const start = clock.now();
    const migrant = await newMigrant(t, db);
    await storeFile({
      deps: t.services().deps,
      ownerUserId: migrant.userId,
      purpose: 'certificate_document',
      bytes: phoneJpeg(),
    });
    // Debris of an upload whose row and take-back both failed: objects with no stored_files row.
    const stray = ['files/debris/a', 'files/debris/b', 'files/debris/c'];
    for (const key of stray) await t.files.put(key, new Uint8Array([1, 2, 3]));
    const before = [...t.files.objects.keys()];
    const deps = () => t.services().deps;
    try {
      clock.set(new Date(start.getTime() + 23 * 3600_000));
      const young = await purgeStrayObjects({ deps: deps() });
      expect(young.strayObjects).toBe(0);
      for (const key of stray) expect(t.files.objects.has(key)).toBe(true);

      clock.set(new Date(start.getTime() + 25 * 3600_000));
      // Two keys per page, one page per run: the walk keeps its place in the cursor object between runs.
      let runs = 0;
      let removed = 0;
      for (;;) {
        runs += 1;
        const r = await purgeStrayObjects({ deps: deps(), pagesPerRun: 1, pageSize: 2 });
        removed += r.strayObjects;
        if (r.walkFinished) break;
        expect(t.files.objects.has(STRAY_SWEEP_CURSOR_KEY)).toBe(true);
        expect(runs).toBeLessThan(10_000);
      }
      expect(runs).toBeGreaterThan(1);
      expect(removed).toBeGreaterThanOrEqual(stray.length);
      for (const key of stray) expect(t.files.objects.has(key)).toBe(false);
      // Every object a row still names is there (rows are only ever deleted meanwhile — other files'
      // purges run on the same database — so a row there now was there during the walk); the walk left
      // no cursor behind.
      const rowKeys = new Set(
        (await db.select({ key: storedFiles.objectKey }).from(storedFiles)).map((r) => r.key),
      );
      const named = before.filter((k) => rowKeys.has(k));
      expect(named.length).toBeGreaterThan(0);
      for (const key of named) expect(t.files.objects.has(key), key).toBe(true);
      expect(t.files.objects.has(STRAY_SWEEP_CURSOR_KEY)).toBe(false);
    } finally {
      clock.set(start);
    }
  });
});
