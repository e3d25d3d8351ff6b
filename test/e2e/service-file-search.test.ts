// The reviewing officer reaches a person's service file with nothing of theirs in the queue: a person
// registers as leaving (东山村) and does nothing else; the officer (900002, 东山村 and 西山村) types part
// of the name in the queue page's search box (a one-character term is refused in words first), sees
// the file with its village, status and items met, opens it and records the training. Then the queue
// pages on: 55 proofs waiting in 西山村 show as "50 of 55" until "load more" brings the rest; and the
// completeness page's "refresh now" takes the recorded training in without waiting for the cron. Real
// stack, API and database; screenshots of the results in zh-CN, zh-TW and en in test-results/e2e/.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../core/auth/init-data';
import { createDb } from '../../db/client';
import { serviceCompleteness, serviceFiles, serviceItems, users, villages } from '../../db/schema';
import { LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { setupE2e } from './harness';

const e2e = setupE2e();

const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
const stamp = Date.now() % 10_000_000;
/** A new person each run, with a name no other run has: 岳 and two characters spelling the stamp. */
const NAME = `岳${String.fromCharCode(0x4e00 + (stamp % 4000))}${String.fromCharCode(0x6000 + (Math.floor(stamp / 4000) % 4000))}`;
const PERSON = { id: 970_000_000 + stamp, first_name: NAME };
const PROOFS = 55;

let db: ReturnType<typeof createDb> | undefined;
const bulkUsers: string[] = [];
afterAll(async () => {
  if (db && bulkUsers.length) {
    await db.db.delete(serviceFiles).where(inArray(serviceFiles.userId, bulkUsers));
    await db.db.delete(users).where(inArray(users.id, bulkUsers));
  }
  await db?.close();
});

async function asPerson<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
  const initData = await signInitData({ user: PERSON, botToken: LOCAL_BOT_TOKEN, authDate: new Date() });
  const res = await fetch(`${e2e.url}${path}`, {
    method,
    headers: {
      Authorization: `tma ${initData}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function openAs(path: string, locale: string): Promise<Page> {
  const page = await e2e.newPage({ locale });
  page.setDefaultTimeout(15_000);
  await page.goto(`${e2e.url}/app${path}${new URL(await e2e.launchUrl(REVIEWER)).hash}`);
  await page.locator('main h1').first().waitFor();
  return page;
}

const villageIdOf = async (code: string) => {
  db ??= createDb(e2e.stack.databaseUrl);
  const [v] = await db.db.select({ id: villages.id }).from(villages).where(eq(villages.code, code));
  return v!.id;
};

describe("service file: the officer finds a person's file by searching", () => {
  it('finds a person with nothing submitted, opens the file and records the training', {
    timeout: 180_000,
  }, async () => {
    await asPerson('PATCH', '/api/me', { villageId: await villageIdOf('dongshan'), language: 'zh-CN' });
    await asPerson('POST', '/api/service-file/departure');
    const me = await asPerson<{ user: { id: string } }>('GET', '/api/me');

    for (const [language, title, met, status] of [
      ['zh-TW', '待核實事項', '已完成 1/8 項', '在外'],
      ['en', 'Items to verify', '1/8 met', 'Away'],
      ['zh-CN', '待核实事项', '已完成 1/8 项', '在外'],
    ] as const) {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      const page = await openAs('/review/service-file', language);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const box = page.locator('#person-search');
      if (language === 'zh-TW') {
        // One character is refused in words, before anything is sent.
        await box.fill(NAME.slice(0, 1));
        await box.press('Enter');
        await page.getByRole('alert').getByText('請至少輸入2個字', { exact: false }).waitFor();
        await e2e.screenshot(page, 'file-16-search-too-short-zh-TW');
      }
      await box.fill(NAME.slice(1));
      await box.press('Enter');
      const row = page.locator(`a.queue-item[href$="/review/service-file/people/${me.user.id}"]`);
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain(NAME);
      expect(text).toContain('东山村');
      expect(text).toContain(met);
      expect(text).toContain(status);
      await e2e.screenshot(page, `file-16-search-${language}`);
      expect(e2e.pageErrors(page)).toEqual([]);
      if (language !== 'zh-CN') continue;

      await row.click();
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await page.getByRole('button', { name: '记录已参加外出培训' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(NAME, { exact: false }).waitFor();
      await dialog.getByRole('button', { name: '确认记录', exact: true }).click();
      await page.getByText('已记录参加培训。').waitFor();
      // Back on the queue page, the same search is run again: the training now counts.
      await page.goBack();
      await expect.poll(() => row.textContent()).toContain('已完成 2/8 项');
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    const own = await asPerson<{ file: { items: { kind: string; status: string }[] } }>(
      'GET',
      '/api/service-file',
    );
    expect(own.file.items.find((i) => i.kind === 'training')?.status).toBe('verified');
  });

  it('pages through the verification queue: "50 of 55", then "load more" shows the rest', {
    timeout: 120_000,
  }, async () => {
    // 55 proofs from the new place waiting in 西山村, with deadlines later than anything else's.
    const xishan = await villageIdOf('xishan');
    const d = db!.db;
    const people = await d
      .insert(users)
      .values(
        Array.from({ length: PROOFS }, (_, i) => ({
          telegramId: 975_000_000 + (stamp % 100_000) * 100 + i,
          displayName: `页${NAME}${String(i).padStart(2, '0')}`,
          villageId: xishan,
          populationStatus: 'moved_away' as const,
        })),
      )
      .returning({ id: users.id });
    bulkUsers.push(...people.map((p) => p.id));
    const now = new Date();
    const files = await d
      .insert(serviceFiles)
      .values(
        people.map((p) => ({
          userId: p.id,
          villageId: xishan,
          departedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: serviceFiles.id, userId: serviceFiles.userId });
    await d.insert(serviceItems).values(
      files.map((f, i) => ({
        fileId: f.id,
        userId: f.userId,
        villageId: xishan,
        kind: 'residence_proof' as const,
        status: 'submitted' as const,
        submittedAt: now,
        deadlineAt: new Date(Date.UTC(2099, 0, 1, 0, i)),
        updatedAt: now,
      })),
    );
    const api = await e2e.api<{ total: number }>(
      REVIEWER,
      'GET',
      `/api/review/service-file/queue?kind=residence_proof&villageId=${xishan}&limit=1`,
    );
    expect(api.total).toBeGreaterThanOrEqual(PROOFS);

    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await openAs('/review/service-file', 'zh-CN');
    await page.getByRole('heading', { level: 1, name: '待核实事项' }).waitFor();
    await page.locator('.filters select').first().selectOption('residence_proof');
    await page.locator('.filters select').nth(1).selectOption(String(xishan));
    const status = page.locator('main p.note[role="status"]').last();
    await expect.poll(() => status.textContent()).toContain(`已显示 50 项，共 ${api.total} 项`);
    expect(await page.locator('a.queue-item').count()).toBe(50);
    // The end of the first page: how many of how many, and the button for the next.
    await page.getByRole('button', { name: '加载更多' }).scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'file-17-queue-paging-zh-CN');
    await page.getByRole('button', { name: '加载更多' }).click();
    const shown = Math.min(api.total, 100);
    await expect.poll(() => page.locator('a.queue-item').count()).toBe(shown);
    if (shown === api.total) {
      // The last of ours (the latest deadline) is now on the page, and nothing is left to load.
      expect(await page.locator('a.queue-item').last().textContent()).toContain(`页${NAME}${PROOFS - 1}`);
      expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
      await expect.poll(() => status.textContent()).toContain(`共 ${api.total} 项`);
    }
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it("refreshes the completeness figures on 'refresh now' (a snapshot a minute old or more)", {
    timeout: 120_000,
  }, async () => {
    for (const [language, title, button, done] of [
      ['zh-CN', '档案完整率', '立即刷新', '数据已刷新。'],
      ['zh-TW', '檔案完整率', '立即重新整理', '數據已更新。'],
      ['en', 'File completeness', 'Refresh now', 'Figures refreshed.'],
    ] as const) {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      const page = await openAs('/review/service-file/completeness', language);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('.completeness-as-of').waitFor();
      // The snapshot as the page read it, made two minutes old: "refresh now" recomputes it.
      await db!.db
        .update(serviceCompleteness)
        .set({ computedAt: sql`${serviceCompleteness.computedAt} - interval '2 minutes'` });
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('status').getByText(done).waitFor();
      await e2e.screenshot(page, `file-18-completeness-refreshed-${language}`);
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
  });
});
