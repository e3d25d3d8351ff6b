// The tip-off officers' story in a real browser against the real stack. A tip about sex determination
// arrives through the public API; 赵受理 (case handler, Simplified Chinese) finds it in the queue by its
// deadline, acknowledges it (taking it, 首问负责), writes to the reporter and leaves an internal note
// marked "reporter never sees this", accepts, investigates, finds it substantiated, proposes ¥6,000
// within the published ¥5,000–10,000 and closes it with a summary. 刘财务 (finance, Traditional
// Chinese) approves it once and is told he cannot give the second confirmation; 李管理 (admin,
// English) confirms it; 刘财务 records the in-person claim from the receipt and marks it paid, and
// the ledger lists it. A second tip turns out to be about a private person: the handler is warned,
// confirms, and its content is gone. Screenshots in all three languages, at 360 px and at 1024 px.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { setupE2e } from './harness';

const e2e = setupE2e();

const ADMIN = 900001; // 李管理
const HANDLER = 900004; // 赵受理
const FINANCE = 900005; // 刘财务
// Unique per run, so a shared DATABASE_URL with earlier runs still finds these tips.
const STAMP = Date.now() % 1_000_000;

interface Submitted {
  receipt: string;
  number: number;
}

async function submitTip(tip: Record<string, unknown>): Promise<Submitted> {
  const res = await fetch(`${e2e.url}/api/public/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    body: JSON.stringify(tip),
  });
  if (res.status !== 201) throw new Error(`submit → ${res.status} ${await res.text()}`);
  return (await res.json()) as Submitted;
}

/** '#12' but not '#123': a tip's number as shown in lists. */
const numbered = (n: number) => new RegExp(`#${n}(?!\\d)`);

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function officerPage(telegramId: number): Promise<Page> {
  const page = await e2e.newPage();
  // A first visit downloads the page and its texts: generous on a busy machine.
  page.setDefaultTimeout(30_000);
  await e2e.loginAs(page, telegramId);
  return page;
}

/** Types a note into the open step's form and presses its button. */
async function step(page: Page, button: string, note: string) {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const form = page.locator('form.action-form');
  await form.getByRole('textbox').last().fill(note);
  await form.getByRole('button', { name: button, exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

describe('tip-offs: the case handler and finance screens', () => {
  let tip: Submitted;
  let privateTip: Submitted;
  let handler: Page;

  afterAll(async () => {
    for (const id of [HANDLER, FINANCE, ADMIN]) await e2e.api(id, 'PATCH', '/api/me', { language: 'zh-CN' });
  });

  it('shows the new tip in the handler’s queue with its deadline, and opens the case', async () => {
    await e2e.api(HANDLER, 'PATCH', '/api/me', { language: 'zh-CN' });
    await e2e.api(FINANCE, 'PATCH', '/api/me', { language: 'zh-TW' });
    await e2e.api(ADMIN, 'PATCH', '/api/me', { language: 'en' });
    tip = await submitTip({
      category: 'two_non_sex_determination',
      place: `镇东路某诊所 ${STAMP}`,
      what: '该诊所的B超室晚上为孕妇做胎儿性别鉴定，每次收费两千元。',
      period: '2026年10月',
      provider: '镇东路私人诊所',
    });
    privateTip = await submitTip({
      category: 'misconduct',
      place: `村委会 ${STAMP}`,
      what: '办事窗口的工作人员态度很差，让我跑了三次才办好。',
      period: '上个月',
    });

    handler = await officerPage(HANDLER);
    await handler.getByRole('link', { name: /工作台/ }).click();
    await heading(handler, '工作台').waitFor();
    await handler.getByRole('link', { name: /举报办理/ }).waitFor();
    await handler.getByText(/办理中 \d+ 件 · 超期 \d+ 件/).waitFor();
    await e2e.screenshot(handler, 'tip-off-01-workbench-zh-CN');
    await handler.getByRole('link', { name: /举报办理/ }).click();
    await heading(handler, '举报受理').waitFor();
    const row = handler.locator('.queue-item', { hasText: numbered(tip.number) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/前确认收到/);
    await expect(row.textContent()).resolves.toMatch(/无人负责/);
    await e2e.screenshot(handler, 'tip-off-02-queue-zh-CN');
    // Filters apply at once: another category hides it, its own shows it.
    await handler.getByRole('combobox').nth(1).selectOption('illegal_fees');
    await row.waitFor({ state: 'detached' });
    await handler.getByRole('combobox').nth(1).selectOption('two_non_sex_determination');
    await row.waitFor();
    await row.click();
    await heading(handler, new RegExp(`#${tip.number}`)).waitFor();
    await handler.getByText('还没有人负责这件举报。').waitFor();
    await handler.getByText(/该诊所的B超室晚上/).waitFor();
    await handler.getByText('您每次打开举报和附件都会记入审计日志。').waitFor();
    await e2e.screenshot(handler, 'tip-off-03-case-zh-CN', { fullPage: true });
    expect(e2e.pageErrors(handler)).toEqual([]);
  });

  it('takes the case, writes to the reporter and a note the reporter never sees, and substantiates it', async () => {
    await step(handler, '确认收到并负责', '您的举报已收到，我们会尽快核实。');
    await handler.getByText('已确认收到，这件举报由您负责。').waitFor();
    await handler.getByText('这件举报由您负责（首问负责）。').waitFor();

    const composer = handler.locator('form.composer');
    await composer.getByRole('textbox').fill('请问您大约是几点去的诊所？');
    await composer.getByRole('button', { name: '发送给举报人' }).click();
    await handler.getByText('消息已发送给举报人。').waitFor();
    await handler.getByRole('radio', { name: '内部备注' }).check();
    await handler.getByText('内部备注只给受理员看，举报人永远看不到。').waitFor();
    await composer.getByRole('textbox').fill('已联系卫健局执法大队，周三联合检查。');
    await composer.getByRole('button', { name: '保存内部备注' }).click();
    await handler.getByText('内部备注已保存（举报人看不到）。').waitFor();
    const note = handler.locator('.message-note', { hasText: '周三联合检查' });
    await note.getByText('举报人看不到').waitFor();
    await note.scrollIntoViewIfNeeded();
    await e2e.screenshot(handler, 'tip-off-04-conversation-zh-CN');

    await step(handler, '立案', '举报属于受理范围，我们将立案核查。');
    await handler.getByText('已立案。').waitFor();
    await step(handler, '开始调查', '已安排调查核实。');
    await handler.getByText('已开始调查。').waitFor();
    await step(handler, '查证属实', '经联合检查，诊所确有非医学需要的胎儿性别鉴定行为，已依法查处。');
    await handler.getByText('已记录：查证属实。现在可以申报奖励。').waitFor();
  });

  it('proposes a reward within the published range and closes the case with a summary', async () => {
    await handler.getByText(/这一类别的奖励为/).waitFor();
    await handler.getByRole('button', { name: '申报奖励' }).click();
    const amount = handler.getByLabel('金额（元）');
    await amount.fill('20000');
    await handler.getByRole('button', { name: '提交奖励申报' }).click();
    await handler.getByText(/请填写 .*5,000.*10,000.* 之间的整数/).waitFor();
    await amount.fill('6000');
    await handler.getByRole('button', { name: '提交奖励申报' }).click();
    await handler.getByText(/已申报奖励 .*6,000，等待财务审批。/).waitFor();
    const summary = handler.locator('.reward-summary');
    await summary.scrollIntoViewIfNeeded();
    // The officers by name (from the API): who proposed it, who may approve it — never the reporter.
    await summary.locator('.summary-row', { hasText: '申报人' }).getByText('赵受理').waitFor();
    await summary
      .locator('.summary-row', { hasText: '现在可以批准' })
      .getByText(/刘财务/)
      .waitFor();
    await expect(
      summary.locator('.summary-row', { hasText: '现在可以批准' }).textContent(),
    ).resolves.not.toContain('赵受理');
    await e2e.screenshot(handler, 'tip-off-05-reward-proposed-zh-CN');

    await step(handler, '办结', '经查，举报属实，诊所已被依法查处并停业整顿。感谢您的举报。');
    await handler.getByText('已办结，举报人会看到办结说明。').waitFor();
    await handler.getByText('这件举报已办结。').waitFor();
    await e2e.screenshot(handler, 'tip-off-06-closed-zh-CN', { fullPage: true });
    expect(e2e.pageErrors(handler)).toEqual([]);
  });

  it('needs a second, different officer for ¥6,000: finance approves once and cannot confirm it', async () => {
    const finance = await officerPage(FINANCE);
    await finance.getByRole('link', { name: /工作台/ }).click();
    await finance.getByRole('link', { name: /獎勵審批與發放/ }).waitFor();
    await e2e.screenshot(finance, 'tip-off-07-workbench-finance-zh-TW');
    await finance.getByRole('link', { name: /獎勵審批與發放/ }).click();
    await heading(finance, '舉報獎勵').waitFor();
    const card = finance.locator('.reward-card', { hasText: numbered(tip.number) });
    await card.waitFor();
    await card.getByText('金額達到門檻：財務人員批准後，還需另一位人員確認。').waitFor();
    await card.getByRole('button', { name: '批准', exact: true }).click();
    await finance.getByRole('dialog').getByRole('button', { name: '批准', exact: true }).click();
    await finance.getByText(`舉報 #${tip.number} 的獎勵已第一次批准，還需另一位人員確認。`).waitFor();
    await card.getByText('已有第一次批准，等待第二人確認。').waitFor();
    await card
      .getByText(/第一次批准/)
      .first()
      .waitFor();
    // The first approver is not offered the confirmation (and the API would refuse it).
    await expect(card.getByRole('button', { name: /確認/ }).count()).resolves.toBe(0);
    await card.getByText(/您不能審批這筆獎勵/).waitFor();
    const people = card.locator('.reward-people');
    await people.locator('.summary-row', { hasText: '申報人' }).getByText('赵受理').waitFor();
    await people.locator('.summary-row', { hasText: '第一次批准' }).getByText('刘财务').waitFor();
    const confirmers = people.locator('.summary-row', { hasText: '現在可以確認' });
    await confirmers.getByText(/李管理/).waitFor();
    const confirmerText = await confirmers.locator('dd').textContent();
    expect(confirmerText).not.toContain('刘财务');
    expect(confirmerText).not.toContain('赵受理');
    await card.scrollIntoViewIfNeeded();
    await e2e.screenshot(finance, 'tip-off-08-awaiting-second-zh-TW');
    expect(e2e.pageErrors(finance)).toEqual([]);
  });

  it('lets the admin confirm it, then finance records the in-person claim and the payment', async () => {
    const admin = await officerPage(ADMIN);
    await admin.getByRole('link', { name: /Workbench/ }).click();
    await admin.getByRole('link', { name: /Approve and pay rewards/ }).click();
    await heading(admin, 'Tip-off rewards').waitFor();
    const card = admin.locator('.reward-card', { hasText: numbered(tip.number) });
    await card.getByText('Another finance officer or an administrator may confirm it, but not:').waitFor();
    await card
      .locator('.reward-people .summary-row', { hasText: 'May confirm now' })
      .getByText(/李管理/)
      .waitFor();
    await e2e.screenshot(admin, 'tip-off-09-second-confirmation-en');
    await card.getByRole('button', { name: 'Confirm (second approval)' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
    await admin
      .getByText(`The reward for tip-off #${tip.number} is approved: the reporter may claim it.`)
      .waitFor();
    expect(e2e.pageErrors(admin)).toEqual([]);

    const finance = await officerPage(FINANCE);
    await finance.getByRole('link', { name: /工作台/ }).click();
    await finance.getByRole('link', { name: /獎勵審批與發放/ }).click();
    await heading(finance, '舉報獎勵').waitFor();
    await finance.getByLabel('回執號').fill(tip.receipt.replace(/(\d{4})(?=\d)/g, '$1 '));
    await finance.getByRole('button', { name: '登記現場領取' }).click();
    await finance.getByText(new RegExp(`舉報 #${tip.number} 的獎勵 .*6,000 已現場申領`)).waitFor();
    await finance.getByRole('radio', { name: /待發放/ }).check();
    const card2 = finance.locator('.reward-card', { hasText: numbered(tip.number) });
    await card2.getByText('已申領，待發放').waitFor();
    await card2.getByRole('button', { name: '記為已發放' }).click();
    await card2.getByLabel('付款憑證號').fill(`XJ-${STAMP}`);
    await card2.locator('form').getByRole('button', { name: '記為已發放' }).click();
    await finance.getByText(new RegExp(`舉報 #${tip.number} 的獎勵 .*6,000 已記為發放。`)).waitFor();
    await e2e.screenshot(finance, 'tip-off-10-paid-zh-TW');

    await finance.getByRole('link', { name: '台帳' }).click();
    await heading(finance, '獎勵台帳').waitFor();
    const line = finance.locator('.ledger tr', { hasText: numbered(tip.number) });
    await line.getByText(`XJ-${STAMP}`).waitFor();
    await line.getByText('已發放').waitFor();
    await e2e.screenshot(finance, 'tip-off-11-ledger-zh-TW');
    const download = finance.waitForEvent('download');
    await finance.getByRole('button', { name: '下載 CSV' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(`${tip.number},非醫學需要的胎兒性別鑑定,6000,已發放`);
    expect(csv).toContain(`XJ-${STAMP}`);
    expect(csv).not.toContain(tip.receipt);
    expect(e2e.pageErrors(finance)).toEqual([]);
  });

  it('deletes a report about a private person at once, after warning the handler', async () => {
    await handler.getByRole('button', { name: /返回/ }).click();
    await heading(handler, '举报受理').waitFor();
    await handler.getByRole('combobox').nth(1).selectOption('');
    await handler.locator('.queue-item', { hasText: numbered(privateTip.number) }).click();
    await heading(handler, new RegExp(`#${privateTip.number}`)).waitFor();
    await step(handler, '确认收到并负责', '已收到。');
    await handler.getByRole('button', { name: '不予受理', exact: true }).click();
    await handler.getByRole('radio', { name: /涉及个人隐私/ }).check();
    await handler.getByText('内容将立即删除').waitFor();
    await handler
      .locator('form.action-form')
      .getByRole('textbox')
      .fill('系统不受理涉及个人隐私的举报，内容已删除。');
    await e2e.screenshot(handler, 'tip-off-12-private-person-warning-zh-CN');
    await handler.getByRole('button', { name: '不予受理并删除内容' }).click();
    const dialog = handler.getByRole('dialog');
    await dialog.getByText(`删除举报 #${privateTip.number} 的内容？`).waitFor();
    await e2e.screenshot(handler, 'tip-off-13-private-person-confirm-zh-CN');
    await dialog.getByRole('button', { name: '删除', exact: true }).click();
    await handler.getByText('已标记为不予受理。').waitFor();
    await handler.getByText(/内容、留言和附件已全部删除/).waitFor();
    await expect(handler.getByText('办事窗口的工作人员态度很差').count()).resolves.toBe(0);
    await e2e.screenshot(handler, 'tip-off-14-private-person-deleted-zh-CN');
    expect(e2e.pageErrors(handler)).toEqual([]);
  });

  it('reads well in English and Traditional Chinese, and at 1024 px', async () => {
    await e2e.api(HANDLER, 'PATCH', '/api/me', { language: 'en' });
    const en = await officerPage(HANDLER);
    await en.getByRole('link', { name: /Workbench/ }).click();
    await en.getByRole('link', { name: /Tip-off queue/ }).click();
    await heading(en, 'Tip-offs').waitFor();
    await en.getByRole('radio', { name: 'All' }).check();
    await en.locator('.queue-item', { hasText: numbered(tip.number) }).waitFor();
    await e2e.screenshot(en, 'tip-off-15-queue-en');
    await en.locator('.queue-item', { hasText: numbered(tip.number) }).click();
    await en.getByText('Reporter never sees this').first().waitFor();
    await e2e.screenshot(en, 'tip-off-16-case-en', { fullPage: true });
    await en.getByRole('button', { name: /Back/ }).click();
    await en.getByRole('link', { name: 'Figures' }).click();
    await heading(en, 'Tip-offs in figures').waitFor();
    await en.getByRole('heading', { name: 'Tip-offs per category per month' }).waitFor();
    await e2e.screenshot(en, 'tip-off-17-charts-en', { fullPage: true });
    await en.setViewportSize({ width: 1024, height: 768 });
    await e2e.screenshot(en, 'tip-off-18-charts-en-1024');
    expect(e2e.pageErrors(en)).toEqual([]);

    await e2e.api(HANDLER, 'PATCH', '/api/me', { language: 'zh-TW' });
    const tw = await officerPage(HANDLER);
    await tw.getByRole('link', { name: /工作台/ }).click();
    await tw.getByRole('link', { name: /舉報辦理/ }).click();
    await heading(tw, '舉報受理').waitFor();
    await tw.getByRole('radio', { name: '全部' }).check();
    await tw.locator('.queue-item', { hasText: numbered(tip.number) }).waitFor();
    await e2e.screenshot(tw, 'tip-off-19-queue-zh-TW');
    await tw.setViewportSize({ width: 1024, height: 768 });
    await e2e.screenshot(tw, 'tip-off-20-queue-zh-TW-1024');

    const admin = await officerPage(ADMIN);
    await admin.getByRole('link', { name: /Workbench/ }).click();
    await admin.getByRole('link', { name: /Reward table/ }).click();
    await heading(admin, 'Reward table').waitFor();
    await admin
      .getByText(
        'Rewards of ¥5,000 or more need a second confirmation (never by the proposer or the first approver).',
      )
      .waitFor();
    await e2e.screenshot(admin, 'tip-off-21-tiers-en', { fullPage: true });
    expect(e2e.pageErrors(tw)).toEqual([]);
    expect(e2e.pageErrors(admin)).toEqual([]);
  });
});
