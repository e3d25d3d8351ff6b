// What a walkthrough of the mini app hit, in a real browser at 360×640: the home cards say "coming
// soon" for the services not built yet; the campaign editor edits formatted text (no raw <b>), says
// nothing about unsaved changes on a blank form, keeps the audience count in sight while the officer
// ticks the audience, and turns its formatting into Telegram HTML the server accepts; an approver
// opens the list on the stage with work; the fallback note names only languages in the audience; chart
// labels are at least 12 px. Screenshots go to test-results/e2e/.
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isServiceAvailable, SERVICE_IDS } from '../../core/service-availability';
import { setupE2e } from './harness';

const e2e = setupE2e();

const RESIDENT = 900101; // 张小明
const REVIEWER = 900002; // 王审核
const CHEN = 900003; // 陈宣传, publicity officer
const GRACE = 900007; // Grace Publicity, approves, reads English
const STAMP = Date.now() % 1_000_000;

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function openAs(telegramId: number, path: string, locale?: string): Promise<Page> {
  const page = await e2e.newPage(locale ? { locale } : {});
  page.setDefaultTimeout(15_000);
  const launch = new URL(await e2e.launchUrl(telegramId));
  await page.goto(`${e2e.url}/app${path}${launch.hash}`);
  await page.locator('main h1').first().waitFor();
  return page;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('home page', () => {
  it('marks each service that is not built yet "coming soon", and only those', async () => {
    await e2e.api(RESIDENT, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await e2e.newPage();
    page.setDefaultTimeout(15_000);
    await e2e.loginAs(page, RESIDENT);
    const titles = {
      certificates: '婚育证明',
      serviceFile: '“八个一”服务档案',
      guide: '宣传与办事指南',
      tipOffs: '有奖举报',
    };
    for (const id of SERVICE_IDS) {
      const card = page.locator('a.card-link', { hasText: titles[id] });
      const badge = card.locator('.badge', { hasText: '即将上线' });
      expect(await badge.count(), id).toBe(isServiceAvailable(id) ? 0 : 1);
    }
    await page.locator('a.card-link', { hasText: '有奖举报' }).scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'walk-01-home-coming-soon');
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('campaign editor', () => {
  it('edits formatted text without tags, keeps the count in sight and saves Telegram HTML the server accepts', async () => {
    await e2e.api(CHEN, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await openAs(CHEN, '/publicity/campaigns/new');
    await heading(page, '新建宣传').waitFor();
    // A blank form has nothing unsaved.
    expect(await page.locator('.form-status').textContent()).not.toContain('有未保存的修改');

    await page.getByLabel('标题').fill(`格式编辑 ${STAMP}`);
    await page.getByLabel('主题').selectOption('care_for_girls');
    await page.locator('.form-status', { hasText: '有未保存的修改' }).waitFor();
    await page.getByText(/预计送达 \d+ 人/).waitFor();
    // Tick a village and the last audience choice, each in the middle of the screen as an officer
    // scrolling through the list has them: the count is in sight each time, never under the button.
    for (const name of ['东山村', '流入人口']) {
      const box = page.getByRole('checkbox', { name });
      await box.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await box.check();
      const countBox = (await page.locator('.audience-count').boundingBox())!;
      const buttonBox = (await page.locator('.main-button-slot').boundingBox())!;
      expect(countBox.y, name).toBeGreaterThanOrEqual(0);
      expect(countBox.y + countBox.height, name).toBeLessThanOrEqual(640);
      expect(overlaps(countBox, buttonBox), name).toBe(false);
    }
    await e2e.screenshot(page, 'walk-02-audience-count-in-sight');

    // The formatted view: type, select the first words, make them bold — no tags on screen.
    const editor = page.getByRole('textbox', { name: '正文（简体中文）' });
    await editor.click();
    await page.keyboard.type('关爱女孩，从我做起。');
    await editor.evaluate((el) => {
      const text = el.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 4);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.getByRole('button', { name: '加粗' }).click();
    await editor.locator('b', { hasText: '关爱女孩' }).waitFor();
    expect(await editor.textContent()).not.toContain('<');
    await page.locator('.tg-bubble b', { hasText: '关爱女孩' }).waitFor();
    // A link on words: the address is asked in the page, not in a browser prompt.
    await page.keyboard.press('End');
    await page.keyboard.type('详情');
    await editor.evaluate((el) => {
      const text = el.lastChild!;
      const range = document.createRange();
      range.setStart(text, (text.textContent ?? '').length - 2);
      range.setEnd(text, (text.textContent ?? '').length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.getByRole('button', { name: '链接' }).click();
    await page.getByLabel('链接地址（https://…）').fill('https://example.org/girls');
    await page.getByRole('button', { name: '加链接' }).click();
    await editor.locator('a[href="https://example.org/girls"]', { hasText: '详情' }).waitFor();
    await e2e.screenshot(page, 'walk-03-formatted-editor');

    // The HTML view shows the same text as Telegram HTML; an edit there shows formatted again.
    await page.getByRole('button', { name: 'HTML 源码' }).click();
    const source = page.getByLabel('正文（简体中文）');
    await expect
      .poll(() => source.inputValue())
      .toBe('<b>关爱女孩</b>，从我做起。<a href="https://example.org/girls">详情</a>');
    await source.fill(`${await source.inputValue()}\n<i>女孩和男孩一样</i>`);
    await page.getByRole('button', { name: 'HTML 源码' }).click();
    await editor.locator('i', { hasText: '女孩和男孩一样' }).waitFor();
    expect(await editor.textContent()).not.toContain('<');

    await page.locator('.main-button-slot button', { hasText: '保存草稿' }).click();
    await page.waitForURL(/\/app\/publicity\/campaigns\/[0-9a-f-]{36}$/);
    const id = /campaigns\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    onTestFinished(async () => {
      await e2e.api(CHEN, 'POST', `/api/campaigns/${id}/cancel`).catch(() => {});
    });
    const saved = await e2e.api<{ variants: { language: string; text: string }[] }>(
      CHEN,
      'GET',
      `/api/campaigns/${id}`,
    );
    expect(saved.variants[0]?.text).toBe(
      '<b>关爱女孩</b>，从我做起。<a href="https://example.org/girls">详情</a>\n<i>女孩和男孩一样</i>',
    );
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('opens an approver’s list on the campaigns awaiting approval, and names no language the audience leaves out', async () => {
    const { id } = await e2e.api<{ id: string }>(CHEN, 'POST', '/api/campaigns', {
      title: `只发简体 ${STAMP}`,
      topic: 'family_support',
      audience: { villageIds: [], languages: ['zh-CN'], statuses: [] },
    });
    onTestFinished(async () => {
      await e2e.api(CHEN, 'POST', `/api/campaigns/${id}/cancel`).catch(() => {});
    });
    await e2e.api(CHEN, 'PUT', `/api/campaigns/${id}/variants/zh-CN`, {
      text: '<b>生育关怀</b>：欢迎咨询。',
    });
    await e2e.api(CHEN, 'POST', `/api/campaigns/${id}/submit`);
    await e2e.api(GRACE, 'PATCH', '/api/me', { language: 'en' });

    const page = await openAs(GRACE, '/publicity', 'en');
    await page.locator('.campaign-row', { hasText: `只发简体 ${STAMP}` }).waitFor();
    expect(await page.getByRole('radio', { name: /Awaiting approval/ }).isChecked()).toBe(true);
    await e2e.screenshot(page, 'walk-04-approver-list');

    await page.locator('.campaign-row', { hasText: `只发简体 ${STAMP}` }).click();
    await heading(page, `只发简体 ${STAMP}`).waitFor();
    await page.locator('.tg-bubble b', { hasText: '生育关怀' }).waitFor();
    expect(await page.getByText(/receive the Simplified Chinese version/).count()).toBe(0);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('charts', () => {
  it('draws every chart label at 12 px or more on a phone', async () => {
    const page = await openAs(REVIEWER, '/review/dashboard');
    await page.locator('svg.chart-svg').first().waitFor();
    const sizes = await page.locator('svg.chart-svg text').evaluateAll((texts) =>
      texts.map((el) => {
        const scale = (el as SVGGraphicsElement).getScreenCTM()?.a ?? 0;
        return { text: el.textContent, px: Number.parseFloat(getComputedStyle(el).fontSize) * scale };
      }),
    );
    expect(sizes.length).toBeGreaterThan(3);
    for (const s of sizes) expect(s.px, String(s.text)).toBeGreaterThanOrEqual(12);
    await e2e.screenshot(page, 'walk-05-chart-labels', { fullPage: true });
  });
});
