// The reviewer's search: by name, by the last digits of an ID number and by certificate serial, only
// ever within the reviewer's villages; the term never lands in the audit log.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { auditLog, certificateApplications, users } from '../../../db/schema';
import { residentId, validForm } from '../../fixtures/certificates';
import { createTestApp, type TestApp } from '../../harness/app';
import { villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';
import { issueTestCertificate } from '../../harness/issued-certificate';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

const REVIEWER_EAST = 900002; // 东山村, 西山村
const REVIEWER_SOUTH = 900006; // 南湖社区, 北苑社区, 河西村
const ADMIN = 900001;

const stamp = Date.now() % 100_000;
const created: string[] = [];
const createdUsers: string[] = [];

/** An application submitted in `village` by a fresh person, written straight to the table. */
async function submitted(village: string, name: string, serial: number) {
  const [u] = await db
    .insert(users)
    .values({ telegramId: 780_000_000 + stamp * 10 + created.length, displayName: 'x' })
    .returning({ id: users.id });
  createdUsers.push(u!.id);
  const form = validForm({ name });
  form.applicant.idNumber = residentId('1994-03-15', 'female', serial);
  const [a] = await db
    .insert(certificateApplications)
    .values({
      applicantUserId: u!.id,
      villageId: await villageId(db, village),
      status: 'submitted',
      form,
      submittedAt: clock.now(),
      deadlineAt: new Date('2026-12-02T10:00:00Z'),
      submissionCount: 1,
    })
    .returning({ id: certificateApplications.id });
  created.push(a!.id);
  return { id: a!.id, idNumber: form.applicant.idNumber };
}

async function search(as: number, q: string, extra: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/review/applications/search', { as, body: { q, ...extra } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    kind: string;
    total: number;
    items: { id: string; applicantName: string }[];
  };
}

let east: Awaited<ReturnType<typeof submitted>>;
let south: Awaited<ReturnType<typeof submitted>>;
const NAME = `欧阳搜${String.fromCharCode(0x4e00 + (stamp % 500))}`;

beforeAll(async () => {
  t = await createTestApp({ clock });
  // The same name and ID tail in a village of each reviewer: each must find only their own.
  east = await submitted('dongshan', NAME, 700 + (stamp % 200));
  south = await submitted('nanhu', NAME, 700 + (stamp % 200));
});

afterAll(async () => {
  await db.delete(certificateApplications).where(inArray(certificateApplications.id, created));
  await db.delete(users).where(inArray(users.id, createdUsers));
});

describe('searching the review queue', () => {
  it('finds applications by part of the name, only in the reviewer’s villages', async () => {
    const found = await search(REVIEWER_EAST, NAME.slice(1));
    expect(found.kind).toBe('name');
    expect(found.items.map((i) => i.id)).toEqual([east.id]);
    const other = await search(REVIEWER_SOUTH, NAME);
    expect(other.items.map((i) => i.id)).toEqual([south.id]);
    const admin = await search(ADMIN, NAME);
    expect(admin.items.map((i) => i.id).sort()).toEqual([east.id, south.id].sort());
  });

  it('finds applications by the last 4 or 6 characters of the ID number, in scope only', async () => {
    const tail4 = east.idNumber.slice(-4);
    const byFour = await search(REVIEWER_EAST, tail4);
    expect(byFour.kind).toBe('id_tail');
    expect(byFour.items.map((i) => i.id)).toContain(east.id);
    expect(byFour.items.map((i) => i.id)).not.toContain(south.id);
    const bySix = await search(REVIEWER_EAST, east.idNumber.slice(-6).toLowerCase());
    expect(bySix.items.map((i) => i.id)).toContain(east.id);
    const wrong = await search(REVIEWER_EAST, `9${east.idNumber.slice(-5, -1)}${east.idNumber.slice(-1)}`);
    expect(wrong.items.map((i) => i.id)).not.toContain(east.id);
  });

  it('reads the ID tail through its index, not by scanning every form', async () => {
    // One transaction, so the setting applies to the connection that plans the query.
    const plan = await db.transaction(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      return tx.execute(
        `explain select id from certificate_applications where right(upper(form #>> '{applicant,idNumber}'), 4) = '1234'`,
      );
    });
    expect(JSON.stringify(plan)).toContain('cert_app_id_tail_idx');
  });

  it('finds an issued certificate by its serial, and nothing outside the reviewer’s villages', async () => {
    const issued = await issueTestCertificate(t, db);
    const found = await search(REVIEWER_EAST, issued.serial.toLowerCase());
    expect(found.kind).toBe('serial');
    expect(found.items.map((i) => i.id)).toEqual([issued.applicationId]);
    expect((await search(REVIEWER_SOUTH, issued.serial)).items).toEqual([]);
  });

  it('keeps the filters on screen (village, mine) within the search', async () => {
    const west = await villageId(db, 'xishan');
    expect((await search(REVIEWER_EAST, NAME, { villageId: west })).items).toEqual([]);
    expect((await search(REVIEWER_EAST, NAME, { mine: 'true' })).items).toEqual([]);
  });

  it('records that a search was made, of which kind, but never the term', async () => {
    await search(REVIEWER_EAST, NAME);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certificate_application.search')));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(NAME);
    for (const row of rows) expect(Object.keys(row.details ?? {}).sort()).toEqual(['found', 'kind']);
  });

  it('refuses residents and people without the review role', async () => {
    const res = await t.call('POST', '/api/review/applications/search', { as: 900101, body: { q: NAME } });
    expect(res.status).toBe(403);
    const publicity = await t.call('POST', '/api/review/applications/search', {
      as: 900003,
      body: { q: NAME },
    });
    expect(publicity.status).toBe(403);
  });

  it('refuses an empty or overlong term with a 400', async () => {
    for (const q of ['', ' ', 'x'.repeat(41)]) {
      const res = await t.call('POST', '/api/review/applications/search', { as: REVIEWER_EAST, body: { q } });
      expect(res.status).toBe(400);
    }
  });
});
