// The review dashboard's weekly and 90-day figures against a hand-computed fixture: weeks begin on
// Monday in Shanghai (a Sunday 23:00 there is the week before; a Monday 00:00 is the first day of
// its week), the eight-week window's first instant counts and the one before it does not. The clock
// stands in 2031, so only this file's applications fall inside the windows.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { certificateApplications, villages } from '../../../db/schema';
import { json, newRecipients } from '../../fixtures/campaigns';
import { createTestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Wednesday 12 March 2031, 12:00 in Shanghai: this week began Monday 10 March.
const t = await createTestApp({ clock: fixedClock('2031-03-12T04:00:00Z') });
const REVIEWER_EAST = 900002; // 王审核: 东山村, 西山村

interface Dashboard {
  weekly: { week: string; submitted: number; decided: number }[];
  decisions: { windowDays: number; decided: number; late: number; medianHours: number | null };
}

it('counts submissions and decisions per Shanghai week and decisions of the last 90 days', async () => {
  const [dongshan] = await db.select().from(villages).where(eq(villages.code, 'dongshan'));
  const people = await newRecipients(db, dongshan!.id, 5);
  const at = (iso: string) => new Date(iso);
  const rows = [
    // Monday 10 March 01:00 in Shanghai (still Sunday in UTC): this week. Decided in 25 h, on time.
    {
      status: 'issued' as const,
      submittedAt: at('2031-03-09T17:00:00Z'),
      decidedAt: at('2031-03-10T18:00:00Z'),
      deadlineAt: at('2031-03-12T15:59:00Z'),
    },
    // Sunday 9 March 23:00 in Shanghai: the week before. Decided on Monday, after its deadline.
    {
      status: 'rejected' as const,
      submittedAt: at('2031-03-09T15:00:00Z'),
      decidedAt: at('2031-03-10T03:00:00Z'),
      deadlineAt: at('2031-03-10T01:00:00Z'),
    },
    // Monday 20 January 00:00 in Shanghai: the first instant of the eight-week window.
    {
      status: 'submitted' as const,
      submittedAt: at('2031-01-19T16:00:00Z'),
      deadlineAt: at('2031-01-22T15:59:00Z'),
    },
    // A minute earlier: outside the window.
    {
      status: 'submitted' as const,
      submittedAt: at('2031-01-19T15:59:00Z'),
      deadlineAt: at('2031-01-22T15:59:00Z'),
    },
    // Decided 100 days ago: outside the 90-day decisions window and the weeks.
    {
      status: 'issued' as const,
      submittedAt: at('2030-12-01T02:00:00Z'),
      decidedAt: at('2030-12-02T02:00:00Z'),
      deadlineAt: at('2030-12-04T15:59:00Z'),
    },
  ];
  await db.insert(certificateApplications).values(
    rows.map((r, i) => ({
      applicantUserId: people[i]!.id,
      villageId: dongshan!.id,
      submissionCount: 1,
      form: { applicant: { name: `周${i}` } },
      ...r,
    })),
  );

  const res = await t.call('GET', '/api/review/dashboard', { as: REVIEWER_EAST });
  expect(res.status).toBe(200);
  const d = await json<Dashboard>(res);
  expect(d.weekly.map((w) => w.week)).toEqual([
    '2031-01-20',
    '2031-01-27',
    '2031-02-03',
    '2031-02-10',
    '2031-02-17',
    '2031-02-24',
    '2031-03-03',
    '2031-03-10',
  ]);
  const byWeek = Object.fromEntries(d.weekly.map((w) => [w.week, [w.submitted, w.decided]]));
  expect(byWeek).toEqual({
    '2031-01-20': [1, 0],
    '2031-01-27': [0, 0],
    '2031-02-03': [0, 0],
    '2031-02-10': [0, 0],
    '2031-02-17': [0, 0],
    '2031-02-24': [0, 0],
    '2031-03-03': [1, 0],
    '2031-03-10': [1, 2],
  });
  // Two decisions in the window: 25 h and 12 h after submission (median 18.5 h), one of them late.
  expect(d.decisions).toEqual({ windowDays: 90, decided: 2, late: 1, medianHours: 18.5 });
});
