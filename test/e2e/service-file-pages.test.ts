// The service file's pages (八个一) in a real browser against the real stack, API and database — no
// scripted answers. A person registers as leaving (东山村); the real planner and sender (the use cases,
// called here with a clock 14 days before the items fall due, through the stack's Telegram sandbox)
// send the reminder; its mini app button opens the check-up card, and its "show here" button is
// answered by the bot with that card. The consent screen comes before the first health upload; the
// PDF report is uploaded; the reviewing officer (900002) takes it from the queue, sees who it could be
// handed over to, and verifies it; the person sees it verified with its signed receipt — the QR code
// decoded from the screenshot and its Ed25519 signature checked against GET /api/certificates/keys.
// Then the consent is withdrawn (the health data is gone from the API too), the officer reads the
// completeness page (figures as the API computes them) and exports CSV; the admin publishes a new
// service-agreement version and the reviewer records the training. Screenshots in zh-CN, zh-TW and en
// go to test-results/e2e/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../api/services';
import { signInitData } from '../../core/auth/init-data';
import { localGovernor } from '../../core/campaigns/governor';
import { fixedClock } from '../../core/runtime';
import { planReminders } from '../../core/service-file/plan-reminders';
import { sendDueReminders } from '../../core/service-file/send-due-reminders';
import { createDb } from '../../db/client';
import { villages } from '../../db/schema';
import {
  LOCAL_BOT_INFO,
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_TIPOFF_RECEIPT_KEY,
  LOCAL_WEBHOOK_SECRET,
} from '../../scripts/local-config';
import { smallPdf } from '../fixtures/certificates';
import { callbackUpdate } from '../harness/telegram-updates';
import { setupE2e } from './harness';

const e2e = setupE2e();

const ADMIN = 900001; // 李管理
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
/** A new person each run (a rerun on the same database starts clean), moved away from 东山村. */
const PERSON = { id: 960_000_000 + (Date.now() % 10_000_000), first_name: '陈静' };

const files = mkdtempSync(join(tmpdir(), 'e2e-service-file-'));
const reportPdf = join(files, 'checkup-report.pdf');
writeFileSync(reportPdf, smallPdf());

let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.close();
});

const personInitData = () => signInitData({ user: PERSON, botToken: LOCAL_BOT_TOKEN, authDate: new Date() });

