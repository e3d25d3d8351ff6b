// The reporter's side of tip-offs in a 360 px browser: the mini app (submit → receipt shown once →
// "I have saved it" → follow with the receipt → reply; kept on the phone through Telegram's
// SecureStorage) and the login-free /report page (submit without Telegram, attachments, follow-up, the
// screening refusal that keeps what was typed, throttling shown calmly), in three languages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { smallPdf } from '../fixtures/certificates';
import { phoneJpeg } from '../fixtures/uploads';
import { setupE2e } from './harness';

const e2e = setupE2e();

const RESIDENT = 900101; // 张小明, zh-CN
const ALICE = 900105; // Alice Chen, en

const WHAT_ZH = '东山村路口的一家诊所用B超给孕妇看胎儿性别，每次收费800元，晚上才开门。';
const WHAT_EN =
  'A clinic near the market tells pregnant women the sex of the fetus by ultrasound for 800 yuan.';

/** Plays Telegram's Android client (Bot API 9.1) with a working SecureStorage, recording what is stored. */
const TELEGRAM_WITH_STORAGE = `window.__secure = {};
  const send = (type, data) => setTimeout(() => window.Telegram.WebView.receiveEvent(type, data), 0);
  window.TelegramWebviewProxy = {
    postEvent(type, raw) {
      const data = raw ? JSON.parse(raw) : {};
      if (type === 'web_app_secure_storage_save_key') {
        if (data.value === null) delete window.__secure[data.key]; else window.__secure[data.key] = data.value;
        send('secure_storage_key_saved', { req_id: data.req_id });
      }
      if (type === 'web_app_secure_storage_get_key')
        send('secure_storage_key_received', { req_id: data.req_id, value: window.__secure[data.key] ?? null, can_restore: false });
      if (type.startsWith('web_app_device_storage_')) send('device_storage_failed', { req_id: data.req_id, error: 'UNSUPPORTED' });
    },
  };`;

async function launch(page: Page, telegramId: number, path: string, telegram?: { platform: string }) {
  const url = new URL(await e2e.launchUrl(telegramId));
  const hash = new URLSearchParams(url.hash.slice(1));
  if (telegram) {
    hash.set('tgWebAppPlatform', telegram.platform);
    hash.set('tgWebAppVersion', '9.1');
  }
  await page.goto(`${e2e.url}/app${path}#${hash}`);
  await page.locator('main h1').first().waitFor();
}

async function fillForm(
  page: Page,
  options: { category: string; place: string; what: string; period: string },
) {
  await page.getByRole('radio', { name: new RegExp(options.category) }).check();
  await page.locator('#tip-place').fill(options.place);
  await page.locator('#tip-what').fill(options.what);
  await page.locator('#tip-period').fill(options.period);
}

async function shownReceipt(page: Page): Promise<string> {
  const digits = await page.locator('.receipt-digits').getAttribute('data-receipt');
  expect(digits).toMatch(/^\d{16}$/);
  // Shown in groups of four.
  expect(await page.locator('.receipt-group').allTextContents()).toEqual(digits!.match(/\d{4}/g));
  return digits!;
}

