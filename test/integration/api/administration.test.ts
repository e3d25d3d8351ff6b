// Administration through the API: villages (add, rename, code, deactivate — gone from residents'
// pickers and poster links, history kept), officers' roles and scope changed or removed with the
// open work they own (applications, tip-off cases, service-file items under review) handed over first, run-time settings read where the config was, and the audit
// log filtered and exported (the export audited). Only a township-wide admin gets any of it.
import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOfficer } from '../../../core/officers/change-officer';
import { fixedClock } from '../../../core/runtime';
import { loadActorById } from '../../../core/users/load-actor-by-id';
import { VILLAGE_POSTER_TEXT_MAX_CHARS } from '../../../core/villages/village-schema';
import {
  applicationEvents,
  appSettings,
  auditLog,
  certificateApplications,
  officerRoles,
  serviceItemEvents,
  serviceItems,
  tipEvents,
  tips,
  townships,
  users,
} from '../../../db/schema';
import { ADMIN, json, newVillage, nextTelegramId, REVIEWER } from '../../fixtures/campaigns';
import { pngWithText } from '../../fixtures/certificates';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { submittedApplication } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';
import { act, submitWebTip } from '../../harness/tip-flow';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});

const uniqueCode = () => `adm-${crypto.randomUUID().slice(0, 8)}`;

/** A fresh person (first seen by the API) who is an officer with `role` in `villageIds`. */
async function officer(
  role: 'reviewer' | 'admin' | 'publicity' | 'case_handler',
  villageIds: number[] | null,
) {
  const telegramId = nextTelegramId();
  expect((await t.call('GET', '/api/me', { as: telegramId })).status).toBe(200);
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  const [township] = await db.select({ id: townships.id }).from(townships).limit(1);
  await db.insert(officerRoles).values({ userId: u!.id, townshipId: township!.id, role, villageIds });
  return { telegramId, userId: u!.id };
}

