// A returned application whose village the applicant corrects on resubmission is re-routed visibly:
// the history says where it went (to the applicant and the reviewers), the audit log records it, and
// an owner who does not cover the new village lets it go to that village's reviewers — never stranded.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { auditLog, certificateApplications } from '../../../db/schema';
import { createTestApp, type TestApp } from '../../harness/app';
import { returnToApplicant, submit, submittedApplication, villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

const REVIEWER_EAST = 900002; // 王审核: 东山村, 西山村
const REVIEWER_SOUTH = 900006; // 周审核: 南湖社区, 北苑社区, 河西村

interface History {
  history: { type: string; by: string; details: Record<string, unknown> }[];
}

beforeAll(async () => {
  t = await createTestApp({ clock });
});

/** The applicant changes the village of their returned application (and nothing else). */
async function moveTo(telegramId: number, id: string, village: string) {
  const view = (await (
    await t.call('GET', `/api/certificates/applications/${id}`, { as: telegramId })
  ).json()) as {
    form: unknown;
    version: number;
  };
  const res = await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
    as: telegramId,
    body: { form: view.form, villageId: await villageId(db, village), version: view.version },
  });
  expect(res.status).toBe(200);
}

describe('a village change on resubmission', () => {
  it('releases an owner who does not cover the new village to its reviewers, visibly and audited', async () => {
    const app = await submittedApplication(t, db, 'dongshan', REVIEWER_EAST);
    await returnToApplicant(t, REVIEWER_EAST, app.id);
    await moveTo(app.telegramId, app.id, 'nanhu');
    const sentBefore = t.jobs.sent.length;

    expect(await submit(t, app.telegramId, app.id)).toMatchObject({ status: 'submitted' });
    const [row] = await db
      .select({ owner: certificateApplications.ownerOfficerId, status: certificateApplications.status })
      .from(certificateApplications)
      .where(eq(certificateApplications.id, app.id));
    expect(row).toEqual({ owner: null, status: 'submitted' });

    // The applicant reads where it went.
    const own = (await (
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId })
    ).json()) as History;
    expect(own.history.find((e) => e.type === 'rerouted')).toMatchObject({
      by: 'applicant',
      details: { fromVillageName: '东山村', toVillageName: '南湖社区', ownerReleased: true },
    });

    // The old owner may no longer act; a reviewer of the new village sees it, takes it up and owns it.
    expect((await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_EAST })).status).toBe(
      403,
    );
    const queue = (await (
      await t.call('GET', '/api/review/applications', { as: REVIEWER_SOUTH })
    ).json()) as {
      items: { id: string }[];
    };
    expect(queue.items.map((i) => i.id)).toContain(app.id);
    await t.call('POST', `/api/review/applications/${app.id}/claim`, { as: REVIEWER_SOUTH });
    const opened = (await (
      await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_SOUTH })
    ).json()) as History & { status: string; owner: { displayName: string }; can: { decide: boolean } };
    expect(opened).toMatchObject({
      status: 'in_review',
      owner: { displayName: '周审核' },
      can: { decide: true },
    });
    expect(opened.history.map((e) => e.type)).toEqual([
      'created',
      'submitted',
      'claimed',
      'returned',
      'rerouted',
      'resubmitted',
      'claimed',
    ]);

    const audit = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, app.id), eq(auditLog.action, 'certificate_application.reroute')));
    expect(audit).toEqual([
      {
        details: expect.objectContaining({
          fromVillageId: await villageId(db, 'dongshan'),
          toVillageId: await villageId(db, 'nanhu'),
        }),
      },
    ]);
    // The released officer is told it left their hands, not asked to look at the resubmission.
    const keys = t.jobs.sent.slice(sentBefore).map((j) => ('messageKey' in j ? j.messageKey : j.type));
    expect(keys).toContain('certificates:notify.officerRerouted');
    expect(keys).not.toContain('certificates:notify.officerResubmitted');
  });

  it('keeps the owner who also covers the new village, and still records the move', async () => {
    const app = await submittedApplication(t, db, 'dongshan', REVIEWER_EAST);
    await returnToApplicant(t, REVIEWER_EAST, app.id);
    await moveTo(app.telegramId, app.id, 'xishan');

    expect(await submit(t, app.telegramId, app.id)).toMatchObject({ status: 'in_review' });
    const view = (await (
      await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_EAST })
    ).json()) as History & { owner: { displayName: string }; can: { decide: boolean } };
    expect(view).toMatchObject({ owner: { displayName: '王审核' }, can: { decide: true } });
    expect(view.history.find((e) => e.type === 'rerouted')?.details).toMatchObject({
      fromVillageName: '东山村',
      toVillageName: '西山村',
      ownerReleased: false,
    });
  });

  it('records no move when the village stays the same', async () => {
    const app = await submittedApplication(t, db, 'dongshan', REVIEWER_EAST);
    await returnToApplicant(t, REVIEWER_EAST, app.id);
    expect(await submit(t, app.telegramId, app.id)).toMatchObject({ status: 'in_review' });
    const own = (await (
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId })
    ).json()) as History;
    expect(own.history.map((e) => e.type)).not.toContain('rerouted');
  });
});
