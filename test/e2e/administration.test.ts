// Administration in a real browser against the real stack (wrangler dev + Telegram sandbox): the admin
// invites an officer, the person accepts in the bot (updates pushed through the sandbox's webhook),
// their workbench shows the role; the admin widens the scope and the officer's next page shows it; a
// village poster carries the bot's deep link as a QR code and prints alone; the audit log filters by
// action. Screenshots of every admin page in zh-CN, zh-TW and en, at 390 px and 1280×800.
import type { Message } from 'grammy/types';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_WEBHOOK_SECRET } from '../../scripts/local-config';
import { nextTelegramId } from '../fixtures/campaigns';
import { callbackUpdate, textUpdate } from '../harness/telegram-updates';
import { setupE2e } from './harness';

const e2e = setupE2e();
const ADMIN = 900001;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function openAs(telegramId: number, path: string, viewport = PHONE): Promise<Page> {
  const page = await e2e.newPage();
  page.setDefaultTimeout(15_000);
  await page.setViewportSize(viewport);
  const launch = new URL(await e2e.launchUrl(telegramId));
  await page.goto(`${e2e.url}/app${path}${launch.hash}`);
  await page.locator('main h1').first().waitFor();
  return page;
}

function sandbox() {
  const s = e2e.stack.sandbox;
  if (!s) throw new Error('the stack runs without the Telegram sandbox');
  return s;
}

// Update ids of their own (time-based): the sandbox numbers from 1 on every start, and a database kept
// between runs remembers the ids it has handled (it would take a repeat for a redelivery).
let updateId = Date.now() % 1_000_000_000;