describe('villages', () => {
  it('adds a village with a lower-cased code, refuses a code in use, and audits the addition', async () => {
    const code = uniqueCode();
    const res = await t.call('POST', '/api/admin/villages', {
      as: ADMIN,
      body: { name: '新建村', code: code.toUpperCase() },
    });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: number }>(res);
    const list = await json<{ villages: { id: number; code: string; active: boolean }[] }>(
      await t.call('GET', '/api/admin/villages', { as: ADMIN }),
    );
    expect(list.villages.find((v) => v.id === id)).toMatchObject({ code, active: true });
    const again = await t.call('POST', '/api/admin/villages', { as: ADMIN, body: { name: '重复', code } });
    expect(again.status).toBe(400);
    expect((await json<ErrorBody>(again)).error.fields?.[0]).toMatchObject({ path: 'code' });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'village.create'), eq(auditLog.recordId, String(id))));
    expect(entry?.details).toMatchObject({ code });
  });

  it('refuses codes the bot could not read, naming the field', async () => {
    for (const code of ['', 'a b', 'v_x', 'x'.repeat(33), '村']) {
      const res = await t.call('POST', '/api/admin/villages', { as: ADMIN, body: { name: '坏代码', code } });
      expect(res.status, code).toBe(400);
      expect((await json<ErrorBody>(res)).error.fields?.some((f) => f.path === 'code')).toBe(true);
    }
  });

  it('renames and re-codes a village: the poster link follows the new code only', async () => {
    const v = await newVillage(db);
    const code = uniqueCode();
    const res = await t.call('PATCH', `/api/admin/villages/${v.id}`, {
      as: ADMIN,
      body: { name: '改名村', code },
    });
    expect(res.status).toBe(200);
    const bot = botDriver(t);
    const user = { id: nextTelegramId(), first_name: '居民', language_code: 'zh-hans' };
    const old = await bot.send(user, `/start v_${v.code}`);
    expect(old.map((r) => r.text).join('\n')).toContain('没有找到');
    const fresh = await bot.send(user, `/start v_${code}`);
    expect(fresh.map((r) => r.text).join('\n')).toContain('改名村');
  });

  it('keeps a short poster text per village, trimmed, refusing one too long with a localized 400', async () => {
    const v = await newVillage(db);
    const text = '村委会一楼便民窗口，工作日 8:30–17:30';
    const res = await t.call('PATCH', `/api/admin/villages/${v.id}`, {
      as: ADMIN,
      body: { posterText: `  ${text}  ` },
    });
    expect(res.status).toBe(200);
    const list = await json<{ villages: { id: number; posterText: string }[] }>(
      await t.call('GET', '/api/admin/villages', { as: ADMIN }),
    );
    expect(list.villages.find((x) => x.id === v.id)?.posterText).toBe(text);
    const long = await t.call('PATCH', `/api/admin/villages/${v.id}`, {
      as: ADMIN,
      body: { posterText: '长'.repeat(VILLAGE_POSTER_TEXT_MAX_CHARS + 1) },
    });
    expect(long.status).toBe(400);
    const body = await json<{ error: { code: string; fields?: { path: string }[] } }>(long);
    expect(body.error.fields?.map((f) => f.path)).toContain('posterText');
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, String(v.id)), eq(auditLog.action, 'village.update')));
    expect(entry?.details).toMatchObject({ posterTextChanged: true });
  });

  it('deactivates a village: not offered, its poster link unknown, its people keep it', async () => {
    const v = await newVillage(db);
    const resident = nextTelegramId();
    expect((await t.call('PATCH', '/api/me', { as: resident, body: { villageId: v.id } })).status).toBe(200);
    const off = await t.call('PATCH', `/api/admin/villages/${v.id}`, { as: ADMIN, body: { active: false } });
    expect(off.status).toBe(200);

    const offered = await json<{ villages: { id: number }[] }>(
      await t.call('GET', '/api/villages', { as: resident }),
    );
    expect(offered.villages.map((x) => x.id)).not.toContain(v.id);
    const me = await json<{ user: { villageId: number; villageName: string } }>(
      await t.call('GET', '/api/me', { as: resident }),
    );
    expect(me.user.villageId).toBe(v.id);
    const other = nextTelegramId();
    expect((await t.call('PATCH', '/api/me', { as: other, body: { villageId: v.id } })).status).toBe(400);
    const replies = await botDriver(t).send(
      { id: other, first_name: 'x', language_code: 'zh-hans' },
      `/start v_${v.code}`,
    );
    expect(replies.map((r) => r.text).join('\n')).toContain('没有找到');
    const [entry] = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.recordType, 'village'), eq(auditLog.recordId, String(v.id))));
    expect(entry?.action).toBe('village.deactivate');

    expect(
      (await t.call('PATCH', `/api/admin/villages/${v.id}`, { as: ADMIN, body: { active: true } })).status,
    ).toBe(200);
    expect(
      (
        await json<{ villages: { id: number }[] }>(await t.call('GET', '/api/villages', { as: resident }))
      ).villages.map((x) => x.id),
    ).toContain(v.id);
  });

  it('is for township-wide admins only: an admin of some villages and a reviewer are refused', async () => {
    const v = await newVillage(db);
    const scopedAdmin = await officer('admin', [v.id]);
    const res = await t.call('POST', '/api/admin/villages', {
      as: scopedAdmin.telegramId,
      body: { name: '越权村', code: uniqueCode() },
    });
    expect(res.status).toBe(403);
    expect((await json<ErrorBody>(res)).error.code).toBe('out_of_scope');
    expect((await t.call('GET', '/api/admin/officers', { as: scopedAdmin.telegramId })).status).toBe(403);
    expect((await t.call('GET', '/api/admin/villages', { as: REVIEWER })).status).toBe(403);
    const me = await json<{ capabilities: { admin: { allowed: boolean } } }>(
      await t.call('GET', '/api/me', { as: scopedAdmin.telegramId }),
    );
    expect(me.capabilities.admin.allowed).toBe(false);
  });
});

