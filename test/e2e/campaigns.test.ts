// The publicity story in a real browser against the real stack: 陈宣传 composes a campaign (title,
// topic, one village with the live count, Simplified Chinese and English messages with a button),
// sends herself a test and submits it; she is not offered — and the API refuses — the approval of her
// own campaign; Grace Publicity approves it in English from her chat notification; 陈宣传 sends it now
// and watches the progress bar reach 100 %, then reads the figures as charts; the resident of that
// village gets the English message in the Telegram sandbox, opens the app from its button (a
// counted click) and finds it under past campaigns. A resident switches a topic off in settings and
// it stays off after a reload; the service guide shows the certificate procedure; an officer adds a
// guide page and removes it again. A message Telegram refuses shows as failed and "resend to the
// failed only" reaches exactly that person in a new round; a scheduled campaign is cancelled after
// confirming. Screenshots of each step go to test-results/e2e/.
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RecordedCall } from '../harness/telegram-sandbox';
import { setupE2e } from './harness';

const e2e = setupE2e();

const CHEN = 900003; // 陈宣传, publicity officer, whole township
const GRACE = 900007; // Grace Publicity, publicity officer, reads English
const ALICE = 900105; // Alice Chen, 北苑社区, moved away, reads English
const RESIDENT = 900101; // 张小明, 东山村
const NEWCOMER = 900104; // 陈伟, 南湖社区
const ALL_TOPICS = [
  'marriage_customs',
  'care_for_girls',
  'family_support',
  'pre_pregnancy_checkup',
  'women_health',
  'birth_policy',
];
// Unique per run, so a shared DATABASE_URL with earlier runs still finds this campaign.
const STAMP = Date.now() % 1_000_000;
const TITLE = `关爱女孩宣传周 ${STAMP}`;

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** The page's main action: Telegram's Main button inside Telegram, this pinned button in a browser. */
function mainButton(page: Page) {
  return page.locator('.main-button-slot button');
}

/** The address a bot button opens, on this stack, signed in as `telegramId` (like Telegram does). */
async function openFromButton(telegramId: number, url: string): Promise<string> {
  const launch = new URL(await e2e.launchUrl(telegramId));
  const target = new URL(url);
  return `${e2e.url}${target.pathname}${target.search}${launch.hash}`;
}

function sandbox() {
  const s = e2e.stack.sandbox;
  if (!s) throw new Error('the stack runs without the Telegram sandbox');
  return s;
}

function webAppUrl(call: RecordedCall): string {
  const markup = call.params.reply_markup as { inline_keyboard: { web_app?: { url: string } }[][] };
  const url = markup.inline_keyboard.flat().find((b) => b.web_app)?.web_app?.url;
  if (!url) throw new Error(`no web_app button in ${JSON.stringify(call.params)}`);
  return url;
}

