// The reviewing officer's search of service files: by part of a name (any case, Chinese too), by the
// last digits of an ID number or of the contact phone, only in the officer's villages, at most 20
// people with "refine" beyond, a minimum length refused in the officer's language, audited without
// the term.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { fixedClock } from '../../../core/runtime';
import { PERSON_SEARCH_LIMIT } from '../../../core/service-file/service-file-schema';
import { auditLog, certificateApplications, serviceFiles, users } from '../../../db/schema';
import { residentId, validForm } from '../../fixtures/certificates';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Monday 30 November 2026, 10:00 in Shanghai.
const clock = fixedClock('2026-11-30T02:00:00Z');
let t: TestApp;
const REVIEWER_EAST = 900002; // 东山村, 西山村
const REVIEWER_SOUTH = 900006; // 南湖社区, 北苑社区, 河西村
const ADMIN = 900001;
const RESIDENT = 900101;

const stamp = Date.now() % 100_000;
let seq = 0;
const bulkUsers: string[] = [];
const applications: string[] = [];

interface Person {
  telegramId: number;
  userId: string;
}
/** A person of `village` who registered as leaving and did nothing else; named `name`. */
async function migrant(village: string, name: string): Promise<Person> {
  seq += 1;
  const telegramId = 830_000_000 + stamp * 100 + seq;
  const res = await t.call('PATCH', '/api/me', {
    as: telegramId,
    body: { villageId: await villageId(db, village) },
  });
  expect(res.status).toBe(200);
  expect((await t.call('POST', '/api/service-file/departure', { as: telegramId })).status).toBe(200);
  const [u] = await db
    .update(users)
    .set({ displayName: name })
    .where(eq(users.telegramId, telegramId))
    .returning({ id: users.id });
  return { telegramId, userId: u!.id };
}

/** A submitted certificate application of the person: how the system knows their ID number. */
async function applicationWithId(p: Person, village: string, idNumber: string) {
  const form = validForm();
  form.applicant.idNumber = idNumber;
  const [a] = await db
    .insert(certificateApplications)
    .values({
      applicantUserId: p.userId,
      villageId: await villageId(db, village),
      status: 'submitted',
      form,
      submittedAt: clock.now(),
      deadlineAt: new Date('2026-12-03T10:00:00Z'),
      submissionCount: 1,
    })
    .returning({ id: certificateApplications.id });
  applications.push(a!.id);
}

interface Found {
  kind: string;
  more: boolean;
  people: {
    userId: string;
    displayName: string;
    villageName: string | null;
    status: string;
    met: number;
    items: number;
    overdue: number;
  }[];
}
async function search(as: number, q: string) {
  const res = await t.call('POST', '/api/review/service-file/people/search', { as, body: { q } });
  expect(res.status).toBe(200);
  return (await res.json()) as Found;
}
const ids = (f: Found) => f.people.map((p) => p.userId);

// A name unique to this run: a rare surname and two characters that spell the stamp.
const NAME = `慕容档${String.fromCharCode(0x4e00 + (stamp % 400))}${String.fromCharCode(0x5000 + Math.floor(stamp / 400))}`;
const LATIN = `Quinn Searchwell${stamp}`;
const ID_NUMBER = residentId('1988-08-08', 'female', 300 + (stamp % 300));
const PHONE = `139${String(stamp).padStart(5, '0')}${String(seq + 100 + (stamp % 800)).padStart(3, '0')}`;
let east: Person;
let south: Person;
let latin: Person;
let phoned: Person;
let containing: Person;

beforeAll(async () => {
  t = await createTestApp({ clock });
  // The same name and ID number in a village of each reviewer: each must find only their own.
  east = await migrant('dongshan', NAME);
  south = await migrant('nanhu', NAME);
  await applicationWithId(east, 'dongshan', ID_NUMBER);
  await applicationWithId(south, 'nanhu', ID_NUMBER);
  latin = await migrant('dongshan', LATIN);
  containing = await migrant('dongshan', `前${NAME}`);
  phoned = await migrant('dongshan', `话机${stamp}`);
  const confirmed = await t.call('POST', '/api/service-file/contact', {
    as: phoned.telegramId,
    body: { phone: PHONE },
  });
  expect(confirmed.status).toBe(200);
});

afterAll(async () => {
  await db.delete(certificateApplications).where(inArray(certificateApplications.id, applications));
  if (bulkUsers.length) {
    await db.delete(serviceFiles).where(inArray(serviceFiles.userId, bulkUsers));
    await db.delete(users).where(inArray(users.id, bulkUsers));
  }
});