describe('officers', () => {
  it('changes a scope that takes effect on the next request', async () => {
    const east = await newVillage(db);
    const west = await newVillage(db);
    const reviewer = await officer('reviewer', [east.id]);
    const app = await submittedApplication(t, db, east.code);
    const path = `/api/review/applications/${app.id}`;
    expect((await t.call('GET', path, { as: reviewer.telegramId })).status).toBe(200);
    const res = await t.call('PUT', `/api/admin/officers/${reviewer.userId}`, {
      as: ADMIN,
      body: { roles: ['reviewer'], villageIds: [west.id] },
    });
    expect(res.status).toBe(200);
    expect((await t.call('GET', path, { as: reviewer.telegramId })).status).toBe(403);
    const [entry] = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.recordType, 'officer'), eq(auditLog.recordId, reviewer.userId)));
    expect(entry).toMatchObject({ action: 'officer.change', details: { villages: String(west.id) } });
  });

  it('never strands an application: removing its owner asks who takes over, then hands it over', async () => {
    const v = await newVillage(db);
    const owner = await officer('reviewer', [v.id]);
    const successor = await officer('reviewer', [v.id]);
    const app = await submittedApplication(t, db, v.code, owner.telegramId);
    const path = `/api/admin/officers/${owner.userId}`;

    const refused = await t.call('PUT', path, { as: ADMIN, body: { roles: [], villageIds: null } });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.code).toBe('handover_required');
    const listed = await json<{ officers: { userId: string; ownedOpen: number }[] }>(
      await t.call('GET', '/api/admin/officers', { as: ADMIN }),
    );
    expect(listed.officers.find((o) => o.userId === owner.userId)?.ownedOpen).toBe(1);

    // A successor who does not cover the application's village is no successor.
    const outsider = await officer('reviewer', [(await newVillage(db)).id]);
    const wrong = await t.call('PUT', path, {
      as: ADMIN,
      body: { roles: [], villageIds: null, handoverTo: outsider.userId },
    });
    expect(wrong.status).toBe(400);

    const ok = await t.call('PUT', path, {
      as: ADMIN,
      body: { roles: [], villageIds: null, handoverTo: successor.userId },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ handedOver: 1 });
    const [row] = await db
      .select({ owner: certificateApplications.ownerOfficerId })
      .from(certificateApplications)
      .where(eq(certificateApplications.id, app.id));
    expect(row?.owner).toBe(successor.userId);
    const events = await db
      .select({ type: applicationEvents.type })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    expect(events.map((e) => e.type)).toContain('handed_over');
    expect(await db.select().from(officerRoles).where(eq(officerRoles.userId, owner.userId))).toEqual([]);
    const me = await json<{ roles: unknown[] }>(await t.call('GET', '/api/me', { as: owner.telegramId }));
    expect(me.roles).toEqual([]);
  });

  it('never strands a tip-off case: removing its case handler asks who takes over, a reviewer is no successor', async () => {
    const handler = await officer('case_handler', null);
    const successor = await officer('case_handler', null);
    const reviewer = await officer('reviewer', null);
    const tip = await submitWebTip(t);
    await act(t, tip.id, { action: 'acknowledge' }, handler.telegramId);
    const path = `/api/admin/officers/${handler.userId}`;

    const refused = await t.call('PUT', path, { as: ADMIN, body: { roles: [], villageIds: null } });
    expect(refused.status).toBe(409);
    const error = (await json<ErrorBody>(refused)).error;
    expect(error.code).toBe('handover_required');
    expect(error.message).toContain('1');
    const listed = await json<{ officers: { userId: string; owned: Record<string, number> }[] }>(
      await t.call('GET', '/api/admin/officers', { as: ADMIN }),
    );
    expect(listed.officers.find((o) => o.userId === handler.userId)?.owned).toEqual({
      application: 0,
      tip: 1,
      service_item: 0,
    });
    // Keeping another role does not keep the case: only a case handler owns one.
    const stillRefused = await t.call('PUT', path, {
      as: ADMIN,
      body: { roles: ['reviewer'], villageIds: null },
    });
    expect(stillRefused.status).toBe(409);

    const wrong = await t.call('PUT', path, {
      as: ADMIN,
      body: { roles: [], villageIds: null, handoverTo: { tip: reviewer.userId } },
    });
    expect(wrong.status).toBe(400);
    expect((await json<ErrorBody>(wrong)).error.fields?.[0]?.path).toBe('handoverTo.tip');

    const ok = await t.call('PUT', path, {
      as: ADMIN,
      body: { roles: [], villageIds: null, handoverTo: { tip: successor.userId } },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ handedOver: 1 });
    const [row] = await db.select({ owner: tips.ownerOfficerId }).from(tips).where(eq(tips.id, tip.id));
    expect(row?.owner).toBe(successor.userId);
    const events = await db
      .select({ type: tipEvents.type })
      .from(tipEvents)
      .where(eq(tipEvents.tipId, tip.id));
    expect(events.map((e) => e.type)).toContain('handed_over');
    expect(await db.select().from(officerRoles).where(eq(officerRoles.userId, handler.userId))).toEqual([]);
  });

  it('never strands a service-file item under review: narrowing its reviewer away from the village hands it over first', async () => {
    const v = await newVillage(db);
    const elsewhere = await newVillage(db);
    const owner = await officer('reviewer', [v.id]);
    const successor = await officer('reviewer', [v.id]);
    const outsider = await officer('reviewer', [elsewhere.id]);
    const person = nextTelegramId();
    expect((await t.call('PATCH', '/api/me', { as: person, body: { villageId: v.id } })).status).toBe(200);
    expect((await t.call('POST', '/api/service-file/departure', { as: person })).status).toBe(200);
    const form = new FormData();
    form.set('label', '居住证');
    form.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    const up = await t.call('POST', '/api/service-file/items/residence_proof/upload', {
      as: person,
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, person));
    const [item] = await db
      .select({ id: serviceItems.id })
      .from(serviceItems)
      .where(and(eq(serviceItems.userId, u!.id), eq(serviceItems.kind, 'residence_proof')));
    const claim = await t.call('POST', `/api/review/service-file/items/${item!.id}/claim`, {
      as: owner.telegramId,
    });
    expect(claim.status).toBe(200);
    const path = `/api/admin/officers/${owner.userId}`;
    const narrowed = { roles: ['reviewer'], villageIds: [elsewhere.id] };

    const refused = await t.call('PUT', path, { as: ADMIN, body: narrowed });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.code).toBe('handover_required');
    const wrong = await t.call('PUT', path, {
      as: ADMIN,
      body: { ...narrowed, handoverTo: { service_item: outsider.userId } },
    });
    expect(wrong.status).toBe(400);
    expect((await json<ErrorBody>(wrong)).error.fields?.[0]?.path).toBe('handoverTo.service_item');

    const ok = await t.call('PUT', path, { as: ADMIN, body: { ...narrowed, handoverTo: successor.userId } });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ handedOver: 1 });
    const [row] = await db
      .select({ owner: serviceItems.ownerOfficerId, status: serviceItems.status })
      .from(serviceItems)
      .where(eq(serviceItems.id, item!.id));
    expect(row).toEqual({ owner: successor.userId, status: 'submitted' });
    const events = await db
      .select({ type: serviceItemEvents.type })
      .from(serviceItemEvents)
      .where(eq(serviceItemEvents.itemId, item!.id));
    expect(events.map((e) => e.type)).toContain('handed_over');
    const [grant] = await db
      .select({ villageIds: officerRoles.villageIds })
      .from(officerRoles)
      .where(eq(officerRoles.userId, owner.userId));
    expect(grant?.villageIds).toEqual([elsewhere.id]);
  });

  it('keeps at least one township-wide admin', async () => {
    // Other test files make township-wide admins of their own: inside a transaction that is rolled
    // back, 李管理 is the only one, and demoting him is refused (nothing outside ever changes).
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, ADMIN));
    const deps = t.services().deps;
    const actor = (await loadActorById({ deps, userId: admin!.id }))!;
    let outcome: string | undefined;
    await db
      .transaction(async (tx) => {
        await tx
          .delete(officerRoles)
          .where(
            and(
              eq(officerRoles.role, 'admin'),
              isNull(officerRoles.villageIds),
              ne(officerRoles.userId, admin!.id),
            ),
          );
        outcome = await changeOfficer({
          deps: { ...deps, db: tx as unknown as typeof deps.db },
          actor,
          userId: admin!.id,
          input: { roles: ['reviewer'], villageIds: null },
        }).then(
          () => 'changed',
          (e: { code?: string }) => e.code,
        );
        tx.rollback();
      })
      .catch(() => {});
    expect(outcome).toBe('last_admin');
  });

  it('answers 404 for a person who is not an officer, and 400 for an empty scope', async () => {
    const plain = nextTelegramId();
    await t.call('GET', '/api/me', { as: plain });
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, plain));
    const res = await t.call('PUT', `/api/admin/officers/${u!.id}`, {
      as: ADMIN,
      body: { roles: ['reviewer'], villageIds: null },
    });
    expect(res.status).toBe(404);
    const empty = await t.call('POST', '/api/admin/officers/invites', {
      as: ADMIN,
      body: { roles: ['reviewer'], villageIds: [] },
    });
    expect(empty.status).toBe(400);
  });
});

