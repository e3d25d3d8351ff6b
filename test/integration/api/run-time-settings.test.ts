// Run-time settings of tip-offs and the service file on real Postgres with a fake clock: a value the
// admin changes takes effect on the next request or cron run — tip deadlines (on the run-time holiday
// calendar), the reward threshold and claim window, closed-tip retention, the service file's review
// deadline, report retention and reminder days — and every change is audited. Each change runs in a
// transaction that is rolled back, so the township-wide settings other test files read never move.
import { and, desc, eq, inArray, TransactionRollbackError } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth/actor';
import type { CoreDeps } from '../../../core/deps';
import { fixedClock } from '../../../core/runtime';
import { planReminders } from '../../../core/service-file/plan-reminders';
import { purgeServiceReports } from '../../../core/service-file/purge-service-reports';
import { submitItemUpload } from '../../../core/service-file/submit-item-upload';
import { updateSettings } from '../../../core/settings/update-settings';
import { approveReward } from '../../../core/tipoffs/approve-reward';
import { purgeClosedTips } from '../../../core/tipoffs/purge-closed-tips';
import { submitTip } from '../../../core/tipoffs/submit-tip';
import type { TSubmitTip } from '../../../core/tipoffs/tipoff-schema';
import { loadActorById } from '../../../core/users/load-actor-by-id';
import type { Db } from '../../../db/client';
import {
  auditLog,
  serviceItems,
  serviceReminders,
  serviceSubmissions,
  tipRewards,
  tips,
  users,
  villages,
} from '../../../db/schema';
import { pngWithText } from '../../fixtures/certificates';
import { createTestApp, type ErrorBody, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import { aTip } from '../../harness/tip-flow';

const db = useTestDb();
const tipInput = () => aTip() as TSubmitTip;
const ADMIN = 900001;
const HANDLER = 900004;
const FINANCE = 900005;
const REVIEWER_EAST = 900002;

/** Monday 3 March 2031, 10:00 in Shanghai: a year no other test counts deadlines in. */
const MONDAY = '2031-03-03T02:00:00Z';
const DAY_MS = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock(MONDAY), env: UNTHROTTLED_ENV });
});

async function actorOf(telegramId: number): Promise<Actor> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return (await loadActorById({ deps: t.services().deps, userId: u!.id }))!;
}

/**
 * Runs `scenario` in a transaction that is rolled back. `request(at)` builds the deps of a new
 * request (or cron run) at that instant on the transaction; `change` stores settings as the admin.
 */