describe('reporter in the mini app', () => {
  it('sends a report, shows the receipt once with a required "saved" step, then follows and replies with it', async () => {
    const page = await e2e.newPage();
    await launch(page, RESIDENT, '/tip-offs/start');
    await page.getByRole('heading', { name: '有奖举报' }).waitFor();
    // The channel says what Telegram knows and offers the web page; the reward table comes from the API.
    await page.getByText('这里的举报是保密的，但不是匿名的').waitFor();
    await page.locator('.tip-web-address', { hasText: '/report' }).waitFor();
    await page.locator('.tier-table tbody tr').nth(4).waitFor();
    expect(await page.locator('.tier-table tbody tr').count()).toBe(5);
    await e2e.screenshot(page, 'tipoffs-01-start-zh-CN', { fullPage: true });

    await page.getByRole('link', { name: '开始举报' }).first().click();
    await page.locator('#tip-what').waitFor();
    await fillForm(page, {
      category: '非医学需要的胎儿性别鉴定',
      place: '镇东路口诊所',
      what: WHAT_ZH,
      period: '今年十月',
    });
    await e2e.screenshot(page, 'tipoffs-02-form-zh-CN', { fullPage: true });
    await page.getByRole('button', { name: '提交举报' }).click();

    await page.locator('.receipt-digits').waitFor();
    const receipt = await shownReceipt(page);
    await e2e.screenshot(page, 'tipoffs-03-receipt-zh-CN', { fullPage: true });
    // Leaving needs "I have saved it".
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByText('请先记下回执号，再勾选这一项。').waitFor();
    await page.getByLabel('我已经记下了回执号').check();
    await page.getByRole('button', { name: '完成' }).click();
    await page.waitForURL(/\/app\/tip-offs\/start/);
    // The receipt was never in an address.
    expect(page.url()).not.toContain(receipt);

    await launch(page, RESIDENT, '/tip-offs/follow');
    await page
      .locator('#follow-receipt')
      .fill(`${receipt.slice(0, 4)}-${receipt.slice(4, 8)} ${receipt.slice(8)}`);
    await page.getByRole('button', { name: '查看' }).click();
    await page.locator('.tip-status-view').waitFor();
    await page.locator('.badge[data-status="received"]').waitFor();
    await page.locator('#tip-reply').fill('诊所门口挂着“妇科”的牌子，晚上八点以后开门。');
    await page.getByRole('button', { name: '发送' }).click();
    await page.locator('.tip-message-reporter', { hasText: '晚上八点以后开门' }).waitFor();
    await e2e.screenshot(page, 'tipoffs-04-follow-zh-CN', { fullPage: true });
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('keeps the receipt in Telegram SecureStorage when asked, and opens the report from it', async () => {
    const page = await e2e.newPage({ locale: 'en', initScript: TELEGRAM_WITH_STORAGE });
    await launch(page, ALICE, '/tip-offs/new', { platform: 'android' });
    await fillForm(page, {
      category: 'Illegal sale of abortion drugs',
      place: 'Pharmacy on Station Road',
      what: 'The pharmacy on Station Road sells abortion pills without any prescription.',
      period: 'last month',
    });
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('.receipt-digits').waitFor();
    const receipt = await shownReceipt(page);
    await page.getByRole('button', { name: 'Keep it on this phone' }).click();
    await page.getByText("Kept in this phone's secure storage.").waitFor();
    const stored = await page.evaluate(
      () => (window as unknown as { __secure: Record<string, string> }).__secure,
    );
    expect(JSON.parse(stored.tipoff_receipts ?? '[]')[0].receipt).toBe(receipt);
    await e2e.screenshot(page, 'tipoffs-05-receipt-kept-en', { fullPage: true });

    await page.getByLabel('I have saved the receipt number').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: 'Follow my report' }).first().click();
    await page.getByRole('button', { name: /^No\. \d+ ·/ }).click();
    await page.locator('.badge[data-status="received"]').waitFor();
    await e2e.screenshot(page, 'tipoffs-06-follow-from-phone-en', { fullPage: true });
  });
});