describe('run-time settings', () => {
  afterAll(async () => {
    await db.delete(appSettings).where(inArray(appSettings.key, ['calendar']));
  });

  it('shows the env defaults, the calendar source years and the year still missing', async () => {
    const res = await json<{
      defaults: { certificateDeadlineWorkingDays: number };
      calendar: { sourceYears: number[]; missingYear: number | null };
    }>(await t.call('GET', '/api/admin/settings', { as: ADMIN }));
    expect(res.defaults.certificateDeadlineWorkingDays).toBe(3);
    expect(res.calendar.sourceYears).toContain(2026);
    // 2026-11-27: 2027 begins within 60 days and the package has no 2027 yet.
    expect(res.calendar.missingYear).toBe(2027);
    const me = await json<{ notices: { calendarMissingYear: number | null } }>(
      await t.call('GET', '/api/me', { as: REVIEWER }),
    );
    expect(me.notices.calendarMissingYear).toBe(2027);
  });

  it('counts deadlines on the admin’s calendar from the next request', async () => {
    // A year no other test uses: a day off set by the admin moves a deadline by one working day.
    const later = await createTestApp({ clock: fixedClock('2031-03-03T02:00:00Z') });
    const put = await later.call('PUT', '/api/admin/settings', {
      as: ADMIN,
      body: { calendar: { holidays: ['2031-03-05'], workdays: [], completeYears: [2031] } },
    });
    expect(put.status).toBe(204);
    const app = await submittedApplication(later, db, 'dongshan');
    const [row] = await db
      .select({ deadlineAt: certificateApplications.deadlineAt })
      .from(certificateApplications)
      .where(eq(certificateApplications.id, app.id));
    // Monday 3 March + 3 working days, skipping Wednesday 5 March: Friday 7 March, 23:59 Shanghai.
    expect(row?.deadlineAt?.toISOString()).toBe('2031-03-07T15:59:59.999Z');
    const [entry] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.update'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry?.details).toHaveProperty('calendar');
  });

  it('refuses values outside their range and contradictory days, naming each field', async () => {
    const res = await t.call('PUT', '/api/admin/settings', {
      as: ADMIN,
      body: {
        certificateDeadlineWorkingDays: 0,
        certificateDocumentRetentionDays: 99999,
        calendar: { holidays: ['2027-02-30'], workdays: [], completeYears: [] },
      },
    });
    expect(res.status).toBe(400);
    const paths = (await json<ErrorBody>(res)).error.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'certificateDeadlineWorkingDays',
        'certificateDocumentRetentionDays',
        'calendar.holidays.0',
      ]),
    );
    expect((await t.call('PUT', '/api/admin/settings', { as: REVIEWER, body: {} })).status).toBe(403);
  });
});

