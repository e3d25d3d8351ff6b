// The review dashboard's weekly and 90-day figures against a hand-computed fixture: weeks begin on
// Monday in Shanghai (a Sunday 23:00 there is the week before; a Monday 00:00 is the first day of
// its week), the eight-week window's first instant counts and the one before it does not. The clock
// stands in 2041, so only this file's applications fall inside the windows.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { certificateApplications, villages } from '../../../db/schema';
import { json, newRecipients } from '../../fixtures/campaigns';
import { createTestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Wednesday 6 March 2041, 12:00 in Shanghai: this week began Monday 4 March. Far from
// any other file's data (one of them files applications in 2031).
const t = await createTestApp({ clock: fixedClock('2041-03-06T04:00:00Z') });
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
    // Monday 4 March 01:00 in Shanghai (still Sunday in UTC): this week. Decided in 25 h, on time.
    {
      status: 'issued' as const,
      submittedAt: at('2041-03-03T17:00:00Z'),
      decidedAt: at('2041-03-04T18:00:00Z'),
      deadlineAt: at('2041-03-06T15:59:00Z'),
    },
    // Sunday 3 March 23:00 in Shanghai: the week before. Decided on Monday, after its deadline.
    {
      status: 'rejected' as const,
      submittedAt: at('2041-03-03T15:00:00Z'),
      decidedAt: at('2041-03-04T03:00:00Z'),
      deadlineAt: at('2041-03-04T01:00:00Z'),
    },
    // Monday 14 January 00:00 in Shanghai: the first instant of the eight-week window.
    {
      status: 'submitted' as const,
      submittedAt: at('2041-01-13T16:00:00Z'),
      deadlineAt: at('2041-01-16T15:59:00Z'),
    },
    // A minute earlier: outside the window.
    {
      status: 'submitted' as const,
      submittedAt: at('2041-01-13T15:59:00Z'),
      deadlineAt: at('2041-01-16T15:59:00Z'),
    },
    // Decided 100 days ago: outside the 90-day decisions window and the weeks.
    {
      status: 'issued' as const,
      submittedAt: at('2040-11-25T02:00:00Z'),
      decidedAt: at('2040-11-26T02:00:00Z'),
      deadlineAt: at('2040-11-28T15:59:00Z'),
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
    '2041-01-14',
    '2041-01-21',
    '2041-01-28',
    '2041-02-04',
    '2041-02-11',
    '2041-02-18',
    '2041-02-25',
    '2041-03-04',
  ]);
  const byWeek = Object.fromEntries(d.weekly.map((w) => [w.week, [w.submitted, w.decided]]));
  expect(byWeek).toEqual({
    '2041-01-14': [1, 0],
    '2041-01-21': [0, 0],
    '2041-01-28': [0, 0],
    '2041-02-04': [0, 0],
    '2041-02-11': [0, 0],
    '2041-02-18': [0, 0],
    '2041-02-25': [1, 0],
    '2041-03-04': [1, 2],
  });
  // Two decisions in the window: 25 h and 12 h after submission (median 18.5 h), one of them late.
  expect(d.decisions).toEqual({ windowDays: 90, decided: 2, late: 1, medianHours: 18.5 });
});