describe('the login-free /report page', () => {
  it('takes a report without Telegram, with an attachment, shows the receipt and follows up with it (English)', async () => {
    const page = await e2e.newPage({ locale: 'en-US' });
    const authorized: string[] = [];
    page.on('request', (r) => {
      if (r.headers().authorization) authorized.push(r.url());
    });
    await page.goto(`${e2e.url}/report`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('heading', { name: 'What this page keeps' }).waitFor();
    await page.locator('.tier-table tbody tr').nth(4).waitFor();
    await e2e.screenshot(page, 'tipoffs-07-web-start-en', { fullPage: true });

    await page.getByRole('button', { name: 'Start a report' }).first().click();
    await fillForm(page, {
      category: 'Non-medical fetal sex determination',
      place: 'Market street clinic',
      what: WHAT_EN,
      period: 'October',
    });
    await page.locator('#tip-files').setInputFiles([
      { name: 'clinic.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(phoneJpeg()) },
      { name: 'price-list.pdf', mimeType: 'application/pdf', buffer: Buffer.from(smallPdf()) },
    ]);
    await page.getByLabel("Keep this photo's time and place as evidence").check();
    await e2e.screenshot(page, 'tipoffs-08-web-form-en', { fullPage: true });
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('.receipt-digits').waitFor();
    const receipt = await shownReceipt(page);
    await page.getByText('Attachments uploaded: 2.').waitFor();
    // No phone storage on the web: nothing offers to keep it.
    expect(await page.getByRole('button', { name: 'Keep it on this phone' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    await page.locator('.tip-signed .qr').waitFor();
    await e2e.screenshot(page, 'tipoffs-09-web-receipt-en', { fullPage: true });
    await page.getByLabel('I have saved the receipt number').check();
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Follow my report' }).first().click();
    await page.locator('#follow-receipt').fill(receipt.match(/\d{4}/g)!.join(' '));
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('2 attachments so far').waitFor();
    await page.locator('#tip-reply').fill('The clinic opens after 8 pm.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.tip-message-reporter', { hasText: 'after 8 pm' }).waitFor();
    await e2e.screenshot(page, 'tipoffs-10-web-follow-en', { fullPage: true });

    expect(authorized).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('explains a refusal about a private person and keeps everything typed (Traditional Chinese)', async () => {
    const page = await e2e.newPage({ locale: 'zh-TW' });
    await page.goto(`${e2e.url}/report`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: '開始舉報' }).first().click();
    const what = '我鄰居懷孕了，她想去檢查胎兒性別。';
    await fillForm(page, { category: '非醫學需要的胎兒性別鑑定', place: '西山村', what, period: '上個月' });
    await page.getByRole('button', { name: '提交舉報' }).click();
    await page.locator('.tip-refusal').waitFor();
    await page.getByText('這份舉報不能這樣受理').waitFor();
    // Nothing typed is lost.
    expect(await page.locator('#tip-what').inputValue()).toBe(what);
    expect(await page.locator('#tip-place').inputValue()).toBe('西山村');
    expect(await page.locator('#tip-period').inputValue()).toBe('上個月');
    await e2e.screenshot(page, 'tipoffs-11-web-refused-zh-TW', { fullPage: true });

    await page.locator('#tip-what').fill('西山村一家藥店賣墮胎藥給沒有處方的人，在店後面交貨。');
    await page.getByRole('radio', { name: /違法銷售終止妊娠藥品/ }).check();
    await page.getByRole('button', { name: '提交舉報' }).click();
    await page.locator('.receipt-digits').waitFor();
    await shownReceipt(page);
    await e2e.screenshot(page, 'tipoffs-12-web-receipt-zh-TW', { fullPage: true });
  });

  // Last in the file: it locks this client's receipt guessing for an hour.
  it('shows throttled receipt look-ups calmly with the wait, in Simplified Chinese', async () => {
    const page = await e2e.newPage({ locale: 'zh-CN' });
    await page.goto(`${e2e.url}/report`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: '查看我的举报' }).first().click();
    const input = page.locator('#follow-receipt');
    for (let i = 0; i < 30; i++) {
      await input.fill(String(1000_0000_0000_0000 + i));
      await page.getByRole('button', { name: '查看' }).click();
      await page.locator('.form-error, [data-testid="throttled"]').first().waitFor();
      if (await page.locator('[data-testid="throttled"]').count()) break;
    }
    const note = page.locator('[data-testid="throttled"]');
    await note.waitFor();
    // An hour's lockout reads in minutes, not thousands of seconds.
    expect(await note.textContent()).toMatch(/请约 \d+ 分钟后再试/);
    expect(await page.getByRole('button', { name: '查看' }).isDisabled()).toBe(true);
    await e2e.screenshot(page, 'tipoffs-13-web-throttled-zh-CN');
  });
});
