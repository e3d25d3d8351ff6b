// The reporter's reward claim, in a 360 px browser against the real stack. A tip is sent through the
// public API and driven to an approved reward by the case handler and finance (the harness's signed
// API client); the reporter then looks it up with the receipt and claims: in the mini app in person
// (the receipt's QR is all they bring; finance then scans it), on the login-free /report page by bank
// transfer (finance sees and reads the claim, marks it paid and the details are gone). The mini app's
// chat-notice switch round-trips through the API. The start pages in every language on both channels
// say what the office can and cannot learn about the reporter.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from './harness';

const e2e = setupE2e();

const HANDLER = 900004; // 赵受理
const FINANCE = 900005; // 刘财务
const RESIDENT = 900101; // 张小明, zh-CN
const WANG = 900103; // 王芳, zh-TW
const ALICE = 900105; // Alice Chen, en
// Unique per run, so a shared DATABASE_URL with earlier runs still finds these tips.
const STAMP = Date.now() % 1_000_000;

interface RewardItem {
  id: string;
  tipNumber: number;
  status: string;
  claimMethod: string | null;
  hasBankDetails: boolean;
}

/** A drug-sales tip sent on the web and walked to an approved ¥2,000 reward (one approval: below ¥5,000). */
async function approvedTip(language: string): Promise<{ receipt: string; number: number; rewardId: string }> {
  const res = await fetch(`${e2e.url}/api/public/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify({
      category: 'abortion_drug_sales',
      place: `车站路药店 ${STAMP}`,
      what: '车站路的一家药店不要处方就卖堕胎药，放在柜台后面。',
      period: '上个月',
    }),
  });
  if (res.status !== 201) throw new Error(`submit → ${res.status} ${await res.text()}`);
  const { receipt, number } = (await res.json()) as { receipt: string; number: number };
  const { items } = await e2e.api<{ items: { id: string; number: number }[] }>(
    HANDLER,
    'GET',
    '/api/tips/queue?state=all',
  );
  const tipId = items.find((i) => i.number === number)!.id;
  const steps = {
    acknowledge: '已收到，我们会尽快核实。',
    accept: '属于受理范围，已受理。',
    investigate: '已安排现场核查。',
    substantiate: '经核查，情况属实。',
  };
  for (const [action, note] of Object.entries(steps)) {
    await e2e.api(HANDLER, 'POST', `/api/tips/${tipId}/actions`, { action, note });
  }
  const reward = await e2e.api<RewardItem>(HANDLER, 'POST', `/api/tips/${tipId}/reward`, {
    amountYuan: 2000,
  });
  await e2e.api(FINANCE, 'POST', `/api/rewards/${reward.id}/approve`);
  return { receipt, number, rewardId: reward.id };
}

async function ledgerItem(rewardId: string): Promise<RewardItem> {
  const { items } = await e2e.api<{ items: RewardItem[] }>(FINANCE, 'GET', '/api/rewards');
  return items.find((i) => i.id === rewardId)!;
}

async function launch(page: Page, telegramId: number, path: string) {
  await page.goto(`${e2e.url}/app${path}${new URL(await e2e.launchUrl(telegramId)).hash}`);
  await page.locator('main h1').first().waitFor();
}

async function openWithReceipt(page: Page, receipt: string, button: string) {
  await page.locator('#follow-receipt').fill(receipt.match(/\d{4}/g)!.join(' '));
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('.tip-status-view').waitFor();
}

const notifyState = (receipt: string) =>
  e2e.api<{ enabled: boolean }>(RESIDENT, 'POST', '/api/tips/notifications/state', { receipt });

describe('claiming an approved reward', () => {
  it('in the mini app: sees ¥2,000 and the claim window, chooses in person, shows the QR; finance scans it', async () => {
    const tip = await approvedTip('zh-CN');
    const page = await e2e.newPage();
    await launch(page, RESIDENT, '/tip-offs/follow');
    await openWithReceipt(page, tip.receipt, '查看');
    const reward = page.locator('section', { has: page.getByRole('heading', { name: '奖励', exact: true }) });
    await reward.getByText('2,000 元').waitFor();
    await reward.getByText('已批准，可以领取').waitFor();
    await reward.getByText(/请在 .+ 前领取/).waitFor();
    // In person is the default: the QR is shown with what to bring — nothing else.
    await reward.getByText(/不需要身份证/).waitFor();
    await reward.locator('.tip-claim-qr svg.qr').waitFor();
    await reward.scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'tipoffs-claim-01-mini-app-in-person-zh-CN', { fullPage: true });
    await reward.getByRole('button', { name: '我会到大厅当面领取' }).click();
    await reward.getByText(/已记下：你会到大厅当面领取/).waitFor();

    // Finance sees the reporter's choice, then scans the QR (the receipt) at the hall.
    expect(await ledgerItem(tip.rewardId)).toMatchObject({ status: 'approved', claimMethod: 'in_person' });
    const scanned = await e2e.api<RewardItem>(FINANCE, 'POST', '/api/rewards/claim-in-person', {
      receipt: tip.receipt,
    });
    expect(scanned).toMatchObject({ status: 'claimed', claimMethod: 'in_person' });
    await page.getByRole('button', { name: '换一个回执号' }).click();
    await openWithReceipt(page, tip.receipt, '查看');
    await reward.getByText('已申请领取').waitFor();
    expect(await reward.getByRole('button', { name: '我会到大厅当面领取' }).count()).toBe(0);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('on the /report page: claims by bank transfer (English); finance reads it, pays, and the details are gone', async () => {
    const tip = await approvedTip('en');
    const page = await e2e.newPage({ locale: 'en-US' });
    await page.goto(`${e2e.url}/report`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: 'Follow my report' }).first().click();
    await openWithReceipt(page, tip.receipt, 'Open');
    const reward = page.locator('section', {
      has: page.getByRole('heading', { name: 'Reward', exact: true }),
    });
    await reward.getByText('¥2,000').waitFor();
    await reward.getByText('Approved — you can claim it').waitFor();
    await reward.getByText(/^Claim it by /).waitFor();
    await reward.getByRole('radio', { name: /By bank transfer/ }).check();
    await reward.getByText(/Only the township finance officers can see them/).waitFor();
    await page.locator('#claim-name').fill('Wang Fang');
    await page.locator('#claim-bank').fill('Agricultural Bank of China');
    await page.locator('#claim-account').fill('6228480000000000000');
    await e2e.screenshot(page, 'tipoffs-claim-02-web-bank-en', { fullPage: true });
    await reward.getByRole('button', { name: 'Send the claim' }).click();
    await reward.getByText('Your claim has been received.').waitFor();
    await reward.getByText('Claim received').waitFor();
    await reward.getByText(/deleted once it is paid/).waitFor();
    await e2e.screenshot(page, 'tipoffs-claim-03-web-bank-claimed-en', { fullPage: true });

    // Finance sees the claim, reads the account (audited), marks it paid; the details are deleted.
    expect(await ledgerItem(tip.rewardId)).toMatchObject({
      status: 'claimed',
      claimMethod: 'bank_transfer',
      hasBankDetails: true,
    });
    const details = await e2e.api(FINANCE, 'GET', `/api/rewards/${tip.rewardId}/bank-details`);
    expect(details).toEqual({
      accountName: 'Wang Fang',
      bankName: 'Agricultural Bank of China',
      accountNumber: '6228480000000000000',
    });
    await e2e.api(FINANCE, 'POST', `/api/rewards/${tip.rewardId}/paid`, { reference: `TX-${STAMP}` });
    expect(await ledgerItem(tip.rewardId)).toMatchObject({ status: 'paid', hasBankDetails: false });
    await page.getByRole('button', { name: 'Use another receipt' }).click();
    await openWithReceipt(page, tip.receipt, 'Open');
    await reward.getByText(/· Paid/).waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('on the /report page in Traditional Chinese: the claim choices and the QR read plainly', async () => {
    const tip = await approvedTip('zh-TW');
    const page = await e2e.newPage({ locale: 'zh-TW' });
    await page.goto(`${e2e.url}/report`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: '查看我的舉報' }).first().click();
    await openWithReceipt(page, tip.receipt, '查看');
    const reward = page.locator('section', { has: page.getByRole('heading', { name: '獎勵', exact: true }) });
    await reward.getByText('2,000 元').waitFor();
    await reward.getByText(/不需要身分證/).waitFor();
    await reward.locator('.tip-claim-qr svg.qr').waitFor();
    await e2e.screenshot(page, 'tipoffs-claim-04-web-in-person-zh-TW', { fullPage: true });
    await reward.getByRole('radio', { name: /轉帳到銀行帳戶/ }).check();
    await page.locator('#claim-account').waitFor();
    await e2e.screenshot(page, 'tipoffs-claim-05-web-bank-zh-TW', { fullPage: true });
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('chat notices in the mini app', () => {
  it('explains the link, turns it on and off, and shows it as it is after reopening', async () => {
    const tip = await approvedTip('zh-CN');
    const page = await e2e.newPage();
    await launch(page, RESIDENT, '/tip-offs/follow');
    await openWithReceipt(page, tip.receipt, '查看');
    const toggle = page.getByRole('switch', { name: '在这个聊天里通知我' });
    await page.getByTestId('notify-state').waitFor();
    await page.getByText(/案件办结时，这条关联就被删除/).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByText(/^已打开：/).waitFor();
    expect(await notifyState(tip.receipt)).toEqual({ enabled: true });
    await page.getByTestId('notify-state').scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'tipoffs-claim-06-notify-on-zh-CN');

    await page.getByRole('button', { name: '换一个回执号' }).click();
    await openWithReceipt(page, tip.receipt, '查看');
    await page.getByText(/^已打开：/).waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await page.getByText(/^已关闭：/).waitFor();
    expect(await notifyState(tip.receipt)).toEqual({ enabled: false });
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('what each channel says about the reporter, in every language', () => {
  for (const [telegramId, language, heading] of [
    [WANG, 'zh-TW', '有獎舉報'],
    [ALICE, 'en', 'Report a violation (rewarded)'],
  ] as const) {
    it(`the mini app's start page (${language}): confidential, not anonymous; scope and tiers`, async () => {
      const page = await e2e.newPage({ locale: language });
      await launch(page, telegramId, '/tip-offs/start');
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('.tip-web-address', { hasText: '/report' }).waitFor();
      await page.locator('.tier-table tbody tr').nth(4).waitFor();
      await e2e.screenshot(page, `tipoffs-claim-07-start-${language}`, { fullPage: true });
      expect(await page.locator('main').textContent()).not.toMatch(/\b(report|tipoffs):[a-z]/);
      expect(e2e.pageErrors(page)).toEqual([]);
    });
  }

  for (const [locale, keeps] of [
    ['zh-CN', '这个网页保存什么'],
    ['zh-TW', '這個網頁保存什麼'],
  ] as const) {
    it(`the /report page (${locale}): what it keeps and what it cannot protect`, async () => {
      const page = await e2e.newPage({ locale });
      await page.goto(`${e2e.url}/report`);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.getByRole('heading', { name: keeps }).waitFor();
      await page.locator('.tier-table tbody tr').nth(4).waitFor();
      await e2e.screenshot(page, `tipoffs-claim-08-web-start-${locale}`, { fullPage: true });
      await page.locator('.report-step button').first().click();
      await page.locator('#tip-what').waitFor();
      await e2e.screenshot(page, `tipoffs-claim-09-web-form-${locale}`, { fullPage: true });
      expect(await page.locator('main').textContent()).not.toMatch(/\b(report|tipoffs):[a-z]/);
      expect(e2e.pageErrors(page)).toEqual([]);
    });
  }
});