describe('publicity campaign: compose, approve (four eyes), send, reach', () => {
  let chen: Page;
  let campaignId = '';
  let beiyuanId = 0;

  it('lets 陈宣传 compose a campaign for one village, seeing the live count change', async () => {
    // Known starting point, also on a shared DATABASE_URL: languages and Alice's topics.
    await e2e.api(CHEN, 'PATCH', '/api/me', { language: 'zh-CN' });
    await e2e.api(GRACE, 'PATCH', '/api/me', { language: 'en' });
    await e2e.api(ALICE, 'PATCH', '/api/me', { language: 'en' });
    await e2e.api(ALICE, 'PUT', '/api/me/topics', { topics: ALL_TOPICS });
    const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
      CHEN,
      'GET',
      '/api/villages',
    );
    beiyuanId = villages.find((v) => v.name === '北苑社区')!.id;
    const count = (villageIds?: number) =>
      e2e.api<{ total: number }>(
        CHEN,
        'GET',
        `/api/campaigns/audience/count?topic=care_for_girls${villageIds ? `&villageIds=${villageIds}` : ''}`,
      );
    const everyone = (await count()).total;
    const inBeiyuan = (await count(beiyuanId)).total;
    expect(inBeiyuan).toBeGreaterThanOrEqual(1);
    expect(everyone).toBeGreaterThan(inBeiyuan);

    chen = await e2e.newPage();
    chen.setDefaultTimeout(15_000);
    await e2e.loginAs(chen, CHEN);
    await chen.getByRole('link', { name: /工作台/ }).click();
    await heading(chen, '工作台').waitFor();
    await chen.getByRole('link', { name: /宣传活动/ }).waitFor();
    await chen.getByText(/草稿 \d+ · 待审批 \d+ · 待发送 \d+ · 发送中 \d+/).waitFor();
    await e2e.screenshot(chen, 'pub-01-workbench');
    await chen.getByRole('link', { name: /宣传活动/ }).click();
    await heading(chen, '宣传').waitFor();
    await chen.getByRole('radio', { name: /草稿/ }).waitFor();
    await chen.locator('.state:not([role="status"]), .campaign-row').first().waitFor();
    await e2e.screenshot(chen, 'pub-02-list');

    await mainButton(chen).getByText('新建宣传').click();
    await heading(chen, '新建宣传').waitFor();
    await chen.getByLabel('标题').fill(TITLE);
    await chen.getByLabel('主题').selectOption('care_for_girls');
    // All villages first, then one: the count follows (debounced) without saving anything.
    await chen.getByText(`预计送达 ${everyone} 人`).waitFor();
    await chen.getByRole('checkbox', { name: '北苑社区' }).check();
    await chen.getByText(`预计送达 ${inBeiyuan} 人`).waitFor();
    await chen.getByText(/English [1-9]/).waitFor();
    await chen.getByRole('checkbox', { name: '北苑社区' }).scrollIntoViewIfNeeded();
    await e2e.screenshot(chen, 'pub-03-compose-audience');

    // Simplified Chinese in the HTML view (the formatted view has its own test in
    // home-and-campaign-editor.test.ts), with the toolbar: select the first words and make them bold.
    await chen.getByRole('button', { name: 'HTML 源码' }).click();
    const zh = chen.getByLabel('正文（简体中文）');
    await zh.fill('关爱女孩，从我做起。\n女孩和男孩一样，都是家庭的希望。了解更多请点下方按钮。');
    await zh.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 4));
    await chen.getByRole('button', { name: '加粗' }).click();
    await expect.poll(() => zh.inputValue()).toMatch(/^<b>关爱女孩<\/b>，从我做起。/);
    await chen.locator('.tg-bubble b', { hasText: '关爱女孩' }).waitFor();
    await chen.getByRole('checkbox', { name: '在消息下方加一个按钮' }).check();
    await chen.getByLabel('按钮文字').fill('查看往期宣传');
    expect(await chen.getByLabel('要打开的页面').inputValue()).toBe('campaigns');
    await chen.locator('.tg-inline-button', { hasText: '查看往期宣传' }).waitFor();
    await chen.locator('.tg-preview').scrollIntoViewIfNeeded();
    await e2e.screenshot(chen, 'pub-04-compose-zh-CN');

    await chen.getByRole('radio', { name: /English/ }).check();
    // Half-typed markup: the preview shows what Telegram would answer, not a guess at the formatting.
    await chen.getByLabel('正文（English）').fill('<b>Care for girls starts with us.');
    const refused = chen.locator('.tg-bubble .tg-refused');
    await refused.getByText('Telegram 会拒绝发送这段文字：').waitFor();
    await refused.getByText('<b> 没有闭合（第 1 个字符）。').waitFor();
    expect(await chen.locator('.tg-bubble b').count()).toBe(0);
    await refused.scrollIntoViewIfNeeded();
    await e2e.screenshot(chen, 'pub-05-compose-refused');
    await chen
      .getByLabel('正文（English）')
      .fill('<b>Care for girls</b> starts with us.\nGirls and boys are <i>equally</i> the hope of a family.');
    await chen.getByRole('checkbox', { name: '在消息下方加一个按钮' }).check();
    await chen.getByLabel('按钮文字').fill('Past campaigns');
    await chen.locator('.tg-bubble i', { hasText: 'equally' }).waitFor();
    await e2e.screenshot(chen, 'pub-05-compose-en');
    await e2e.screenshot(chen, 'pub-05-compose-en-full', { fullPage: true });

    await mainButton(chen).getByText('保存草稿').click();
    await chen.waitForURL(/\/app\/publicity\/campaigns\/[0-9a-f-]{36}$/);
    campaignId = /campaigns\/([0-9a-f-]{36})/.exec(chen.url())![1]!;
    await heading(chen, TITLE).waitFor();
    await chen.getByText('草稿已保存。可以继续添加其他语言版本和图片，再提交审批。').waitFor();
    const saved = await e2e.api<{ variants: { language: string; text: string; button: unknown }[] }>(
      CHEN,
      'GET',
      `/api/campaigns/${campaignId}`,
    );
    expect(saved.variants.map((v) => v.language).sort()).toEqual(['en', 'zh-CN']);
    expect(saved.variants.find((v) => v.language === 'zh-CN')!.button).toEqual({
      text: '查看往期宣传',
      kind: 'mini_app',
      target: 'campaigns',
    });
    expect(e2e.pageErrors(chen)).toEqual([]);
  });

  it('sends 陈宣传 a test to her own chat, then submits; she cannot approve her own campaign', async () => {
    await chen.getByRole('button', { name: '发送测试消息给自己（简体中文）' }).click();
    await chen.getByText('测试消息（简体中文）已发到您与机器人的对话中。').waitFor();
    const test = await sandbox().waitForCall(
      (c) =>
        c.method === 'sendMessage' && c.params.chat_id === CHEN && String(c.params.text).includes('从我做起'),
    );
    expect(test.params.text).toMatch(/^<b>关爱女孩<\/b>/);
    expect(test.params.parse_mode).toBe('HTML');

    await mainButton(chen).getByText('提交审批').click();
    await chen.getByText('已提交审批，审批人会在对话中收到通知。').waitFor();
    await chen.locator('.status-card').getByText('待审批').waitFor();
    // Four eyes: no approve button for the author, and the API refuses it too.
    await chen.getByText(/撰写人不能审批自己的宣传/).waitFor();
    expect(await chen.getByRole('button', { name: '批准' }).count()).toBe(0);
    expect(await mainButton(chen).count()).toBe(0);
    await expect(e2e.api(CHEN, 'POST', `/api/campaigns/${campaignId}/approve`)).rejects.toThrow(
      /403.*own_campaign/,
    );
    await e2e.screenshot(chen, 'pub-06-submitted-own');
    await e2e.screenshot(chen, 'pub-06-submitted-own-full', { fullPage: true });
    expect(e2e.pageErrors(chen)).toEqual([]);
  });

  it('lets Grace Publicity approve it in English, opened from her chat notification', async () => {
    const notice = await sandbox().waitForCall(
      (c) =>
        c.method === 'sendMessage' &&
        c.params.chat_id === GRACE &&
        JSON.stringify(c.params.reply_markup ?? '').includes(campaignId),
      15_000,
    );
    const grace = await e2e.newPage({ locale: 'en' });
    grace.setDefaultTimeout(15_000);
    await grace.goto(await openFromButton(GRACE, webAppUrl(notice)));
    await heading(grace, TITLE).waitFor();
    await grace.locator('.status-card').getByText('Awaiting approval').waitFor();
    await grace.getByText('Written by').waitFor();
    await grace.getByText('北苑社区').first().waitFor();
    await grace.getByText(/Recipients now: [1-9]/).waitFor();
    // What she approves is what the author wrote, in each language.
    // Her own language's version first, then the Simplified Chinese one.
    await grace.locator('.tg-bubble b', { hasText: 'Care for girls' }).waitFor();
    await grace.getByRole('radio', { name: '简体中文' }).check();
    await grace.locator('.tg-bubble b', { hasText: '关爱女孩' }).waitFor();
    await grace.getByRole('button', { name: 'Return for changes' }).waitFor();
    await e2e.screenshot(grace, 'pub-07-approve-en');
    await e2e.screenshot(grace, 'pub-07-approve-en-full', { fullPage: true });

    await mainButton(grace).getByText('Approve').click();
    await grace.getByText('Approved; the author can now send it.').waitFor();
    await grace.locator('.status-card').getByText('Approved', { exact: true }).waitFor();
    await grace.getByText('Approved by').waitFor();
    // Only publicity officers schedule: Grace is one, but it is the author's to send here.
    expect(e2e.pageErrors(grace)).toEqual([]);
  });

  it('lets 陈宣传 send it now; the progress bar reaches 100 % and the figures show as charts', async () => {
    await chen.reload();
    await heading(chen, TITLE).waitFor();
    await chen.locator('.status-card').getByText('已审批').waitFor();
    await mainButton(chen).getByText('安排发送').click();
    const dialog = chen.getByRole('dialog', { name: '安排发送' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: '立即发送' }).isChecked()).toBe(true);
    await e2e.screenshot(chen, 'pub-08-send-dialog');
    await dialog.getByRole('button', { name: '确认立即发送' }).click();

    const bar = chen.getByRole('progressbar', { name: '发送进度' });
    await bar.waitFor();
    await e2e.screenshot(chen, 'pub-09-progress');
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await chen.locator('.status-card').getByText('已发送').waitFor({ timeout: 30_000 });
    await chen.getByText('100%').first().waitFor();
    await chen.getByRole('img', { name: /发送结果.*已送达 [1-9]/ }).waitFor();
    await chen.getByRole('img', { name: /按村（社区）.*北苑社区/ }).waitFor();
    await chen.getByRole('img', { name: /按语言/ }).waitFor();
    const stats = await e2e.api<{ delivered: number; failed: number }>(
      CHEN,
      'GET',
      `/api/campaigns/${campaignId}/stats`,
    );
    expect(stats.delivered).toBeGreaterThanOrEqual(1);
    expect(stats.failed).toBe(0);
    await bar.scrollIntoViewIfNeeded();
    await e2e.screenshot(chen, 'pub-10-sent-progress');
    await chen.getByRole('heading', { name: '发送结果' }).scrollIntoViewIfNeeded();
    await e2e.screenshot(chen, 'pub-11-sent-charts');
    await e2e.screenshot(chen, 'pub-11-sent-full', { fullPage: true });
    expect(e2e.pageErrors(chen)).toEqual([]);
  });

  it("delivers Alice's message in English; its button opens the app (a counted click) at past campaigns", async () => {
    const message = await sandbox().waitForCall(
      (c) =>
        c.method === 'sendMessage' &&
        c.params.chat_id === ALICE &&
        String(c.params.text).includes('Care for girls'),
      15_000,
    );
    expect(message.params.text).toBe(
      '<b>Care for girls</b> starts with us.\nGirls and boys are <i>equally</i> the hope of a family.',
    );
    expect(message.params.parse_mode).toBe('HTML');
    // Never the Simplified Chinese version for her.
    expect(
      sandbox().calls.some(
        (c) =>
          c.method === 'sendMessage' &&
          c.params.chat_id === ALICE &&
          String(c.params.text).includes('关爱女孩'),
      ),
    ).toBe(false);
    const button = webAppUrl(message);
    expect(new URL(button).pathname).toBe('/app/campaigns');
    expect(new URL(button).searchParams.get('c')).toBe(campaignId);

    const alice = await e2e.newPage({ locale: 'en' });
    alice.setDefaultTimeout(15_000);
    const click = alice.waitForResponse((r) => r.url().endsWith(`/api/campaigns/${campaignId}/click`));
    await alice.goto(await openFromButton(ALICE, button));
    await heading(alice, 'Past campaigns').waitFor();
    expect((await click).status()).toBe(204);
    // The parameter is reported once and dropped from the address.
    expect(new URL(alice.url()).search).toBe('');
    const row = alice.locator(`a[href="/app/campaigns/${campaignId}"]`);
    await row.getByText(TITLE).waitFor();
    await row.getByText('Care for girls starts with us.').waitFor();
    await row.getByText('Care for girls').first().waitFor();
    const preview = await row.locator('.published-preview').textContent();
    await e2e.screenshot(alice, 'pub-12-resident-past-en');

    await row.click();
    await heading(alice, TITLE).waitFor();
    await alice.locator('.tg-html b', { hasText: 'Care for girls' }).waitFor();
    await alice.locator('.tg-html i', { hasText: 'equally' }).waitFor();
    // The page draws the same text the server extracted for the list (one parser for both).
    expect(await alice.locator('.tg-html').textContent()).toBe(preview);
    await alice.getByRole('link', { name: 'Past campaigns' }).first().waitFor();
    await e2e.screenshot(alice, 'pub-13-resident-campaign-en');
    expect(e2e.pageErrors(alice)).toEqual([]);

    // The officer's figures count the open from the button.
    await chen.reload();
    await chen.getByText('按钮点击（1 人）').waitFor();
  });
});