describe('the audit log', () => {
  it('filters by officer, action, record and day, and exports the same as CSV (audited)', async () => {
    const v = await newVillage(db);
    await t.call('PATCH', `/api/admin/villages/${v.id}`, { as: ADMIN, body: { name: `审计村=${v.code}` } });
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, ADMIN));
    const query = `actorUserId=${admin!.id}&action=village.update&recordType=village&recordId=${v.id}&from=2026-11-27&to=2026-11-27`;
    const page = await json<{ entries: { action: string; actorName: string; recordId: string }[] }>(
      await t.call('GET', `/api/admin/audit?${query}`, { as: ADMIN }),
    );
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ action: 'village.update', recordId: String(v.id) });
    const none = await json<{ entries: unknown[] }>(
      await t.call('GET', `/api/admin/audit?recordType=village&recordId=${v.id}&from=2026-11-28`, {
        as: ADMIN,
      }),
    );
    expect(none.entries).toEqual([]);

    const csv = await t.call('GET', `/api/admin/audit/export?${query}`, { as: ADMIN });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('record_id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('village.update');
    const [exported] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit_log.export'), eq(auditLog.actorUserId, admin!.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(exported?.details).toMatchObject({ rows: 1, recordId: String(v.id) });
  });

  it('refuses a bad filter and anyone but a township-wide admin', async () => {
    expect((await t.call('GET', '/api/admin/audit?from=2026-13-01', { as: ADMIN })).status).toBe(400);
    expect(
      (await t.call('GET', '/api/admin/audit?from=2026-11-28&to=2026-11-01', { as: ADMIN })).status,
    ).toBe(400);
    expect((await t.call('GET', '/api/admin/audit', { as: REVIEWER })).status).toBe(403);
    expect((await t.call('GET', '/api/admin/audit/export', { as: REVIEWER })).status).toBe(403);
    expect((await t.call('GET', '/api/admin/audit')).status).toBe(401);
  });
});
