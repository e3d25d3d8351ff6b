// The desk console in a real browser at 1280×800 against the real stack (wrangler dev + Telegram
// sandbox): an officer asks the bot for a one-time link (/desk through the webhook), opens it in a fresh
// browser and lands signed in; signing out ends the session, an expired session stops working, and a
// resident gets no link at all (nor does a desk session reach residents' own records). The three
// officers' queues show the list on the left and the chosen record on the right, the documents read
// in the page beside the form (a PDF in the browser's viewer, never a new tab), and a decision taken
// there. One screenshot per queue in zh-CN, zh-TW and en: test-results/e2e/desktop-*.png.

import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_WEBHOOK_SECRET } from '../../scripts/local-config';
import { pngWithText, validForm } from '../fixtures/certificates';
import { textUpdate } from '../harness/telegram-updates';
import { setupE2e, signedInitData } from './harness';

const e2e = setupE2e();
const DESKTOP = { width: 1280, height: 800 };
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
const HANDLER = 900004; // 赵受理, case handler
const MIGRANT = 900102; // 李娜, moved away from 东山村 (her service file)
const RESIDENT = 900101; // 张小明, no office
const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
const STAMP = Date.now() % 1_000_000;

let sql: postgres.Sql;
beforeAll(() => {
  sql = postgres(e2e.stack.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  for (const id of [REVIEWER, HANDLER])
    await e2e.api(id, 'PATCH', '/api/me', { language: 'zh-CN' }).catch(() => {});
  await sql?.end();
});

function sandbox() {
  const s = e2e.stack.sandbox;
  if (!s) throw new Error('the stack runs without the Telegram sandbox');
  return s;
}

// Update ids of their own (time-based): a database kept between runs remembers the ids it handled.
let updateId = (Date.now() % 1_000_000_000) + 500_000;

/** Sends /desk to the bot as `telegramId` (through the webhook, as Telegram does) and returns its reply. */
async function askForDeskLink(telegramId: number, name: string) {
  const person = { id: telegramId, first_name: name, language_code: 'zh-hans' };
  const since = Date.now();
  const res = await fetch(`${e2e.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': LOCAL_WEBHOOK_SECRET },
    body: JSON.stringify(textUpdate(person, '/desk', { update_id: ++updateId })),
  });
  expect(res.status).toBe(200);
  const call = await sandbox().waitForCall(
    (c) => c.method === 'sendMessage' && c.params.chat_id === telegramId && c.at >= since,
    30_000,
  );
  const buttons =
    (call.params.reply_markup as { inline_keyboard?: { url?: string }[][] } | undefined)?.inline_keyboard ??
    [];
  const url = buttons.flat().find((b) => b.url?.includes('/desk/sign-in'))?.url;
  return { text: String(call.params.text), url };
}

/** A fresh browser at a desk: opens the bot's link, presses 登录, and waits for the signed-in app. */
async function signInAtDesk(telegramId: number, name: string): Promise<Page> {
  const { url } = await askForDeskLink(telegramId, name);
  expect(url).toMatch(/\/desk\/sign-in\?t=[A-Za-z0-9_-]{43}$/);
  const page = await e2e.newPage({ viewport: DESKTOP });
  page.setDefaultTimeout(20_000);
  const link = new URL(url!);
  await page.goto(`${e2e.url}${link.pathname}${link.search}`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/app\/$/);
  await page.getByText('已在电脑上登录').waitFor();
  return page;
}

/** The app at `path` signed in through Telegram's launch data, in a desk-sized browser. */
async function openAtDesk(telegramId: number, path: string): Promise<Page> {
  const page = await e2e.newPage({ viewport: DESKTOP });
  page.setDefaultTimeout(20_000);
  const launch = new URL(await e2e.launchUrl(telegramId));
  await page.goto(`${e2e.url}/app${path}${launch.hash}`);
  return page;
}

async function villageId(name: string): Promise<number> {
  const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
    REVIEWER,
    'GET',
    '/api/villages',
  );
  return villages.find((v) => v.name === name)!.id;
}

/** A one-page PDF the browser's viewer can show (the shared fixture is the smallest PDF, not a page). */
async function pagePdf(title: string): Promise<File> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 56, y: 760, size: 28, font });
  page.drawText('Scanned copy for the review (test document)', { x: 56, y: 720, size: 14, font });
  return new File([new Uint8Array(await doc.save())], `${title.replaceAll(' ', '-')}.pdf`, {
    type: 'application/pdf',
  });
}

async function upload(person: number, applicationId: string, kind: string, file: File) {
  const body = new FormData();
  body.set('kind', kind);
  body.set('file', file);
  const res = await fetch(`${e2e.url}/api/certificates/applications/${applicationId}/documents`, {
    method: 'POST',
    headers: { Authorization: `tma ${await signedInitData(person)}` },
    body,
  });
  expect(res.status).toBe(201);
}

/** A complete application of 东山村 (three PDFs and a photo), submitted: what the reviewer works on. */
async function submittedApplication(name: string): Promise<string> {
  const person = 970_000 + (Date.now() % 9_000) * 3 + Math.floor(Math.random() * 3);
  await e2e.api(person, 'PATCH', '/api/me', { language: 'zh-CN' });
  const { id } = await e2e.api<{ id: string }>(person, 'POST', '/api/certificates/applications');
  await e2e.api(person, 'PUT', `/api/certificates/applications/${id}/draft`, {
    form: validForm({ name }),
    villageId: await villageId('东山村'),
    version: 1,
  });
  await upload(person, id, 'id_card', await pagePdf('ID card'));
  await upload(person, id, 'hukou_page', await pagePdf('Household register'));
  await upload(person, id, 'marriage_certificate', await pagePdf('Marriage certificate'));
  await upload(
    person,
    id,
    'id_card',
    new File([new Uint8Array(pngWithText())], 'id-back.png', { type: 'image/png' }),
  );
  await e2e.api(person, 'POST', `/api/certificates/applications/${id}/submit`);
  return id;
}

/** 李娜's check-up report (a PDF) sent for verification, unless one already waits from an earlier run. */
async function submittedCheckup(): Promise<void> {
  await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN' });
  await e2e.api(MIGRANT, 'GET', '/api/service-file');
  await e2e.api(MIGRANT, 'POST', '/api/service-file/health-consent', { version: 1 }).catch(() => {});
  const form = new FormData();
  form.set('clinic', '深圳市宝安区人民医院');
  form.set('city', '深圳');
  form.set('examDate', '2026-11-20');
  form.set('file', await pagePdf('Health check-up report'));
  await fetch(`${e2e.url}/api/service-file/items/health_checkup/upload`, {
    method: 'POST',
    headers: { Authorization: `tma ${await signedInitData(MIGRANT)}` },
    body: form,
  });
}

/** A tip with a PDF attachment, through the public API as a reporter would send it. */
async function submittedTip(): Promise<number> {
  const res = await fetch(`${e2e.url}/api/public/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    body: JSON.stringify({
      category: 'illegal_fees',
      place: `镇政府办事大厅 ${STAMP}`,
      what: '办理生育登记时被要求另交两百元“加急费”，没有收据。',
      period: '2026年11月',
    }),
  });
  expect(res.status).toBe(201);
  const tip = (await res.json()) as { receipt: string; number: number };
  const file = new FormData();
  file.set('receipt', tip.receipt);
  file.set('file', await pagePdf('Fee receipt'));
  const attached = await fetch(`${e2e.url}/api/public/tips/attachments`, { method: 'POST', body: file });
  expect(attached.status).toBe(201);
  return tip.number;
}

