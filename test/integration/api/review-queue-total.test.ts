// The review queue's total: exact up to 1,000, then "more than 1,000" — a count that stops after
// 1,001 rows, so the decided view costs the same at a million people as at ten thousand.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_TOTAL_CAP } from '../../../core/certificates/list-review-queue';
import { fixedClock } from '../../../core/runtime';
import { certificateApplications, users } from '../../../db/schema';
import { createTestApp, type TestApp } from '../../harness/app';
import { villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

const REVIEWER_EAST = 900002; // 东山村, 西山村
const stamp = Date.now() % 100_000;
const NAME = `总数测${String.fromCharCode(0x4e00 + (stamp % 500))}${stamp}`;
let applicant: string;

interface Queue {
  total: number;
  totalCapped: boolean;
  items: { id: string }[];
}

/** `n` issued applications of one person in `village`, written straight to the table in one statement. */
async function issued(n: number, village: string, name: string) {
  const v = await villageId(db, village);
  await db.execute(sql`
    insert into certificate_applications
      (applicant_user_id, village_id, status, form, submitted_at, deadline_at, decided_at, submission_count)
    select ${applicant}, ${v}, 'issued', jsonb_build_object('applicant', jsonb_build_object('name', ${name}::text)),
      ${clock.now().toISOString()}::timestamptz - g * interval '1 minute',
      ${clock.now().toISOString()}::timestamptz + interval '3 days',
      ${clock.now().toISOString()}::timestamptz - g * interval '1 minute', 1
    from generate_series(1, ${n}) g`);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const [u] = await db
    .insert(users)
    .values({ telegramId: 790_000_000 + stamp, displayName: 'x' })
    .returning({ id: users.id });
  applicant = u!.id;
  await issued(QUEUE_TOTAL_CAP + 5, 'xishan', 'decided');
  await issued(3, 'dongshan', NAME);
});

afterAll(async () => {
  await db.delete(certificateApplications).where(eq(certificateApplications.applicantUserId, applicant));
  await db.delete(users).where(eq(users.id, applicant));
});

describe('the review queue total', () => {
  it('says "more than 1,000" once a view holds more, and still lists the latest decisions', async () => {
    const xishan = await villageId(db, 'xishan');
    const res = await t.call('GET', `/api/review/applications?view=decided&villageId=${xishan}`, {
      as: REVIEWER_EAST,
    });
    expect(res.status).toBe(200);
    const queue = (await res.json()) as Queue;
    expect(queue.total).toBe(QUEUE_TOTAL_CAP);
    expect(queue.totalCapped).toBe(true);
    expect(queue.items).toHaveLength(50);
  });

  it('is exact below the cap', async () => {
    const res = await t.call('POST', '/api/review/applications/search', {
      as: REVIEWER_EAST,
      body: { q: NAME },
    });
    expect(res.status).toBe(200);
    const found = (await res.json()) as Queue;
    expect(found.total).toBe(3);
    expect(found.totalCapped).toBe(false);
    expect(found.items).toHaveLength(3);
  });
});
