// The review queue's count when a view holds more than 1,000 applications: "超过 1000 件" above the
// latest decisions instead of an exact figure the database would have to count row by row.
// Screenshot in zh-CN.
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { setupE2e } from './harness';

const e2e = setupE2e();
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村

describe('the review queue count', () => {
  it('says "more than 1000" on the decided view once it holds more', async () => {
    const sql = postgres(e2e.stack.databaseUrl, { max: 1, onnotice: () => {} });
    // 1,005 decisions of one person in 西山村 over the last weeks, written straight to the table.
    const [person] = await sql<{ id: string }[]>`
      insert into users (telegram_id, display_name) values (${790_500_000 + (Date.now() % 100_000)}, 'x')
      returning id`;
    await sql`
      insert into certificate_applications
        (applicant_user_id, village_id, status, form, submitted_at, deadline_at, decided_at, submission_count)
      select ${person!.id}, (select id from villages where code = 'xishan'), 'issued',
        jsonb_build_object('applicant', jsonb_build_object('name', '批量办结')),
        now() - g * interval '1 hour' - interval '2 days', now() - g * interval '1 hour' + interval '1 day',
        now() - g * interval '1 hour', 1
      from generate_series(1, 1005) g`;
    try {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
      const page = await e2e.newPage();
      page.setDefaultTimeout(20_000);
      await e2e.loginAs(page, REVIEWER);
      await page.getByRole('link', { name: /工作台/ }).click();
      await page.getByRole('link', { name: /婚育证明审核/ }).click();
      await page.getByRole('heading', { name: '婚育证明审核' }).waitFor();
      await page.getByRole('radio', { name: '已办结' }).check();
      await page.getByText('超过 1000 件').waitFor();
      await e2e.screenshot(page, 'review-queue-more-than-1000');
      expect(e2e.pageErrors(page)).toEqual([]);
    } finally {
      await sql`delete from certificate_applications where applicant_user_id = ${person!.id}`;
      await sql`delete from users where id = ${person!.id}`;
      await sql.end({ timeout: 5 });
    }
  });
});
