// Tip-offs end to end through the API: the reporter with the receipt, the case handler's workflow,
// messages and notes, attachments, private-person deletion, rewards (approval rules), deadlines and
// escalation, and the retention purge — with a fake clock, never sleeping.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { escalateOverdueTips } from '../../../core/tipoffs/escalate-overdue-tips';
import { purgeClosedTips } from '../../../core/tipoffs/purge-closed-tips';
import { auditLog, tipAttachments, tipNotificationLinks, tipRewards, tips } from '../../../db/schema';
import { jpegWithGps } from '../../fixtures/certificates';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import {
  ADMIN,
  act,
  approvedReward,
  bankClaimedReward,
  CASE_HANDLER,
  FINANCE,
  proposedReward,
  submitWebTip,
  tipIn,
} from '../../harness/tip-flow';

const db = useTestDb();
// A Thursday morning in Shanghai.
const clock = fixedClock('2026-11-26T02:00:00Z');
let t: TestApp;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const lookup = async (receipt: string) => {
  const res = await t.call('POST', '/api/public/tips/lookup', { body: { receipt } });
  expect(res.status).toBe(200);
  return json<{
    status: string;
    events: { type: string; note: string | null }[];
    messages: { from: string; text: string }[];
    content: unknown;
    reward: { status: string; amountYuan: number } | null;
    canClaim: boolean;
  }>(res);
};
const photo = (receipt: string, keepMetadata?: boolean) => {
  const f = new FormData();
  f.set('receipt', receipt);
  if (keepMetadata !== undefined) f.set('keepMetadata', String(keepMetadata));
  f.set('file', new File([jpegWithGps() as Uint8Array<ArrayBuffer>], 'IMG_20261126_张三.jpg'));
  return f;
};

beforeAll(async () => {
  t = await createTestApp({ clock, env: UNTHROTTLED_ENV });
});

describe('a reporter with a receipt', () => {
  it('sends a tip, gets the receipt once, and follows it with spaces and dashes in the receipt', async () => {
    const tip = await submitWebTip(t);
    expect(tip.receipt).toMatch(/^\d{16}$/);
    expect(tip.receiptFormatted).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row!.receiptHash).not.toContain(tip.receipt);
    expect(JSON.stringify(row)).not.toContain(tip.receipt);
    const dashed = tip.receipt.replace(/(\d{4})(?=\d)/g, '$1-');
    expect((await lookup(dashed)).status).toBe('received');
    const verdict = await json<{ valid: boolean; registered: boolean; number: number }>(
      await t.call('POST', '/api/public/tips/receipt/verify', { body: { signedReceipt: tip.signedReceipt } }),
    );
    expect(verdict).toMatchObject({ valid: true, registered: true, number: tip.number });
  });

  it('is refused with an explanation when the tip is about a private person', async () => {
    const res = await t.call('POST', '/api/public/tips', {
      body: { ...aTipAbout('我邻居怀孕了，想去查男女') },
    });
    expect(res.status).toBe(422);
    const body = await json<{ error: { code: string; fields: { path: string; message: string }[] } }>(res);
    expect(body.error.code).toBe('tip_screened');
    expect(body.error.fields[0]!.path).toBe('what');
  });

  it('sees every step with its note and the handler messages, never the internal notes', async () => {
    const tip = await tipIn(t, 'acknowledged');
    await t.call('POST', `/api/tips/${tip.id}/messages`, {
      as: CASE_HANDLER,
      body: { text: '请问诊所在几楼？', internal: false },
    });
    await t.call('POST', `/api/tips/${tip.id}/messages`, {
      as: CASE_HANDLER,
      body: { text: '内部：与卫健局联合检查', internal: true },
    });
    const reply = await t.call('POST', '/api/public/tips/messages', {
      body: { receipt: tip.receipt, text: '在二楼最里面那间。' },
    });
    expect(reply.status).toBe(201);
    const view = await lookup(tip.receipt);
    expect(view.events.map((e) => e.type)).toEqual(['received', 'acknowledged']);
    expect(view.events[1]!.note).toBe('已处理');
    expect(view.messages).toEqual([
      expect.objectContaining({ from: 'handler', text: '请问诊所在几楼？' }),
      expect.objectContaining({ from: 'reporter', text: '在二楼最里面那间。' }),
    ]);
    expect(JSON.stringify(view)).not.toContain('内部');
    const handler = await json<{ messages: { kind: string }[] }>(
      await t.call('GET', `/api/tips/${tip.id}`, { as: CASE_HANDLER }),
    );
    expect(handler.messages.map((m) => m.kind)).toEqual(['handler', 'note', 'reporter']);
  });

  it('attaches photos stripped of metadata by default, or kept as sent when chosen', async () => {
    const tip = await submitWebTip(t);
    const stripped = await json<{ id: string; keptMetadata: boolean }>(
      await t.call('POST', '/api/public/tips/attachments', { body: photo(tip.receipt) }),
    );
    const kept = await json<{ id: string; keptMetadata: boolean }>(
      await t.call('POST', '/api/public/tips/attachments', { body: photo(tip.receipt, true) }),
    );
    expect([stripped.keptMetadata, kept.keptMetadata]).toEqual([false, true]);
    const read = async (id: string) =>
      new Uint8Array(
        await (
          await t.call('GET', `/api/tips/${tip.id}/attachments/${id}`, { as: CASE_HANDLER })
        ).arrayBuffer(),
      );
    expect(Buffer.from(await read(kept.id)).equals(Buffer.from(jpegWithGps()))).toBe(true);
    const clean = await read(stripped.id);
    expect(Buffer.from(jpegWithGps()).includes(Buffer.from('GPSMARKER'))).toBe(true);
    expect(Buffer.from(clean).includes(Buffer.from('GPSMARKER'))).toBe(false);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, tip.id), eq(auditLog.action, 'tip.attachment.read')));
    expect(audits).toHaveLength(2);
  });
});