/** Calls the API as the person (a signed init data with their name). */
async function asPerson<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
  const res = await fetch(`${e2e.url}${path}`, {
    method,
    headers: {
      Authorization: `tma ${await personInitData()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface OwnItem {
  id: string;
  kind: string;
  status: string;
  dueOn: string | null;
  currentSubmissionId: string | null;
}
interface OwnFile {
  file: { items: OwnItem[] } | null;
  consent: { given: unknown };
  agreement: { version: number } | null;
}
const ownItem = async (kind: string) =>
  (await asPerson<OwnFile>('GET', '/api/service-file')).file!.items.find((i) => i.kind === kind)!;

/** The address a page opens with, carrying the launch parameters Telegram puts in the hash. */
async function launchHash(telegramId: number | 'person') {
  if (telegramId !== 'person') return new URL(await e2e.launchUrl(telegramId)).hash;
  const hash = new URLSearchParams({
    tgWebAppData: await personInitData(),
    tgWebAppVersion: '9.1',
    tgWebAppPlatform: 'web',
  });
  return `#${hash.toString()}`;
}

async function openAt(who: number | 'person', url: string, locale: string) {
  const page = await e2e.newPage({ locale });
  page.setDefaultTimeout(15_000);
  await page.goto(`${url}${await launchHash(who)}`);
  await page.locator('main h1').first().waitFor();
  return page;
}
const openAs = (who: number | 'person', path: string, locale: string) =>
  openAt(who, `${e2e.url}/app${path}`, locale);

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

function mainButton(page: Page) {
  return page.locator('.main-button-slot button');
}

async function decodeQr(page: Page, png: Buffer): Promise<string | null> {
  const pixels = await page.evaluate(
    async (dataUrl) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return { width: data.width, height: data.height, rgba: Array.from(data.data) };
    },
    `data:image/png;base64,${png.toString('base64')}`,
  );
  return jsQR(new Uint8ClampedArray(pixels.rgba), pixels.width, pixels.height)?.data ?? null;
}

/** Checks a receipt's Ed25519 signature with the office's published keys, as an employer would. */
async function signatureValid(receipt: string): Promise<boolean> {
  const { keys } = (await (await fetch(`${e2e.url}/api/certificates/keys`)).json()) as {
    keys: { kid: string; publicKey: string }[];
  };
  const parts = receipt.split('|');
  const key = keys.find((k) => k.kid === parts[1]);
  if (!key) return false;
  const publicKey = await crypto.subtle.importKey(
    'raw',
    Buffer.from(key.publicKey, 'base64url'),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  const signed = receipt.slice(0, receipt.lastIndexOf('|'));
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    publicKey,
    Buffer.from(parts.at(-1)!, 'base64url'),
    new TextEncoder().encode(signed),
  );
}

/** The stack's own services (its database and Telegram sandbox) on a chosen clock: the cron's use cases. */
function servicesAt(iso: string) {
  db ??= createDb(e2e.stack.databaseUrl);
  const handle = db;
  const env = {
    APP_ENV: 'development',
    DATABASE_URL: e2e.stack.databaseUrl,
    TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    TELEGRAM_BOT_USERNAME: LOCAL_BOT_INFO.username,
    TELEGRAM_API_ROOT: e2e.stack.sandbox!.apiRoot,
    CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
    CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
    TIPOFF_RECEIPT_KEY: LOCAL_TIPOFF_RECEIPT_KEY,
    PUBLIC_URL: e2e.url,
    // Reminders use neither: present because every service build checks its bindings.
    FILES: { put: async () => {}, get: async () => null, delete: async () => {} },
    JOBS: { send: async () => {}, sendBatch: async () => {} },
  };
  return buildServices(env as never, { clock: fixedClock(iso), db: () => handle.db }, { requestId: 'e2e' });
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type KeyboardButton = { text: string; callback_data?: string; web_app?: { url: string } };
interface SandboxMessage {
  text: string;
  buttons: KeyboardButton[];
  message: unknown;
}
function messagesToPerson(): SandboxMessage[] {
  return e2e.stack
    .sandbox!.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === PERSON.id)
    .map((c) => ({
      text: String(c.params.text ?? ''),
      buttons: (
        (c.params.reply_markup as { inline_keyboard?: KeyboardButton[][] } | undefined)?.inline_keyboard ?? []
      ).flat(),
      message: (c.response as { result?: unknown }).result,
    }));
}

describe('service file: from a reminder to a verified check-up and its receipt', () => {
  /** The receipt text the person was shown (and its QR code held), for the home office's check. */
  let shownReceipt = '';
  let checkupId = '';
  let reminderUrl = '';

  it('sends the reminder through the real planner and sender; its buttons open the check-up', async () => {
    // The person registers as leaving from 东山村 and reads Simplified Chinese.
    db ??= createDb(e2e.stack.databaseUrl);
    const [village] = await db.db
      .select({ id: villages.id })
      .from(villages)
      .where(eq(villages.code, 'dongshan'));
    await asPerson('PATCH', '/api/me', { villageId: village!.id, language: 'zh-CN' });
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    await asPerson('POST', '/api/service-file/departure');
    const checkup = await ownItem('health_checkup');
    checkupId = checkup.id;
    expect(checkup).toMatchObject({ status: 'not_started' });

    // 14 days before it falls due, 10:00 in Beijing: the planner plans, the sender sends now.
    const services = servicesAt(`${addDays(checkup.dueOn!, -14)}T02:00:00Z`);
    await planReminders({ deps: services.deps });
    const governor = localGovernor({ ratePerSecond: 1000, now: () => Date.now() });
    const sender = services.campaignSender();
    for (let round = 0; round < 50 && messagesToPerson().length === 0; round++)
      await sendDueReminders({ deps: services.deps, governor, sender });
    const [reminder] = messagesToPerson();
    expect(reminder?.text).toContain('镇人口服务办公室提醒您的服务档案事项');
    expect(reminder?.text).toContain(`健康检查：请于${checkup.dueOn}前办理`);
    const open = reminder!.buttons.find((b) => b.text === '办理：健康检查');
    expect(open?.web_app?.url).toBe(`${e2e.url}/app/service-file/items/health_checkup`);
    reminderUrl = open!.web_app!.url;

    // "Show here": the bot answers in chat with the check-up's card and its upload button.
    expect(reminder!.buttons.map((b) => b.callback_data)).toContain('sf:i:health_checkup');
    const before = messagesToPerson().length;
    const res = await fetch(`${e2e.url}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Telegram-Bot-Api-Secret-Token': LOCAL_WEBHOOK_SECRET,
      },
      body: JSON.stringify(
        callbackUpdate(PERSON, reminder!.message as never, 'sf:i:health_checkup', {
          update_id: PERSON.id,
        }),
      ),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => messagesToPerson().length, { timeout: 15_000 }).toBeGreaterThan(before);
    const card = messagesToPerson().at(-1)!;
    expect(card.text).toContain('健康检查');
    expect(card.text).not.toContain('寄回证明');
    expect(card.buttons.map((b) => b.callback_data)).toContain('sf:up:h');
  });

  it('opens the check-up card from the reminder, asks for consent first, then takes the PDF report', async () => {
    const page = await openAt('person', reminderUrl, 'zh-CN');
    await heading(page, '健康检查').waitFor();
    await page.getByRole('heading', { name: '健康资料授权' }).waitFor();
    for (const part of ['用途', '谁能看到', '保存多久', '如何撤回'])
      await page.getByText(part, { exact: true }).waitFor();
    await page.getByText('报告文件在核实后 90 天删除', { exact: false }).waitFor();
    // No form before consent: nothing health-related can be sent yet.
    expect(await page.getByLabel('检查机构').count()).toBe(0);
    expect((await asPerson<OwnFile>('GET', '/api/service-file')).consent.given).toBeNull();
    await e2e.screenshot(page, 'file-01-consent-zh-CN', { fullPage: true });

    await mainButton(page).getByText('同意并继续').click();
    await page.getByLabel('检查机构').waitFor();
    expect((await asPerson<OwnFile>('GET', '/api/service-file')).consent.given).not.toBeNull();

    // Mistakes are caught here, under each field, before anything is sent.
    await mainButton(page).getByText('提交审核').click();
    await page.getByText('请选择报告文件').waitFor();
    expect((await ownItem('health_checkup')).status).toBe('not_started');

    await page.getByLabel('检查机构').fill('深圳市宝安区人民医院');
    await page.getByLabel('所在城市').fill('深圳');
    await page.getByLabel('检查日期').fill(addDays(new Date().toISOString().slice(0, 10), -5));
    await page.locator('#report-file').setInputFiles(reportPdf);
    await page.getByText('已选择：checkup-report.pdf').waitFor();
    await e2e.screenshot(page, 'file-02-checkup-form-zh-CN', { fullPage: true });
    await mainButton(page).getByText('提交审核').click();
    await page.getByText('已提交，工作人员审核后会通知您。').waitFor();
    await page.getByText('待审核').first().waitFor();
    expect((await ownItem('health_checkup')).status).toBe('submitted');
    await e2e.screenshot(page, 'file-03-submitted-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('lets the reviewing officer take it from the queue, see who could take it over, and verify it', async () => {
    const page = await openAs(REVIEWER, '/review/service-file', 'zh-CN');
    await heading(page, '待核实事项').waitFor();
    // Only check-ups: the list shows the 50 nearest deadlines, and a shared database holds many proofs.
    await page.locator('.filters select').first().selectOption('health_checkup');
    const row = page.locator(`a.queue-item[href$="/review/service-file/items/${checkupId}"]`);
    await row.scrollIntoViewIfNeeded();
    await expect.poll(() => row.textContent()).toContain('陈静');
    await e2e.screenshot(page, 'file-04-queue-zh-CN');
    await row.click();
    await heading(page, '陈静 · 健康检查').waitFor();
    await page.getByText('深圳市宝安区人民医院').waitFor();
    await page.getByRole('button', { name: '领取办理' }).click();
    await page.getByText('由您负责办理（首问负责）。').first().waitFor();

    // The handover: the other reviewer of 东山村 is offered (GET …/officers), the owner is not.
    await page.getByRole('button', { name: '移交', exact: true }).click();
    await page.getByText('孙审核').waitFor();
    expect(await page.locator('fieldset').getByText('王审核').count()).toBe(0);
    await e2e.screenshot(page, 'file-05-handover-zh-CN', { fullPage: true });
    await page.getByRole('button', { name: '取消' }).click();

    await mainButton(page).getByText('核实通过').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认陈静的“健康检查”资料属实', { exact: false }).waitFor();
    await e2e.screenshot(page, 'file-05-verify-dialog-zh-CN');
    await dialog.getByRole('button', { name: '核实通过' }).click();
    await page.getByText('已核实，对方已收到回执。').waitFor();
    expect((await ownItem('health_checkup')).status).toBe('verified');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('shows the person the verified check-up with its signed receipt, in each language', {
    timeout: 240_000,
  }, async () => {
    for (const [language, title, verified] of [
      ['zh-CN', '健康检查', '已完成'],
      ['zh-TW', '健康檢查', '已完成'],
      ['en', 'Health check-up', 'Done'],
    ] as const) {
      await asPerson('PATCH', '/api/me', { language });
      const page = await openAt('person', reminderUrl, language);
      await heading(page, title).waitFor();
      await page.locator('.badge', { hasText: verified }).first().waitFor();
      const qr = page.locator('.receipt svg.qr');
      await qr.scrollIntoViewIfNeeded();
      const receipt = (await page.locator('.receipt-text').textContent())!;
      expect(receipt).toMatch(/^HYBY1\|[^|]+\|[^|]+\|health_checkup\|dongshan\|/);
      const decoded = await decodeQr(page, await qr.screenshot());
      expect(decoded).toBe(receipt);
      // Anyone can check it offline: the signature against the office's published key.
      expect(await signatureValid(decoded!)).toBe(true);
      expect(await signatureValid(decoded!.replace('|dongshan|', '|xishan|'))).toBe(false);
      shownReceipt = decoded!;
      await e2e.screenshot(page, `file-06-receipt-${language}`, { fullPage: true });
      // The overview: eight cards, the verified one among them.
      await page.goto(page.url().replace('/service-file/items/health_checkup', '/service-file'));
      await page.locator('a.file-item').nth(7).waitFor();
      expect(await page.locator('a.file-item').count()).toBe(8);
      // Two of eight done (the personal file and the check-up): the rest is still to do, none overdue.
      if (language === 'zh-CN') await page.getByText('还有 6 项待办理，到期前会提醒您。').waitFor();
      await e2e.screenshot(page, `file-07-overview-${language}`, { fullPage: true });
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    await asPerson('PATCH', '/api/me', { language: 'zh-CN' });
  });

  it('the home office checks the receipt with 核验证明: genuine as shown, "not genuine" once altered', {
    timeout: 120_000,
  }, async () => {
    expect(shownReceipt).toMatch(/^HYBY1\|/);
    // Another township's officer or an employer: anyone signed in to the mini app, here 张小明.
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await e2e.loginAs(page, 900101);
    await page.getByRole('link', { name: /核验证明/ }).click();
    await heading(page, '核验证明').waitFor();
    await page.getByLabel('二维码中的文字').fill(shownReceipt);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.locator('[data-verdict="receipt_valid"]').waitFor();
    await page.getByText('真实的“八个一”服务回执').waitFor();
    await page.locator('.signed-fields', { hasText: '健康检查' }).waitFor();
    await page.locator('.signed-fields', { hasText: 'dongshan' }).waitFor();
    await e2e.screenshot(page, 'file-06b-receipt-checked-zh-CN');

    await page.getByLabel('二维码中的文字').fill(shownReceipt.replace('|dongshan|', '|xishan|'));
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.locator('[data-verdict="receipt_not_genuine"]').waitFor();
    await page.getByText('不是真实的回执').waitFor();
    expect(await page.locator('.signed-fields').count()).toBe(0);
    await e2e.screenshot(page, 'file-06c-receipt-altered-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('withdrawing the consent asks first, then deletes the health data', { timeout: 120_000 }, async () => {
    const submissionId = (await ownItem('health_checkup')).currentSubmissionId;
    const page = await openAs('person', '/settings', 'zh-CN');
    await page.getByRole('link', { name: /健康资料授权/ }).click();
    await heading(page, '健康资料授权').waitFor();
    await page.getByText('您已于', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: '撤回授权并删除健康资料' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('健康检查报告和相关健康资料会被删除', { exact: false }).waitFor();
    await e2e.screenshot(page, 'file-08-withdraw-dialog-zh-CN');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await asPerson<OwnFile>('GET', '/api/service-file')).consent.given).not.toBeNull();
    await page.getByRole('button', { name: '撤回授权并删除健康资料' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤回并删除' }).click();
    await page.getByText('已撤回授权，健康资料已删除。').waitFor();
    await page.getByText('您尚未授权').first().waitFor();
    await e2e.screenshot(page, 'file-09-withdrawn-zh-CN');

    // Gone on the server too: no consent, the check-up to do again, the report file and details erased.
    const own = await asPerson<OwnFile>('GET', '/api/service-file');
    expect(own.consent.given).toBeNull();
    expect(own.file!.items.find((i) => i.kind === 'health_checkup')!.status).toBe('not_started');
    const report = await fetch(`${e2e.url}/api/service-file/submissions/${submissionId}/file`, {
      headers: { Authorization: `tma ${await personInitData()}` },
    });
    expect(report.status).toBe(404);
    const view = await e2e.api<{ submissions: { details: unknown; hasFile: boolean }[] }>(
      REVIEWER,
      'GET',
      `/api/review/service-file/items/${checkupId}`,
    );
    for (const s of view.submissions) {
      expect(s.hasFile).toBe(false);
      expect(JSON.stringify(s.details ?? {})).not.toContain('宝安');
    }
    // The next check-up upload asks for consent again.
    await page.goto(page.url().replace('/service-file/consent', '/service-file/items/health_checkup'));
    await page.getByRole('heading', { name: '健康资料授权' }).waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('service file: the officer completeness page', () => {
  it('shows the figures the API computes, per village as charts and a table, and exports CSV', {
    timeout: 240_000,
  }, async () => {
    for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      const page = await openAs(REVIEWER, '/review/service-file/completeness', language);
      await page.locator('.stat-value').first().waitFor();
      const figures = await e2e.api<{
        villages: {
          villageName: string;
          files: number;
          completeFiles: number;
          items: Record<string, { overdue: number }>;
        }[];
      }>(REVIEWER, 'GET', '/api/review/service-file/completeness');
      const files = figures.villages.reduce((n, v) => n + v.files, 0);
      const complete = figures.villages.reduce((n, v) => n + v.completeFiles, 0);
      const overdue = figures.villages.reduce(
        (n, v) => n + Object.values(v.items).reduce((m, i) => m + i.overdue, 0),
        0,
      );
      expect(files).toBeGreaterThan(0);
      expect(await page.locator('.stat-value').allTextContents()).toEqual([
        String(files),
        String(complete),
        `${files ? Math.round((complete / files) * 100) : 0}%`,
        String(overdue),
      ]);
      // The figures are a snapshot: the page says when it was computed (Shanghai time, HH:MM).
      const asOf = { 'zh-CN': '数据截至', 'zh-TW': '數據截至', en: 'Figures as of' }[language];
      expect(await page.locator('.completeness-as-of').textContent()).toMatch(
        new RegExp(`^${asOf} \\d{2}:\\d{2}$`),
      );
      const rows = page.locator('table.data-table tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(figures.villages.length);
      await page.locator('table.data-table', { hasText: '东山村' }).first().waitFor();
      await e2e.screenshot(page, `file-10-completeness-${language}`, { fullPage: true });
      if (language === 'zh-CN') {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: '导出 CSV' }).click();
        const saved = await download;
        expect(saved.suggestedFilename()).toBe('service-file-completeness.csv');
        const csv = readFileSync((await saved.path())!, 'utf8');
        expect(csv.split('\n').length).toBeGreaterThan(figures.villages.length);
        expect(csv).toContain('东山村');
        await page.setViewportSize({ width: 1024, height: 768 });
        await e2e.screenshot(page, 'file-10-completeness-zh-CN-1024', { fullPage: true });
      }
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
  });
});

describe('service file: what the office records', () => {
  it('the admin publishes a new agreement version; the person is asked to acknowledge it again', {
    timeout: 120_000,
  }, async () => {
    await e2e.api(ADMIN, 'PATCH', '/api/me', { language: 'zh-CN' });
    const current = await e2e.api<{ current: { version: number } | null }>(
      ADMIN,
      'GET',
      '/api/review/service-file/agreement',
    );
    // The person acknowledges the version in force (if there is one yet).
    const own = await asPerson<OwnFile>('GET', '/api/service-file');
    if (own.agreement)
      await asPerson('POST', '/api/service-file/agreement/acknowledge', { version: own.agreement.version });
    const next = (current.current?.version ?? 0) + 1;

    const page = await openAs(ADMIN, '/workbench', 'zh-CN');
    await page.getByRole('link', { name: /发布服务协议/ }).click();
    await heading(page, '发布服务协议').waitFor();
    const zhCN = page.getByLabel('简体中文文本');
    await zhCN.fill('');
    await page.getByRole('button', { name: `发布第 ${next} 版` }).click();
    await page.getByText('请填写至少 10 个字').waitFor();
    await zhCN.fill('服务协议（修订）：镇人口服务办公室为外出务工人员免费办理证明、体检提醒和就业信息。');
    await page
      .getByLabel('繁体中文文本')
      .fill('服務協議（修訂）：鎮人口服務辦公室為外出務工人員免費辦理證明、體檢提醒和就業資訊。');
    await page
      .getByLabel('英文文本')
      .fill('Service agreement (revised): the township office serves people working away, free of charge.');
    await e2e.screenshot(page, 'file-11-agreement-form-zh-CN', { fullPage: true });
    await page.getByRole('button', { name: `发布第 ${next} 版` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('收到通知请其确认新版本', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: `发布第 ${next} 版` }).click();
    await page.getByText(`已发布第 ${next} 版`, { exact: false }).waitFor();
    await page.getByText(`当前为第 ${next} 版`, { exact: false }).waitFor();
    await e2e.screenshot(page, 'file-12-agreement-published-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);

    // The person: the agreement item is to do again, with the new version to read.
    const after = await asPerson<OwnFile>('GET', '/api/service-file');
    expect(after.agreement?.version).toBe(next);
    if (own.agreement)
      expect(after.file!.items.find((i) => i.kind === 'service_agreement')!.status).toBe('due_again');
    const personPage = await openAs('person', '/service-file/items/service_agreement', 'zh-CN');
    await personPage.getByText('服务协议（修订）', { exact: false }).waitFor();
    await e2e.screenshot(personPage, 'file-13-agreement-new-version-zh-CN', { fullPage: true });
    expect(e2e.pageErrors(personPage)).toEqual([]);
  });

  it("the reviewer records the training attended on the person's file", { timeout: 120_000 }, async () => {
    const me = await asPerson<{ user: { id: string } }>('GET', '/api/me');
    for (const [language, button, confirm, done] of [
      ['en', 'Record training attended', 'Record', 'Training recorded as attended.'],
      ['zh-TW', '記錄已參加外出培訓', '確認記錄', '已記錄參加培訓。'],
    ] as const) {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      const page = await openAs(REVIEWER, `/review/service-file/people/${me.user.id}`, language);
      await heading(page, '陈静').waitFor();
      if (language === 'zh-TW') {
        // Recorded already (in English): the button is gone, the item is done.
        expect(await page.getByRole('button', { name: button }).count()).toBe(0);
        await e2e.screenshot(page, 'file-15-training-recorded-zh-TW', { fullPage: true });
        continue;
      }
      await e2e.screenshot(page, `file-14-person-file-${language}`, { fullPage: true });
      await page.getByRole('button', { name: button }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('陈静', { exact: false }).waitFor();
      await dialog.getByRole('button', { name: confirm, exact: true }).click();
      await page.getByText(done).waitFor();
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    expect((await ownItem('training')).status).toBe('verified');
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
  });
});