async function rolledBack(
  scenario: (h: {
    request: (at?: string | Date) => CoreDeps;
    change: (input: Record<string, unknown>) => Promise<void>;
  }) => Promise<void>,
) {
  const admin = await actorOf(ADMIN);
  let failure: unknown;
  await db
    .transaction(async (tx) => {
      const request = (at: string | Date = MONDAY) => ({
        ...t.services().deps,
        db: tx as unknown as Db,
        clock: fixedClock(typeof at === 'string' ? at : at.toISOString()),
      });
      const change = (input: Record<string, unknown>) =>
        updateSettings({ deps: request(), actor: admin, input });
      try {
        await scenario({ request, change });
      } catch (e) {
        failure = e;
      }
      tx.rollback();
    })
    .catch((e: Error) => {
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
  if (failure) throw failure;
}

async function tipRow(deps: CoreDeps, number: number) {
  const [row] = await deps.db.select().from(tips).where(eq(tips.number, number)).orderBy(desc(tips.day));
  return row!;
}

describe('tip-off settings', () => {
  it('gives a tip received after a change the new deadlines, counted on the run-time holiday calendar, and audits the change', async () => {
    await rolledBack(async ({ request, change }) => {
      const before = await submitTip({ deps: request(), channel: 'web', input: tipInput() });
      // Default: acknowledge within 2 working days — Wednesday 5 March.
      expect((await tipRow(request(), before.number)).ackDueAt.toISOString()).toBe(
        '2031-03-05T15:59:59.999Z',
      );

      await change({
        tipAckWorkingDays: 3,
        tipTriageWorkingDays: 6,
        calendar: { holidays: ['2031-03-05'], workdays: [], completeYears: [2031] },
      });
      const after = await submitTip({ deps: request(), channel: 'web', input: tipInput() });
      const row = await tipRow(request(), after.number);
      // 3 working days, Wednesday 5 March off: Tuesday, Thursday, Friday 7 March.
      expect(row.ackDueAt.toISOString()).toBe('2031-03-07T15:59:59.999Z');
      // 6: … Monday 10, Tuesday 11, Wednesday 12 March.
      expect(row.triageDueAt.toISOString()).toBe('2031-03-12T15:59:59.999Z');
      // The tip received before keeps the deadlines it was given.
      expect((await tipRow(request(), before.number)).ackDueAt.toISOString()).toBe(
        '2031-03-05T15:59:59.999Z',
      );

      const [entry] = await request()
        .db.select({ details: auditLog.details })
        .from(auditLog)
        .where(eq(auditLog.action, 'settings.update'))
        .orderBy(desc(auditLog.id))
        .limit(1);
      expect(entry?.details).toMatchObject({
        tipAckWorkingDays: 3,
        tipTriageWorkingDays: 6,
        calendar: 'changed',
      });
    });
  });

  it('applies a lowered second-approval threshold and a new claim window from the next approval', async () => {
    // Actors are read before the transaction opens: on PGlite (one connection) a read beside the open
    // transaction would wait for it forever.
    const handler = await actorOf(HANDLER);
    const finance = await actorOf(FINANCE);
    const admin = await actorOf(ADMIN);
    await rolledBack(async ({ request, change }) => {
      const propose = async () => {
        const tip = await submitTip({ deps: request(), channel: 'web', input: tipInput() });
        const row = await tipRow(request(), tip.number);
        const [reward] = await request()
          .db.insert(tipRewards)
          .values({
            tipId: row.id,
            matterTipId: row.matterTipId,
            amountYuan: 3000,
            status: 'proposed',
            proposedBy: handler.userId,
            proposedAt: new Date(MONDAY),
          })
          .returning({ id: tipRewards.id });
        return reward!.id;
      };
      const first = await approveReward({ deps: request(), actor: finance, rewardId: await propose() });
      // ¥3,000 is under the default ¥5,000: approved at once, claimable for 30 working days.
      expect(first).toMatchObject({
        status: 'approved',
        needsSecondApproval: false,
        approvedByName: '刘财务',
      });

      await change({ tipSecondApprovalYuan: 2000, tipClaimWorkingDays: 5 });
      const second = await approveReward({ deps: request(), actor: finance, rewardId: await propose() });
      expect(second).toMatchObject({
        status: 'awaiting_second',
        needsSecondApproval: true,
        proposedByName: '赵受理',
        approvedByName: '刘财务',
      });
      // Who may confirm: never the proposer or the first approver; an admin may.
      expect(second.canApproveNames).toContain('李管理');
      expect(second.canApproveNames).not.toContain('刘财务');
      expect(second.canApproveNames).not.toContain('赵受理');

      const confirmed = await approveReward({
        deps: request(),
        actor: admin,
        rewardId: second.id,
      });
      expect(confirmed).toMatchObject({
        status: 'approved',
        secondApprovedByName: '李管理',
        canApproveNames: [],
      });
      // 5 working days from Monday 3 March: Monday 10 March, 23:59 Shanghai.
      expect(confirmed.claimDeadline).toBe('2031-03-10T15:59:59.999Z');
    });
  });

  it('purges a closed tip’s content on the next cron run after the retention is shortened', async () => {
    await rolledBack(async ({ request, change }) => {
      const tip = await submitTip({ deps: request(), channel: 'web', input: tipInput() });
      const closedAt = new Date(Date.parse(MONDAY) - 100 * DAY_MS);
      await request().db.update(tips).set({ status: 'closed', closedAt }).where(eq(tips.number, tip.number));
      const purgeAll = async () => {
        while ((await purgeClosedTips({ deps: request() })).tipsPurged > 0);
      };
      await purgeAll();
      // Closed 100 days ago, kept 180 by default.
      expect((await tipRow(request(), tip.number)).contentPurgedAt).toBeNull();
      await change({ tipRetentionDays: 60 });
      await purgeAll();
      expect((await tipRow(request(), tip.number)).contentPurgedAt).not.toBeNull();
    });
  });

  it('refuses deadlines out of order and values out of range, naming the field', async () => {
    const res = await t.call('PUT', '/api/admin/settings', {
      as: ADMIN,
      body: { tipAckWorkingDays: 10, tipTriageWorkingDays: 5 },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.fields?.map((f) => f.path)).toEqual([
      'tipTriageWorkingDays',
    ]);
    const range = await t.call('PUT', '/api/admin/settings', {
      as: ADMIN,
      body: { tipSecondApprovalYuan: 0, serviceFileReminderOffsets: { before: [400], after: [] } },
    });
    expect(range.status).toBe(400);
    const paths = ((await range.json()) as ErrorBody).error.fields?.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['tipSecondApprovalYuan', 'serviceFileReminderOffsets.before.0']),
    );
    const shown = (await (await t.call('GET', '/api/admin/settings', { as: ADMIN })).json()) as {
      defaults: Record<string, unknown>;
    };
    expect(shown.defaults).toMatchObject({
      tipAckWorkingDays: 2,
      tipSecondApprovalYuan: 5000,
      serviceFileReportRetentionDays: 90,
      serviceFileReminderOffsets: { before: [14, 3], after: [7, 30] },
    });
  });
});

describe('service-file settings', () => {
  /** A person of 东山村 who moved away (file opened on MONDAY), through the API. */
  async function migrant() {
    const telegramId = 820_000_000 + (Date.now() % 1_000_000) * 10 + Math.floor(Math.random() * 10);
    const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
    expect((await t.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } })).status).toBe(
      200,
    );
    expect((await t.call('POST', '/api/service-file/departure', { as: telegramId })).status).toBe(200);
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
    return { telegramId, userId: u!.id };
  }
  const proof = () => pngWithText() as Uint8Array<ArrayBuffer>;

  it('gives a submission after a change the new review deadline on the run-time calendar', async () => {
    const p = await migrant();
    const person = await loadActorById({ deps: t.services().deps, userId: p.userId });
    await rolledBack(async ({ request, change }) => {
      await change({
        serviceFileReviewWorkingDays: 4,
        calendar: { holidays: ['2031-03-05'], workdays: [], completeYears: [2031] },
      });
      await submitItemUpload({
        deps: request(),
        actor: person!,
        kind: 'residence_proof',
        form: { label: '居住证' },
        bytes: proof(),
        fileName: 'proof.png',
      });
      const [item] = await request()
        .db.select({ deadlineAt: serviceItems.deadlineAt })
        .from(serviceItems)
        .where(and(eq(serviceItems.userId, p.userId), eq(serviceItems.kind, 'residence_proof')));
      // 4 working days, Wednesday 5 March off: Tuesday, Thursday, Friday, Monday 10 March.
      expect(item?.deadlineAt?.toISOString()).toBe('2031-03-10T15:59:59.999Z');
    });
  });

  it('deletes a verified proof file on the next cron run once the report retention is shortened', async () => {
    const p = await migrant();
    const form = new FormData();
    form.set('file', new File([proof()], 'proof.png'));
    const up = await t.call('POST', '/api/service-file/items/residence_proof/upload', {
      as: p.telegramId,
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const [item] = await db
      .select({ id: serviceItems.id, submissionId: serviceItems.currentSubmissionId })
      .from(serviceItems)
      .where(and(eq(serviceItems.userId, p.userId), eq(serviceItems.kind, 'residence_proof')));
    for (const step of ['claim', 'verify'])
      expect(
        (await t.call('POST', `/api/review/service-file/items/${item!.id}/${step}`, { as: REVIEWER_EAST }))
          .status,
      ).toBe(200);
    const fortyDaysOn = new Date(Date.parse(MONDAY) + 40 * DAY_MS);
    await rolledBack(async ({ request, change }) => {
      const fileOf = async () => {
        const [s] = await request()
          .db.select({ fileId: serviceSubmissions.fileId })
          .from(serviceSubmissions)
          .where(eq(serviceSubmissions.id, item!.submissionId!));
        return s?.fileId;
      };
      const purgeAll = async () => {
        while ((await purgeServiceReports({ deps: request(fortyDaysOn) })).reportsDeleted > 0);
      };
      await purgeAll();
      expect(await fileOf()).not.toBeNull();
      await change({ serviceFileReportRetentionDays: 30 });
      await purgeAll();
      expect(await fileOf()).toBeNull();
    });
  });

  it('reminds on the new days from the next planner run after the reminder offsets change', async () => {
    const p = await migrant();
    // The items are due 30 days after MONDAY; ten days on, the first default stage (14 before) is not due.
    const tenDaysOn = new Date(Date.parse(MONDAY) + 10 * DAY_MS);
    await rolledBack(async ({ request, change }) => {
      const planned = async () =>
        request()
          .db.select({ items: serviceReminders.items })
          .from(serviceReminders)
          .where(and(eq(serviceReminders.userId, p.userId), inArray(serviceReminders.status, ['planned'])));
      await planReminders({ deps: request(tenDaysOn) });
      expect(await planned()).toEqual([]);
      await change({ serviceFileReminderOffsets: { before: [21, 3], after: [7] } });
      await planReminders({ deps: request(tenDaysOn) });
      const [reminder] = await planned();
      expect(reminder?.items.map((i) => i.stage)).toContain('before_21');
    });
  });
});