describe('the case handler', () => {
  it('owns a tip from the first step (首问负责); another handler or an admin cannot act on it', async () => {
    const tip = await tipIn(t, 'acknowledged');
    const view = await json<{ ownerOfficerId: string; nextActions: string[] }>(
      await t.call('GET', `/api/tips/${tip.id}`, { as: CASE_HANDLER }),
    );
    expect(view.nextActions).toEqual(['accept', 'out_of_scope', 'duplicate']);
    const admin = await t.call('POST', `/api/tips/${tip.id}/actions`, {
      as: ADMIN,
      body: { action: 'accept', note: 'x' },
    });
    expect(admin.status).toBe(403);
    const skip = await t.call('POST', `/api/tips/${tip.id}/actions`, {
      as: CASE_HANDLER,
      body: { action: 'substantiate', note: 'x' },
    });
    expect(skip.status).toBe(409);
  });

  it('deletes the content, messages and attachments at once when marking it about a private person', async () => {
    const tip = await tipIn(t, 'acknowledged');
    await t.call('POST', '/api/public/tips/messages', {
      body: { receipt: tip.receipt, text: '补充一些情况说明。' },
    });
    await t.call('POST', '/api/public/tips/attachments', { body: photo(tip.receipt) });
    const objectsBefore = t.files.objects.size;
    await act(t, tip.id, {
      action: 'out_of_scope',
      reason: 'private_person',
      note: '涉及个人隐私，已删除。',
    });
    const [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({
      what: null,
      place: null,
      provider: null,
      period: null,
      status: 'out_of_scope',
    });
    expect(row!.number).toBe(tip.number);
    expect(await db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tip.id))).toEqual([]);
    expect(t.files.objects.size).toBe(objectsBefore - 1);
    const view = await lookup(tip.receipt);
    expect(view.content).toBeNull();
    expect(view.messages).toEqual([]);
  });

  it('sees deadlines in working days; the cron escalates each missed stage once and counts it', async () => {
    const start = clock.now();
    const tip = await submitWebTip(t);
    const view = await json<{ deadlines: { ackDueAt: string; triageDueAt: string } }>(
      await t.call('GET', `/api/tips/${tip.id}`, { as: CASE_HANDLER }),
    );
    // Received Thursday 2026-11-26: acknowledge by Monday 30th, triage by Thursday 3 December.
    expect(view.deadlines.ackDueAt).toBe('2026-11-30T15:59:59.999Z');
    expect(view.deadlines.triageDueAt).toBe('2026-12-03T15:59:59.999Z');
    clock.set('2026-12-01T01:00:00Z');
    const deps = t.services().deps;
    await escalateOverdueTips({ deps });
    await escalateOverdueTips({ deps });
    let [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({ overdueStage: 'acknowledge', overdueCount: 1 });
    await act(t, tip.id, { action: 'acknowledge' });
    clock.set('2026-12-04T01:00:00Z');
    await escalateOverdueTips({ deps });
    [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({ overdueStage: 'triage', overdueCount: 2 });
    clock.set(start);
  });
});

describe('rewards', () => {
  it('are proposed within the tier only, approved by finance who is never the proposer', async () => {
    const tip = await tipIn(t, 'substantiated', { category: 'illegal_fees' });
    const outside = await t.call('POST', `/api/tips/${tip.id}/reward`, {
      as: CASE_HANDLER,
      body: { amountYuan: 3000 },
    });
    expect(outside.status).toBe(400);
    const none = await tipIn(t, 'substantiated', { category: 'misconduct' });
    expect(
      (await t.call('POST', `/api/tips/${none.id}/reward`, { as: CASE_HANDLER, body: { amountYuan: 100 } }))
        .status,
    ).toBe(400);
    const { reward } = await proposedReward(t, 1500);
    expect((await t.call('POST', `/api/rewards/${reward.id}/approve`, { as: ADMIN })).status).toBe(403);
    const approved = await json<{ status: string }>(
      await t.call('POST', `/api/rewards/${reward.id}/approve`, { as: FINANCE }),
    );
    expect(approved.status).toBe('approved');
  });

  it('need a second, different approver at or above ¥5,000', async () => {
    const { tip, reward } = await proposedReward(t, 5000, 'two_non_sex_determination');
    const first = await json<{ status: string }>(
      await t.call('POST', `/api/rewards/${reward.id}/approve`, { as: FINANCE }),
    );
    expect(first.status).toBe('awaiting_second');
    expect((await lookup(tip.receipt)).reward).toBeNull();
    expect((await t.call('POST', `/api/rewards/${reward.id}/approve`, { as: FINANCE })).status).toBe(403);
    const second = await json<{ status: string }>(
      await t.call('POST', `/api/rewards/${reward.id}/approve`, { as: ADMIN }),
    );
    expect(second.status).toBe('approved');
    expect((await lookup(tip.receipt)).reward).toMatchObject({ status: 'approved', amountYuan: 5000 });
  });

  it('go to the first substantiated tip of a matter only', async () => {
    const first = await tipIn(t, 'substantiated', { category: 'abortion_drug_sales' });
    const later = await tipIn(t, 'acknowledged', { category: 'abortion_drug_sales' });
    const linked = await t.call('POST', `/api/tips/${later.id}/link`, {
      as: CASE_HANDLER,
      body: { number: first.number },
    });
    expect(await json(linked)).toEqual({ matterNumber: first.number });
    for (const action of ['accept', 'investigate', 'substantiate']) await act(t, later.id, { action });
    const refused = await t.call('POST', `/api/tips/${later.id}/reward`, {
      as: CASE_HANDLER,
      body: { amountYuan: 1000 },
    });
    expect(refused.status).toBe(409);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('reward_not_first');
    const ok = await t.call('POST', `/api/tips/${first.id}/reward`, {
      as: CASE_HANDLER,
      body: { amountYuan: 1000 },
    });
    expect(ok.status).toBe(201);
  });

  it('are claimed by bank transfer with sealed details, read with an audit entry and deleted once paid', async () => {
    const { reward } = await bankClaimedReward(t);
    const [sealed] = await db.select().from(tipRewards).where(eq(tipRewards.id, reward.id));
    expect(sealed!.bankDetailsSealed).not.toContain('6228');
    const details = await json(
      await t.call('GET', `/api/rewards/${reward.id}/bank-details`, { as: FINANCE }),
    );
    expect(details).toEqual({
      accountName: '匿名',
      bankName: '农业银行',
      accountNumber: '6228480012345678901',
    });
    const paid = await t.call('POST', `/api/rewards/${reward.id}/paid`, {
      as: FINANCE,
      body: { reference: 'TR-1' },
    });
    expect(((await json<{ status: string }>(paid)) as { status: string }).status).toBe('paid');
    const [after] = await db.select().from(tipRewards).where(eq(tipRewards.id, reward.id));
    expect(after!.bankDetailsSealed).toBeNull();
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, reward.id), eq(auditLog.action, 'tip_reward.bank_details.read')));
    expect(reads).toHaveLength(1);
  });

  it('are claimed in person when the office scans the receipt', async () => {
    const { tip } = await approvedReward(t);
    const res = await t.call('POST', '/api/rewards/claim-in-person', {
      as: FINANCE,
      body: { receipt: tip.receipt },
    });
    expect(await json(res)).toMatchObject({ status: 'claimed', claimMethod: 'in_person' });
  });
});