/** Both panes on screen side by side: the list's left edge left of the record's. */
async function expectSideBySide(page: Page) {
  const list = await page.locator('.split-list').boundingBox();
  const detail = await page.locator('.split-detail').boundingBox();
  expect(list && detail).toBeTruthy();
  expect(list!.x + list!.width).toBeLessThanOrEqual(detail!.x);
  expect(list!.width).toBeGreaterThan(300);
  expect(detail!.width).toBeGreaterThan(700);
}

const sessionProbe = (e: string) => e.endsWith('/api/desk/session');

describe('signing in at a desk with the link the bot sends', () => {
  it('lands signed in from the one-time link, and signing out ends the session', async () => {
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await signInAtDesk(REVIEWER, '王审核');
    await page.getByRole('link', { name: /工作台/ }).click();
    await page.getByRole('link', { name: /婚育证明审核/ }).click();
    await page.getByRole('heading', { name: '婚育证明审核' }).waitFor();
    await page.getByText('请从左侧列表中选择一项查看。').waitFor();
    await expectSideBySide(page);
    await e2e.screenshot(page, 'desktop-signed-in-review-zh-CN');

    const cookie = (await page.context().cookies()).find((c) => c.name === '__Host-desk');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: '退出电脑端登录' }).click();
    // The reload after signing out says how to sign in again here, not "open it in Telegram".
    await page.getByRole('heading', { name: '电脑端登录已结束' }).waitFor();
    await page.getByText(/请在聊天中向机器人发送 \/desk，获取新的登录链接/).waitFor();
    expect(await page.getByText('请在 Telegram 中打开').count()).toBe(0);
    // The cookie of the ended session opens nothing any more.
    const after = await fetch(`${e2e.url}/api/me`, { headers: { cookie: `__Host-desk=${cookie!.value}` } });
    expect(after.status).toBe(401);
    expect(e2e.pageErrors(page).filter((e) => !sessionProbe(e))).toEqual([]);
  });

  it('refuses a link twice and stops an expired session at the next request', async () => {
    const { url } = await askForDeskLink(REVIEWER, '王审核');
    const link = new URL(url!);
    const page = await e2e.newPage({ viewport: DESKTOP });
    page.setDefaultTimeout(20_000);
    await page.goto(`${e2e.url}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('已在电脑上登录').waitFor();
    // A second use of the same link (forwarded, or a second tab) starts nothing.
    const again = await fetch(`${e2e.url}/desk/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${link.searchParams.get('t')}`,
      redirect: 'manual',
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.headers.get('set-cookie')).toBeNull();

    // Twelve hours on (the session's absolute end), moved in the database rather than waited for.
    const officer = await e2e.api<{ user: { id: string } }>(REVIEWER, 'GET', '/api/me');
    await sql`update desk_sessions set expires_at = now() - interval '1 second'
              where user_id = ${officer.user.id} and revoked_at is null`;
    await page.getByRole('link', { name: /工作台/ }).click();
    await page.getByRole('heading', { name: '电脑端登录已结束' }).waitFor();
    await page.getByText('电脑端登录已结束，请在聊天中向机器人发送 /desk 重新登录。').waitFor();
    // Nothing says it is still signed in, nor speaks of reopening a mini app.
    expect(await page.getByText('已在电脑上登录').count()).toBe(0);
    expect(await page.getByText(/小程序/).count()).toBe(0);
    await e2e.screenshot(page, 'desktop-session-ended-zh-CN');
    // A reload keeps saying so (the browser dropped the cookie; the tab remembers it was a desk).
    await page.reload();
    await page.getByRole('heading', { name: '电脑端登录已结束' }).waitFor();
    await page.getByText(/获取新的登录链接/).waitFor();
    // A new tab that was never signed in at a desk gets the generic page.
    const fresh = await e2e.newPage({ viewport: DESKTOP });
    await fresh.goto(`${e2e.url}/app/`);
    await fresh.getByRole('heading', { name: '请在 Telegram 中打开' }).waitFor();
  });

  it('gives a resident no link, and a desk session no way into residents’ own records', async () => {
    const reply = await askForDeskLink(RESIDENT, '张小明');
    expect(reply.url).toBeUndefined();
    expect(reply.text).toBe('电脑端登录仅供工作人员使用，您的账号没有工作人员角色。');
    // A made-up link is refused on its page, before anything is asked.
    const forged = await fetch(`${e2e.url}/desk/sign-in?t=${'A'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${'A'.repeat(43)}`,
      redirect: 'manual',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.headers.get('set-cookie')).toBeNull();

    const page = await signInAtDesk(REVIEWER, '王审核');
    const own = await page.evaluate(async () => {
      const res = await fetch('/api/certificates/applications');
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    });
    expect(own).toEqual({ status: 403, code: 'desk_not_allowed' });
  });
});

describe('the review queue at a desk', () => {
  it('keeps the list beside the application, shows its documents in the page and takes a decision', {
    timeout: 120_000,
  }, async () => {
    const name = `林晓${STAMP}`;
    const id = await submittedApplication(name);
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await signInAtDesk(REVIEWER, '王审核');
    const opened: string[] = [];
    page.on('popup', (p) => opened.push(p.url()));
    await page.goto(`${e2e.url}/app/review`);
    const box = page.getByPlaceholder('姓名、身份证号后 4–6 位或证明编号');
    await box.fill(name);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const row = page.locator('.split-list a.queue-item', { hasText: name });
    await row.click();
    await page.waitForURL(new RegExp(`/app/review/applications/${id}$`));
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // The list stays, search and all, with the chosen row marked.
    await expect(box.inputValue()).resolves.toBe(name);
    await expect(row.getAttribute('aria-current')).resolves.toBe('page');
    await expectSideBySide(page);

    // The documents are read in the page: the photo as a picture, each PDF in a frame of the browser's
    // viewer; nothing offers to open a new tab.
    const frames = page.locator('.split-detail iframe.doc-frame');
    await expect.poll(() => frames.count()).toBe(3);
    await expect(frames.first().getAttribute('src')).resolves.toMatch(/^blob:/);
    await page.locator('.split-detail .doc img').first().waitFor();
    expect(await page.getByRole('button', { name: /^打开/ }).count()).toBe(0);
    // Documents beside the form data, not under it.
    const form = await page.locator('.desk-columns > .section').first().boundingBox();
    const docs = await page.locator('.desk-columns > .section').nth(1).boundingBox();
    expect(docs!.x).toBeGreaterThan(form!.x + form!.width - 1);
    await page.waitForFunction(() => !document.querySelector('.split-detail .spinner'));
    await e2e.screenshot(page, 'desktop-review-detail-zh-CN');

    // Opening it was audited as before, as a read by this officer.
    const [read] = await sql`select count(*)::int as n from audit_log
      where record_id = ${id} and action = 'certificate_application.read'`;
    expect(read!.n).toBeGreaterThan(0);

    await page.getByRole('button', { name: '领取办理' }).click();
    await page.getByText('您已受理此申请，由您负责办理到底。').waitFor();
    await page.locator('.main-button-slot button', { hasText: '签发证明' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认签发' }).click();
    await page.getByText(/证明已签发，编号/).waitFor();
    // The queue beside it follows at once (the search still lists it, now issued).
    await row.getByText('已发证').waitFor();
    await page.locator('.split-detail .status-card').getByText('已发证').waitFor();
    expect(await page.locator('.main-button-slot').count()).toBe(0);
    await e2e.screenshot(page, 'desktop-review-issued-zh-CN');
    expect(opened).toEqual([]);
    expect(e2e.pageErrors(page).filter((e) => !sessionProbe(e))).toEqual([]);
  });
});

describe('the three queues at a desk, in each language', () => {
  let tipNumber = 0;
  beforeAll(async () => {
    await submittedApplication(`周宁${STAMP}`);
    await submittedCheckup();
    tipNumber = await submittedTip();
  }, 60_000);

  for (const language of LANGUAGES) {
    it(`shows list and record side by side in ${language}`, { timeout: 180_000 }, async () => {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      await e2e.api(HANDLER, 'PATCH', '/api/me', { language });

      const review = await openAtDesk(REVIEWER, '/review');
      await review.locator('.split-list a.queue-item', { hasText: `周宁${STAMP}` }).click();
      await review.locator('.split-detail iframe.doc-frame').first().waitFor();
      await expectSideBySide(review);
      await review.waitForFunction(() => !document.querySelector('.spinner'));
      await e2e.screenshot(review, `desktop-${language}-review`);
      expect(e2e.pageErrors(review), `${language} review`).toEqual([]);

      const file = await openAtDesk(REVIEWER, '/review/service-file');
      // Check-ups only: on a database the other browser files share, their submitted proofs can fill
      // the queue's 50 nearest deadlines before 李娜's check-up.
      await file.locator('.filter-select select').first().selectOption('health_checkup');
      await file.locator('.split-list a.queue-item', { hasText: '李娜' }).first().click();
      await file.locator('.split-detail iframe.doc-frame').first().waitFor();
      await expectSideBySide(file);
      await file.waitForFunction(() => !document.querySelector('.spinner'));
      await e2e.screenshot(file, `desktop-${language}-service-file`);
      expect(e2e.pageErrors(file), `${language} service file`).toEqual([]);

      const cases = await openAtDesk(HANDLER, '/cases');
      await cases
        .locator('.split-list a.queue-item', { hasText: new RegExp(`#${tipNumber}(?!\\d)`) })
        .click();
      await cases.locator('.split-detail iframe.doc-frame').first().waitFor();
      await expectSideBySide(cases);
      await cases.waitForFunction(() => !document.querySelector('.spinner'));
      await e2e.screenshot(cases, `desktop-${language}-cases`);
      expect(e2e.pageErrors(cases), `${language} cases`).toEqual([]);
      for (const page of [review, file, cases]) await page.context().close();
    });
  }
});
