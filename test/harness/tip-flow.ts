// Tip-offs driven through the HTTP API as the real callers would: a web reporter, the case handler
// 900004, finance 900005 and the admin 900001. Each helper returns what the next step needs.
import { expect } from 'vitest';
import type { TestApp } from './app';

export const CASE_HANDLER = 900004;
export const FINANCE = 900005;
export const ADMIN = 900001;

export const aTip = (over: Record<string, unknown> = {}) => ({
  category: 'two_non_sex_determination',
  place: '县城东街某诊所',
  what: '诊所B超室收费800元给孕妇做胎儿性别鉴定，晚上营业。',
  period: '2026年10月',
  provider: '东街诊所',
  ...over,
});

export interface SubmittedTip {
  id: string;
  number: number;
  receipt: string;
  receiptFormatted: string;
  signedReceipt: string;
}

const json = async <T>(res: Response) => (await res.json()) as T;

export async function submitWebTip(t: TestApp, over: Record<string, unknown> = {}): Promise<SubmittedTip> {
  const res = await t.call('POST', '/api/public/tips', { body: aTip(over) });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await json<Omit<SubmittedTip, 'id'>>(res);
  return { ...body, id: await tipIdOf(t, body.number) };
}

export async function tipIdOf(t: TestApp, number: number): Promise<string> {
  const res = await t.call('GET', '/api/tips/queue?state=all', { as: CASE_HANDLER });
  const { items } = await json<{ items: { id: string; number: number }[] }>(res);
  return items.find((i) => i.number === number)!.id;
}

export async function act(t: TestApp, tipId: string, body: Record<string, unknown>, as = CASE_HANDLER) {
  const res = await t.call('POST', `/api/tips/${tipId}/actions`, { as, body: { note: '已处理', ...body } });
  expect(res.status, await res.clone().text()).toBe(200);
}

export type TipState =
  | 'received'
  | 'acknowledged'
  | 'accepted'
  | 'investigating'
  | 'substantiated'
  | 'closed';

/** A tip walked to `state` by the case handler (closed: substantiated first). */
export async function tipIn(t: TestApp, state: TipState, over: Record<string, unknown> = {}) {
  const tip = await submitWebTip(t, over);
  const steps: [TipState, string][] = [
    ['acknowledged', 'acknowledge'],
    ['accepted', 'accept'],
    ['investigating', 'investigate'],
    ['substantiated', 'substantiate'],
    ['closed', 'close'],
  ];
  if (state === 'received') return tip;
  for (const [reached, action] of steps) {
    await act(t, tip.id, { action });
    if (reached === state) break;
  }
  return tip;
}

/** A substantiated tip with a reward proposed by the case handler (¥1,000 drugs by default). */
export async function proposedReward(t: TestApp, amountYuan = 1000, category = 'abortion_drug_sales') {
  const tip = await tipIn(t, 'substantiated', { category });
  const res = await t.call('POST', `/api/tips/${tip.id}/reward`, { as: CASE_HANDLER, body: { amountYuan } });
  expect(res.status, await res.clone().text()).toBe(201);
  const reward = await json<{ id: string; status: string }>(res);
  return { tip, reward };
}

export async function approvedReward(t: TestApp) {
  const r = await proposedReward(t);
  const res = await t.call('POST', `/api/rewards/${r.reward.id}/approve`, { as: FINANCE });
  expect(res.status, await res.clone().text()).toBe(200);
  return r;
}

export async function bankClaimedReward(t: TestApp) {
  const r = await approvedReward(t);
  const res = await t.call('POST', '/api/public/tips/reward/claim', {
    body: {
      method: 'bank_transfer',
      receipt: r.tip.receipt,
      accountName: '匿名',
      bankName: '农业银行',
      accountNumber: '6228 4800 1234 5678 901',
    },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return r;
}