describe('notifications and retention', () => {
  it('queue only the opt-in link id, and the link goes with the closing message', async () => {
    const res = await t.call('POST', '/api/tips', {
      as: 900101,
      body: { tip: aTipAbout('诊所晚上给孕妇做性别鉴定，收费很高。'), notify: true },
    });
    expect(res.status).toBe(201);
    const tip = await json<{ number: number; receipt: string }>(res);
    const id = (await db.select({ id: tips.id }).from(tips).where(eq(tips.number, tip.number)))[0]!.id;
    await act(t, id, { action: 'acknowledge' });
    const job = t.jobs.sent.findLast((j) => j.type === 'tip-notify')!;
    expect(Object.keys(job).sort()).toEqual(['deleteAfter', 'linkId', 'messageKey', 'params', 'type']);
    expect(JSON.stringify(job)).not.toContain('900101');
    for (const action of ['out_of_scope']) await act(t, id, { action, reason: 'not_covered' });
    await act(t, id, { action: 'close' });
    await t.drainJobs();
    expect(await db.select().from(tipNotificationLinks).where(eq(tipNotificationLinks.tipId, id))).toEqual(
      [],
    );
  });

  it('show the chat switch as it is: off, on after turning it on, off again, and only for the caller’s chat', async () => {
    const tip = await submitWebTip(t);
    const state = async (as: number, receipt = tip.receipt) =>
      t.call('POST', '/api/tips/notifications/state', { as, body: { receipt } });
    const turn = (enabled: boolean) =>
      t.call('PUT', '/api/tips/notifications', { as: 900101, body: { receipt: tip.receipt, enabled } });
    expect(await json(await state(900101))).toEqual({ enabled: false });
    expect(await json(await turn(true))).toEqual({ enabled: true });
    expect(await json(await state(900101))).toEqual({ enabled: true });
    // Another person's chat is not linked by someone else's switch.
    expect(await json(await state(900105))).toEqual({ enabled: false });
    expect(await json(await turn(false))).toEqual({ enabled: false });
    expect(await json(await state(900101))).toEqual({ enabled: false });
    expect(
      await db.select().from(tipNotificationLinks).where(eq(tipNotificationLinks.tipId, tip.id)),
    ).toEqual([]);
    // A wrong receipt opens nothing (and is counted as a wrong receipt by the throttle).
    expect((await state(900101, '0000000000000000')).status).toBe(404);
  });

  it('purge a closed tip’s content after the retention period, keeping its number, day and category', async () => {
    const start = clock.now();
    const tip = await tipIn(t, 'closed');
    clock.set(new Date(start.getTime() + 179 * 86_400_000));
    await purgeClosedTips({ deps: t.services().deps });
    let [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row!.what).not.toBeNull();
    clock.set(new Date(start.getTime() + 181 * 86_400_000));
    await purgeClosedTips({ deps: t.services().deps });
    [row] = await db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({
      what: null,
      status: 'closed',
      number: tip.number,
      category: 'two_non_sex_determination',
    });
    clock.set(start);
  });
});

function aTipAbout(what: string) {
  return {
    category: 'two_non_sex_determination',
    place: '东街',
    what,
    period: '上个月',
    provider: '东街诊所',
  };
}