describe("searching service files (a person's file without anything in the queue)", () => {
  it('finds a file by part of a Chinese name, with village, status, items met and overdue', async () => {
    const found = await search(REVIEWER_EAST, NAME.slice(2));
    expect(found.kind).toBe('name');
    expect(found.more).toBe(false);
    expect(ids(found).sort()).toEqual([east.userId, containing.userId].sort());
    expect(found.people.find((p) => p.userId === east.userId)).toEqual({
      userId: east.userId,
      displayName: NAME,
      villageId: await villageId(db, 'dongshan'),
      villageName: '东山村',
      status: 'active',
      // Only the personal file is met at registration; nothing is due for 30 days.
      met: 1,
      items: 8,
      overdue: 0,
    });
    // Names starting with the term come first, then names containing it.
    expect(ids(await search(REVIEWER_EAST, NAME))).toEqual([east.userId, containing.userId]);
  });

  it('ignores case in Latin names', async () => {
    expect(ids(await search(REVIEWER_EAST, LATIN.toLowerCase()))).toEqual([latin.userId]);
    expect(ids(await search(REVIEWER_EAST, `SEARCHWELL${stamp}`))).toEqual([latin.userId]);
  });

  it('counts overdue items once their due date has passed', async () => {
    const later = await createTestApp({ clock: fixedClock('2027-01-15T02:00:00Z') });
    const res = await later.call('POST', '/api/review/service-file/people/search', {
      as: REVIEWER_EAST,
      body: { q: LATIN },
    });
    const [person] = ((await res.json()) as Found).people;
    // Due 2026-12-30, unmet: training, check-up, certificate, agreement, contact, proof, livelihood.
    expect(person).toMatchObject({ userId: latin.userId, met: 1, overdue: 7 });
  });

  it('finds a file by the last 4 or 6 characters of the ID number from a certificate application', async () => {
    const byFour = await search(REVIEWER_EAST, ID_NUMBER.slice(-4));
    expect(byFour.kind).toBe('tail');
    expect(ids(byFour)).toContain(east.userId);
    expect(ids(await search(REVIEWER_EAST, ID_NUMBER.slice(-6)))).toContain(east.userId);
    expect(ids(await search(REVIEWER_EAST, ID_NUMBER.slice(-6)))).not.toContain(south.userId);
  });

  it('finds a file by the last digits of the confirmed contact phone', async () => {
    expect(ids(await search(REVIEWER_EAST, PHONE.slice(-6)))).toEqual([phoned.userId]);
    expect(ids(await search(REVIEWER_EAST, PHONE.slice(-4)))).toContain(phoned.userId);
  });

  it('never lists people of villages outside the officer’s scope', async () => {
    expect(ids(await search(REVIEWER_SOUTH, NAME))).toEqual([south.userId]);
    expect(ids(await search(REVIEWER_SOUTH, ID_NUMBER.slice(-6)))).not.toContain(east.userId);
    expect(ids(await search(REVIEWER_SOUTH, ID_NUMBER.slice(-6)))).toContain(south.userId);
    expect(ids(await search(REVIEWER_SOUTH, PHONE.slice(-6)))).toEqual([]);
    expect(ids(await search(REVIEWER_SOUTH, LATIN))).toEqual([]);
    // The township's admin sees every village.
    expect(ids(await search(ADMIN, NAME)).sort()).toEqual(
      [east.userId, containing.userId, south.userId].sort(),
    );
  });

  it('refuses a resident with 403', async () => {
    const res = await t.call('POST', '/api/review/service-file/people/search', {
      as: RESIDENT,
      body: { q: NAME },
    });
    expect(res.status).toBe(403);
  });

  it('refuses a one-character term with a localized message', async () => {
    const res = await t.call('POST', '/api/review/service-file/people/search', {
      as: REVIEWER_EAST,
      body: { q: ` ${NAME.slice(0, 1)} ` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toEqual([
      { path: 'q', message: translator('zh-CN', 'serviceFile')('validation.searchTooShort') },
    ]);
    for (const lng of ['zh-CN', 'zh-TW', 'en'] as const)
      expect(translator(lng, 'serviceFile')('validation.searchTooShort')).not.toContain('validation.');
  });

  it('lists at most 20 people and asks to refine beyond', async () => {
    const dongshan = await villageId(db, 'dongshan');
    const base = `${NAME}多`;
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: PERSON_SEARCH_LIMIT + 1 }, (_, i) => ({
          telegramId: 840_000_000 + stamp * 100 + i,
          displayName: `${base}${String(i).padStart(2, '0')}`,
          villageId: dongshan,
          populationStatus: 'moved_away' as const,
        })),
      )
      .returning({ id: users.id });
    bulkUsers.push(...rows.map((r) => r.id));
    const now = clock.now();
    await db.insert(serviceFiles).values(
      rows.map((r) => ({
        userId: r.id,
        villageId: dongshan,
        departedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const found = await search(REVIEWER_EAST, base);
    expect(found.more).toBe(true);
    expect(found.people).toHaveLength(PERSON_SEARCH_LIMIT);
    expect(found.people[0]!.displayName).toBe(`${base}00`);
    const exact = await search(REVIEWER_EAST, `${base}20`);
    expect(exact.more).toBe(false);
    expect(exact.people.map((p) => p.displayName)).toEqual([`${base}20`]);
  });

  it('writes each search to the audit log as an officer access, without the term', async () => {
    const before = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service_file.search'), eq(auditLog.recordType, 'service_file')));
    await search(REVIEWER_SOUTH, NAME);
    const after = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service_file.search'), eq(auditLog.recordType, 'service_file')));
    expect(after.length).toBe(before.length + 1);
    const [reviewer] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.telegramId, REVIEWER_SOUTH));
    const row = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(row).toMatchObject({
      actorUserId: reviewer!.id,
      recordId: '*',
      details: { kind: 'name', found: 1, more: false },
    });
    expect(JSON.stringify(row)).not.toContain(NAME);
  });
});
