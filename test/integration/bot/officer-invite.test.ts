// An officer invitation from the admin's API call to the person's "accept" in the bot, through the
// real webhook and the Telegram sandbox: the bot shows the roles and scope and asks; accepting gives
// the roles at once (the next API request sees them); a used, withdrawn or expired link is refused.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { fixedClock } from '../../../core/runtime';
import { auditLog, officerInvites, users } from '../../../db/schema';
import { ADMIN, json, newVillage, nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let bot: ReturnType<typeof botDriver>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  bot = botDriver(t);
});

async function invite(body: Record<string, unknown>) {
  const res = await t.call('POST', '/api/admin/officers/invites', { as: ADMIN, body });
  expect(res.status).toBe(201);
  const created = await json<{ id: string; link: string }>(res);
  const start = new URL(created.link).searchParams.get('start')!;
  return { ...created, start };
}

describe('an officer invitation accepted in the bot', () => {
  it('asks with the roles and villages, and makes the person that officer on accepting', async () => {
    const v = await newVillage(db);
    const inv = await invite({ roles: ['reviewer', 'publicity'], villageIds: [v.id], label: '新同事' });
    expect(inv.link).toMatch(/^https:\/\/t\.me\/[\w]+\?start=inv_[A-Za-z0-9_-]{22}$/);
    // Only the hash is kept.
    const [row] = await db.select().from(officerInvites).where(eq(officerInvites.id, inv.id));
    expect(row?.tokenHash).not.toContain(inv.start.slice(4));

    const person = { id: nextTelegramId(), first_name: '新同事', language_code: 'zh-hans' };
    const [ask] = await bot.send(person, `/start ${inv.start}`);
    expect(ask?.text).toContain('审核员');
    expect(ask?.text).toContain(`测试村${v.code}`);
    expect(await json<{ roles: unknown[] }>(await t.call('GET', '/api/me', { as: person.id }))).toMatchObject(
      {
        roles: [],
      },
    );
    const accept = ask!.buttons.find((b) => b.data?.startsWith('inv:ok:'))!;
    const replies = await bot.press(person, ask!.message!, accept.data!);
    const edited = replies.find((r) => r.method === 'editMessageText');
    expect(edited?.text).toBe(translator('zh-CN', 'admin')('invite.bot.accepted'));
    expect(edited?.buttons[0]?.webAppUrl).toContain('/app/workbench');

    const me = await json<{ roles: { role: string; villageIds: number[] | null }[] }>(
      await t.call('GET', '/api/me', { as: person.id }),
    );
    expect(me.roles.map((r) => r.role).sort()).toEqual(['publicity', 'reviewer']);
    expect(me.roles.every((r) => r.villageIds?.[0] === v.id)).toBe(true);
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, person.id));
    const [entry] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'officer.invite_accept'), eq(auditLog.actorUserId, u!.id)));
    expect(entry?.details).toMatchObject({ inviteId: inv.id, roles: 'reviewer,publicity' });

    // One use only: the same link (or the same button) for someone else does nothing.
    const other = { id: nextTelegramId(), first_name: '别人', language_code: 'en' };
    const [refused] = await bot.send(other, `/start ${inv.start}`);
    expect(refused?.text).toBe(translator('en', 'admin')('invite.bot.invalid'));
    await bot.press(other, ask!.message!, accept.data!);
    expect(
      (await json<{ roles: unknown[] }>(await t.call('GET', '/api/me', { as: other.id }))).roles,
    ).toEqual([]);
  });

  it('changes nothing when the person declines, and the link still works', async () => {
    const inv = await invite({ roles: ['reviewer'], villageIds: null });
    const person = { id: nextTelegramId(), first_name: 'Lin', language_code: 'zh-hant' };
    const [ask] = await bot.send(person, `/start ${inv.start}`);
    expect(ask?.text).toContain(translator('zh-TW', 'admin')('invite.bot.townshipWide'));
    const replies = await bot.press(person, ask!.message!, 'inv:no');
    expect(replies.find((r) => r.method === 'editMessageText')?.text).toBe(
      translator('zh-TW', 'admin')('invite.bot.declined'),
    );
    expect(
      (await json<{ roles: unknown[] }>(await t.call('GET', '/api/me', { as: person.id }))).roles,
    ).toEqual([]);
    const [askAgain] = await bot.send(person, `/start ${inv.start}`);
    expect(askAgain?.buttons.some((b) => b.data?.startsWith('inv:ok:'))).toBe(true);
  });

  it('refuses a withdrawn or expired invitation', async () => {
    const withdrawn = await invite({ roles: ['reviewer'], villageIds: null });
    expect(
      (await t.call('DELETE', `/api/admin/officers/invites/${withdrawn.id}`, { as: ADMIN })).status,
    ).toBe(204);
    const person = { id: nextTelegramId(), first_name: 'A', language_code: 'zh-hans' };
    const [a] = await bot.send(person, `/start ${withdrawn.start}`);
    expect(a?.text).toBe(translator('zh-CN', 'admin')('invite.bot.invalid'));

    const expiring = await invite({ roles: ['reviewer'], villageIds: null });
    const listed = await json<{ invites: { id: string }[] }>(
      await t.call('GET', '/api/admin/officers', { as: ADMIN }),
    );
    expect(listed.invites.map((i) => i.id)).toContain(expiring.id);
    const late = await createTestApp({ clock: fixedClock('2026-12-04T03:00:00Z') });
    const [b] = await botDriver(late).send(person, `/start ${expiring.start}`);
    expect(b?.text).toBe(translator('zh-CN', 'admin')('invite.bot.invalid'));
  });

  it('leaves /start without an invitation to the welcome', async () => {
    const person = { id: nextTelegramId(), first_name: 'B', language_code: 'zh-hans' };
    const replies = await bot.send(person, '/start inv_short');
    expect(replies.some((r) => r.text?.includes(translator('zh-CN', 'admin')('invite.bot.invalid')))).toBe(
      false,
    );
    expect(replies.length).toBeGreaterThan(0);
  });
});