/** Delivers an update to the stack's webhook, as Telegram does. */
async function deliver(update: object) {
  const res = await fetch(`${e2e.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': LOCAL_WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
}

afterAll(async () => {
  await e2e.api(ADMIN, 'PATCH', '/api/me', { language: 'zh-CN' }).catch(() => {});
});

describe('officers', () => {
  it('adds an officer by invite accepted in the bot, and a scope change takes effect', {
    timeout: 120_000,
  }, async () => {
    await e2e.api(ADMIN, 'PATCH', '/api/me', { language: 'zh-CN' });
    const admin = await openAs(ADMIN, '/admin/officers/invite');
    await admin.getByLabel('邀请对象（仅管理员可见）').fill('新审核员 · 东山村');
    await admin.getByRole('checkbox', { name: '审核员' }).check();
    await admin.getByRole('radio', { name: '仅以下村（社区）：' }).check();
    await admin.getByRole('checkbox', { name: '东山村' }).check();
    await admin.getByRole('button', { name: '生成邀请链接' }).click();
    const link = (await admin.getByTestId('invite-link').textContent())!.trim();
    expect(link).toMatch(/\?start=inv_[A-Za-z0-9_-]{22}$/);
    await e2e.screenshot(admin, 'admin-invite-link');

    // The person opens the link: Telegram sends /start inv_… to the bot; they press "accept".
    const name = `新审核员${Date.now() % 100_000}`;
    const person = { id: nextTelegramId(), first_name: name, language_code: 'zh-hans' };
    const start = new URL(link).searchParams.get('start')!;
    await deliver(textUpdate(person, `/start ${start}`, { update_id: ++updateId }));
    const ask = await sandbox().waitForCall(
      (c) =>
        c.method === 'sendMessage' &&
        c.params.chat_id === person.id &&
        String(c.params.text).includes('审核员'),
      30_000,
    );
    const accept = (
      ask.params.reply_markup as { inline_keyboard: { callback_data?: string }[][] }
    ).inline_keyboard
      .flat()
      .find((b) => b.callback_data?.startsWith('inv:ok:'))!;
    const message = (ask.response as { result: Message }).result;
    await deliver(callbackUpdate(person, message, accept.callback_data!, { update_id: ++updateId }));
    await sandbox().waitForCall(
      (c) => c.method === 'editMessageText' && c.params.chat_id === person.id,
      30_000,
    );

    const officer = await openAs(person.id, '/workbench');
    await officer
      .getByRole('link', { name: /婚育证明审核/ })
      .first()
      .waitFor();
    await officer.locator('.list-item', { hasText: '负责范围：东山村' }).first().waitFor();
    await e2e.screenshot(officer, 'admin-new-officer-workbench');

    // The admin gives the whole township; the officer's next page shows it.
    await admin.goto(`${e2e.url}/app/admin/officers${new URL(await e2e.launchUrl(ADMIN)).hash}`);
    await admin.getByRole('link', { name: new RegExp(name) }).click();
    await admin.getByRole('radio', { name: '全镇' }).check();
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    await admin.getByText('已保存，从其下一次操作起生效。').waitFor();
    await e2e.screenshot(admin, 'admin-officer-scope-saved');
    await officer.reload();
    await officer.locator('.list-item', { hasText: '负责范围：全镇' }).first().waitFor();
    expect(e2e.pageErrors(admin)).toEqual([]);
    expect(e2e.pageErrors(officer)).toEqual([]);
  });
});

describe('a village poster', () => {
  it('shows the village, the admin’s short text and the QR code of the bot deep link, and prints only the poster', async () => {
    const { villages } = await e2e.api<{ villages: { id: number; code: string }[] }>(
      ADMIN,
      'GET',
      '/api/admin/villages',
    );
    const dongshan = villages.find((v) => v.code === 'dongshan')!;
    // The admin writes the village's own short text on its page; the poster prints it as typed.
    const text = `村委会一楼便民窗口 · 工作日 8:30–17:30 · ${Date.now() % 10_000}`;
    const edit = await openAs(ADMIN, `/admin/villages/${dongshan.id}`);
    await edit.getByLabel('海报短文').fill(text);
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await edit.getByText('已保存。').waitFor();
    await e2e.screenshot(edit, 'admin-village-poster-text-zh-CN', { fullPage: true });
    const page = await openAs(ADMIN, `/admin/villages/${dongshan.id}/poster`);
    const poster = page.locator('article.poster');
    await expect(poster.locator('h2').textContent()).resolves.toContain('东山村');
    await expect(poster.locator('.poster-text').textContent()).resolves.toBe(text);
    const qr = poster.locator('svg.poster-qr');
    expect(await qr.getAttribute('data-qr-text')).toMatch(/^https:\/\/t\.me\/[\w]+\?start=v_dongshan$/);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d/);
    await e2e.screenshot(page, 'admin-poster-zh-CN', { fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.poster-tools').isVisible()).toBe(false);
    expect(await poster.isVisible()).toBe(true);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('filters by action and shows only those entries', async () => {
    // At least one known entry of the action: an invitation made (and withdrawn) for this test.
    const created = await e2e.api<{ id: string }>(ADMIN, 'POST', '/api/admin/officers/invites', {
      roles: ['publicity'],
      villageIds: null,
      label: 'audit filter',
    });
    await e2e.api(ADMIN, 'DELETE', `/api/admin/officers/invites/${created.id}`);
    const page = await openAs(ADMIN, '/admin/audit', DESKTOP);
    await page.getByLabel('操作').selectOption('officer.invite_revoke');
    await page.getByRole('button', { name: '查询' }).click();
    const entries = page.locator('.audit-entry');
    await entries.first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.audit-entry .list-title')].every((e) => e.textContent === '撤回邀请'),
    );
    expect(await entries.locator('.list-title').allTextContents()).toContain('撤回邀请');
    expect(await page.locator('.audit-entry', { hasText: created.id }).count()).toBe(1);
    await e2e.screenshot(page, 'admin-audit-filtered-desktop');
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('screenshots of the administration pages', () => {
  for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`renders every admin page in ${language} on a phone and a desk`, async () => {
      await e2e.api(ADMIN, 'PATCH', '/api/me', { language });
      for (const [name, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        for (const path of [
          '/workbench',
          '/admin',
          '/admin/villages',
          '/admin/officers',
          '/admin/settings',
          '/admin/audit',
        ]) {
          const page = await openAs(ADMIN, path, viewport);
          // Every request of the page answered: no spinner left.
          await page.waitForFunction(() => !document.querySelector('.spinner'));
          const slug = path.replaceAll('/', '-').slice(1);
          await e2e.screenshot(page, `admin-${language}-${name}-${slug}`, { fullPage: true });
          expect(e2e.pageErrors(page), `${language} ${path}`).toEqual([]);
          await page.context().close();
        }
      }
    }, 400_000);
  }
});