describe('a failed recipient, resend to the failed only, and cancel', () => {
  /** Draft → variant → submitted → approved by Grace, through the API (the browser test above covers the pages). */
  async function approved(title: string, villageId: number): Promise<string> {
    const { id } = await e2e.api<{ id: string }>(CHEN, 'POST', '/api/campaigns', {
      title,
      topic: 'birth_policy',
      audience: { villageIds: [villageId], languages: [], statuses: [] },
    });
    await e2e.api(CHEN, 'PUT', `/api/campaigns/${id}/variants/zh-CN`, {
      text: '<b>生育支持政策</b>：请到村卫生室咨询。',
    });
    await e2e.api(CHEN, 'POST', `/api/campaigns/${id}/submit`);
    await e2e.api(GRACE, 'POST', `/api/campaigns/${id}/approve`);
    return id;
  }

  it('shows a message Telegram refused as failed, and resends to exactly that person in a new round', async () => {
    await e2e.api(RESIDENT, 'PUT', '/api/me/topics', { topics: ALL_TOPICS });
    await e2e.api(CHEN, 'PATCH', '/api/me', { language: 'zh-CN' });
    const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
      CHEN,
      'GET',
      '/api/villages',
    );
    const dongshan = villages.find((v) => v.name === '东山村')!.id;
    const id = await approved(`生育支持 ${STAMP}`, dongshan);

    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(await openFromButton(CHEN, `${e2e.url}/app/publicity/campaigns/${id}`));
    await heading(page, `生育支持 ${STAMP}`).waitFor();
    // Telegram will refuse the message to 张小明 once ("chat not found": a permanent failure).
    sandbox().injectFailure({
      method: 'sendMessage',
      chatId: RESIDENT,
      status: 400,
      description: 'Bad Request: chat not found',
    });
    await mainButton(page).getByText('安排发送').click();
    await page
      .getByRole('dialog', { name: '安排发送' })
      .getByRole('button', { name: '确认立即发送' })
      .click();
    await page.locator('.status-card').getByText('已发送').waitFor({ timeout: 30_000 });
    const stats = await e2e.api<{ delivered: number; failed: number }>(
      CHEN,
      'GET',
      `/api/campaigns/${id}/stats`,
    );
    expect(stats.failed).toBe(1);
    // The outcomes chart names the reason.
    await page.getByRole('img', { name: /发送结果.*Telegram 拒收 1/ }).waitFor();

    await page.getByRole('button', { name: '仅重发给失败的 1 人' }).click();
    await page.getByText('已为失败的 1 人创建重发批次（内容已审批），请安排发送。').waitFor();
    await page.locator('.status-card').getByText('已审批').waitFor();
    const roundId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(roundId).not.toBe(id);
    await e2e.screenshot(page, 'pub-18-resend-round');
    await mainButton(page).getByText('安排发送').click();
    await page
      .getByRole('dialog', { name: '安排发送' })
      .getByRole('button', { name: '确认立即发送' })
      .click();
    await page.locator('.status-card').getByText('已发送').waitFor({ timeout: 30_000 });
    const round = await e2e.api<{ delivered: number; failed: number }>(
      CHEN,
      'GET',
      `/api/campaigns/${roundId}/stats`,
    );
    expect(round).toMatchObject({ delivered: 1, failed: 0 });
    // 张小明 got it from the new round; nobody else got the message a second time.
    const sent = sandbox().calls.filter(
      (c) =>
        c.method === 'sendMessage' &&
        c.status === 200 &&
        String(c.params.text).startsWith('<b>生育支持政策</b>'),
    );
    expect(sent.filter((c) => c.params.chat_id === RESIDENT)).toHaveLength(1);
    expect(new Set(sent.map((c) => c.params.chat_id)).size).toBe(sent.length);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('lets the officer cancel a scheduled campaign, after confirming; nothing is sent', async () => {
    const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
      CHEN,
      'GET',
      '/api/villages',
    );
    const id = await approved(`取消测试 ${STAMP}`, villages.find((v) => v.name === '东山村')!.id);
    await e2e.api(CHEN, 'POST', `/api/campaigns/${id}/schedule`, {
      at: new Date(Date.now() + 3 * 3600_000).toISOString(),
    });
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(await openFromButton(CHEN, `${e2e.url}/app/publicity/campaigns/${id}`));
    await heading(page, `取消测试 ${STAMP}`).waitFor();
    await page.getByText(/定于 .*（北京时间）发送。/).waitFor();
    await page.getByRole('button', { name: '取消这条宣传' }).click();
    const dialog = page.getByRole('dialog', { name: '取消这条宣传？' });
    await dialog.getByText('取消后不会发送，也不能恢复；内容保留在记录中。').waitFor();
    await dialog.getByRole('button', { name: '取消这条宣传' }).click();
    await page.getByText('已取消。').waitFor();
    await page.locator('.status-card').getByText('已取消').waitFor();
    await e2e.screenshot(page, 'pub-19-cancelled');
    const view = await e2e.api<{ status: string }>(CHEN, 'GET', `/api/campaigns/${id}`);
    expect(view.status).toBe('cancelled');
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('topics and the service guide', () => {
  it('lets a resident switch a topic off in settings, and it stays off after a reload', async () => {
    await e2e.api(NEWCOMER, 'PATCH', '/api/me', { language: 'zh-CN' });
    await e2e.api(NEWCOMER, 'PUT', '/api/me/topics', { topics: ALL_TOPICS });
    // The newcomer gets every topic back, passed or failed: other tests count on the seed's state.
    onTestFinished(() => e2e.api(NEWCOMER, 'PUT', '/api/me/topics', { topics: ALL_TOPICS }));
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await e2e.loginAs(page, NEWCOMER);
    await page.getByRole('link', { name: '设置' }).click();
    await heading(page, '设置').waitFor();
    const topic = page.getByRole('switch', { name: '两癌筛查' });
    await topic.waitFor();
    expect(await topic.isChecked()).toBe(true);
    await page.getByText(/发送 \/stop 可一次退订全部宣传/).waitFor();
    await topic.uncheck();
    await page.getByText('已保存', { exact: true }).waitFor();
    await topic.scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'pub-14-settings-topics');

    await page.reload();
    await heading(page, '设置').waitFor();
    await page.getByRole('switch', { name: '关爱女孩' }).waitFor();
    expect(await page.getByRole('switch', { name: '两癌筛查' }).isChecked()).toBe(false);
    expect(await page.getByRole('switch', { name: '关爱女孩' }).isChecked()).toBe(true);
    const { topics } = await e2e.api<{ topics: { code: string; subscribed: boolean }[] }>(
      NEWCOMER,
      'GET',
      '/api/me/topics',
    );
    expect(topics.find((x) => x.code === 'women_health')?.subscribed).toBe(false);
    expect(topics.filter((x) => x.subscribed)).toHaveLength(ALL_TOPICS.length - 1);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('shows the service guide from the home page, with the certificate procedure, documents, time limit and fee', async () => {
    await e2e.api(RESIDENT, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await e2e.loginAs(page, RESIDENT);
    await page.getByRole('link', { name: /宣传与办事指南/ }).click();
    await heading(page, '宣传与办事指南').waitFor();
    expect(await page.getByText('即将上线').count()).toBe(0);
    await page.getByRole('heading', { name: '最新宣传' }).waitFor();
    await page.getByRole('link', { name: /全部往期宣传/ }).waitFor();
    await e2e.screenshot(page, 'pub-15-guide');
    await e2e.screenshot(page, 'pub-15-guide-full', { fullPage: true });

    await page.getByRole('link', { name: '流动人口婚育证明' }).click();
    await heading(page, '流动人口婚育证明').waitFor();
    await page.getByText('办理流程', { exact: true }).waitFor();
    await page.getByRole('listitem').filter({ hasText: '上传材料' }).waitFor();
    await page.getByText('所需材料', { exact: true }).waitFor();
    await page.getByText('本人居民身份证；户口簿本人页；已婚者提供结婚证。').waitFor();
    await page.getByText('办理时限', { exact: true }).waitFor();
    await page.getByText('收费标准', { exact: true }).waitFor();
    await page.getByText('免费。').waitFor();
    // Residents read; only publicity officers and admins edit.
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    await e2e.screenshot(page, 'pub-16-guide-certificate');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('lets a publicity officer add a guide page, which residents can read, and remove it again', async () => {
    await e2e.api(CHEN, 'PATCH', '/api/me', { language: 'zh-CN' });
    const slug = `e2e-${STAMP}`;
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto((await e2e.launchUrl(CHEN)).replace('/app/#', '/app/guide#'));
    await heading(page, '宣传与办事指南').waitFor();
    await page.getByRole('link', { name: '新增页面' }).click();
    await heading(page, '新增办事指南').waitFor();
    // Nothing filled in: every problem is named at once, nothing is saved.
    await mainButton(page).getByText('保存').click();
    await page.locator('#g-slug-error').waitFor();
    await page.getByLabel('页面代码').fill(slug);
    await page.getByLabel('标题（简体中文）').fill('两癌免费筛查');
    await page
      .getByLabel('正文（简体中文）')
      .fill(
        '对象：35–64 岁妇女。\n办理流程：到村（社区）登记 → 按通知到乡镇卫生院检查 → 领取结果。\n收费标准：免费。',
      );
    await page.locator('.guide-preview').getByText('到村（社区）登记').waitFor();
    await e2e.screenshot(page, 'pub-17-guide-edit');
    await mainButton(page).getByText('保存').click();
    await heading(page, '两癌免费筛查').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/guide/${slug}`);
    // No English text: English readers get the Simplified Chinese page, and are told so.
    const english = await e2e.api<{ language: string; title: string }>(ALICE, 'GET', `/api/guide/${slug}`);
    expect(english).toMatchObject({ language: 'zh-CN', title: '两癌免费筛查' });

    await page.getByRole('link', { name: '编辑' }).click();
    await heading(page, '编辑办事指南').waitFor();
    await page.getByRole('button', { name: '删除此页' }).click();
    await page.getByText(/确定删除“两癌免费筛查”吗/).waitFor();
    await page.locator('.panel-warning').getByRole('button', { name: '删除此页' }).click();
    await heading(page, '宣传与办事指南').waitFor();
    expect(await page.getByRole('link', { name: '两癌免费筛查' }).count()).toBe(0);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});
