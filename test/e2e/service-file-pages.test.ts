// The service file's pages (八个一) in a real browser against the real stack — sign-in, profile,
// villages and config are the stack's own — with the service-file routes answered by a scripted API
// that keeps the contract of docs/service-file.md (one in-memory file, one queue). It walks the
// story from a reminder's deep link: the consent screen comes before the first health upload, the
// check-up is sent, the reviewing officer takes it up and verifies it, the person sees it verified
// with its receipt (the QR code decoded from the screenshot); then the consent is withdrawn (the
// confirmation says health data is deleted) and the officer reads the completeness page. Pages are
// reached by path, so the test does not depend on the service's coming-soon switch. Screenshots in
// zh-CN, zh-TW and en, at 360 px and 1024 px, go to test-results/e2e/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, type ItemKind } from '../../core/service-file/service-file-schema';
import { smallPdf } from '../fixtures/certificates';
import { setupE2e } from './harness';

const e2e = setupE2e();

const MIGRANT = 900102; // 李娜, moved away from 东山村
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
const RECEIPT = 'HYBY1|k2026|5f0c|health_checkup|dongshan|2026-11-30|Qm9zc2Fu|c2lnbmF0dXJl';

const files = mkdtempSync(join(tmpdir(), 'e2e-service-file-'));
const reportPdf = join(files, 'checkup-report.pdf');
writeFileSync(reportPdf, smallPdf());

interface Item {
  id: string;
  kind: ItemKind;
  status: string;
  overdue: boolean;
  dueOn: string | null;
  lastMetOn: string | null;
  submittedAt: string | null;
  deadlineAt: string | null;
  returnItems: null;
  /** The signed text of a verified item's receipt. */
  receipt: string | null;
}

/** The scripted service-file API: one person's file and the officer's side of it. */
function scriptedApi() {
  const items: Item[] = ITEM_KINDS.map((kind, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    kind,
    status: kind === 'personal_file' ? 'verified' : 'not_started',
    overdue: kind === 'health_checkup' || kind === 'residence_proof',
    dueOn: kind === 'personal_file' ? null : '2026-11-20',
    lastMetOn: kind === 'personal_file' ? '2026-10-21' : null,
    submittedAt: null,
    deadlineAt: null,
    returnItems: null,
    receipt: null,
  }));
  const state = {
    consent: { given: false, givenAt: null as string | null, version: null as number | null },
    owner: null as null | { userId: string; displayName: string },
    submission: null as null | { clinic: string; city: string; examDate: string },
    uploads: 0,
    withdrawals: 0,
    csvDownloads: 0,
  };
  const checkup = items.find((i) => i.kind === 'health_checkup')!;
  const person = { userId: 'a1b2c3d4-0000-4000-8000-000000000102', displayName: '李娜' };
  // The shape of getReviewItem in core/service-file/officer-reads.ts.
  const reviewView = (officerId: string) => {
    const mine = checkup.status === 'submitted' && state.owner?.userId === officerId;
    return {
      item: {
        ...checkup,
        ownerOfficerId: state.owner?.userId ?? null,
        can: {
          claim: checkup.status === 'submitted' && !state.owner,
          decide: mine,
          handOver: mine,
          record: false,
          readHealth: true,
        },
      },
      person,
      submissions: state.submission
        ? [{ id: 'sub-1', details: state.submission, hasFile: true, contentType: 'application/pdf' }]
        : [],
      history: [],
    };
  };
  // The shape of core/service-file/get-own-service-file.ts.
  const file = () => ({
    populationStatus: 'moved_away',
    file: {
      status: 'active',
      departedAt: '2026-10-21T02:00:00Z',
      contactPhone: null,
      complete: false,
      items,
    },
    consent: {
      currentVersion: 1,
      given: state.consent.given ? { version: 1, givenAt: state.consent.givenAt } : null,
    },
    agreement: { version: 2, text: '服务协议第二版。', acknowledgedVersion: null },
    livelihood: [],
  });
  // The shape of getCompleteness in core/service-file/get-completeness.ts.
  const figures = (count: (kind: ItemKind, i: number) => { total: number; met: number; overdue: number }) =>
    Object.fromEntries(ITEM_KINDS.map((kind, i) => [kind, count(kind, i)]));
  const completeness = () => ({
    asOf: '2026-11-30',
    villages: [
      {
        villageId: 1,
        villageName: '东山村',
        files: 12,
        completeFiles: checkup.status === 'verified' ? 5 : 4,
        filesWithOverdue: 5,
        // Overdue items: 2 each for training, service agreement and personal file (6).
        items: figures((kind, i) => ({
          total: 12,
          met: kind === 'health_checkup' && checkup.status === 'verified' ? 9 : 8 - (i % 4),
          overdue: i % 3 === 0 ? 2 : 0,
        })),
      },
      {
        villageId: 2,
        villageName: '西山村',
        files: 6,
        completeFiles: 1,
        filesWithOverdue: 2,
        items: figures((_, i) => ({ total: 6, met: 3 + (i % 3), overdue: i % 4 === 0 ? 1 : 0 })),
      },
    ],
  });

  /** Answers one request of the service-file routes, as the officer `officerId` or the person. */
  async function handle(route: Route, officerId: string | null) {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname;
    const method = request.method();
    const json = (body: unknown, status = 200) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const now = new Date().toISOString();
    if (path === '/api/service-file' && method === 'GET') return json(file());
    if (path === '/api/service-file/health-consent' && method === 'POST') {
      state.consent = { given: true, givenAt: now, version: 1 };
      return json(state.consent);
    }
    if (path === '/api/service-file/health-consent' && method === 'DELETE') {
      state.withdrawals += 1;
      state.consent = { given: false, givenAt: null, version: null };
      Object.assign(checkup, { status: 'not_started', receipt: null, lastMetOn: null, overdue: true });
      state.submission = null;
      return json({ erasedSubmissions: 1 });
    }
    if (path === '/api/service-file/items/health_checkup/upload' && method === 'POST') {
      if (!state.consent.given) {
        return json({ error: { code: 'consent_required', message: '请先同意', requestId: 'x' } }, 409);
      }
      const body = request.postDataBuffer()?.toString('latin1') ?? '';
      const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(body)?.[1] ?? '';
      state.uploads += 1;
      state.submission = {
        clinic: Buffer.from(field('clinic'), 'latin1').toString('utf8'),
        city: Buffer.from(field('city'), 'latin1').toString('utf8'),
        examDate: field('examDate'),
      };
      Object.assign(checkup, {
        status: 'submitted',
        overdue: false,
        submittedAt: now,
        deadlineAt: '2026-12-03T10:00:00Z',
      });
      return json({ status: 'submitted', deadlineAt: checkup.deadlineAt }, 201);
    }
    if (path === '/api/review/service-file/queue') {
      // The shape of listServiceQueue in core/service-file/officer-reads.ts.
      const open = checkup.status === 'submitted' && url.searchParams.get('overdue') !== 'true';
      const list = open
        ? [
            {
              id: checkup.id,
              kind: 'health_checkup',
              userId: person.userId,
              displayName: person.displayName,
              villageId: 1,
              villageName: '东山村',
              submittedAt: checkup.submittedAt,
              deadlineAt: checkup.deadlineAt,
              ownerOfficerId: state.owner?.userId ?? null,
              ownerName: state.owner?.displayName ?? null,
              overdue: false,
            },
          ]
        : [];
      return json({ total: list.length, items: list });
    }
    if (path === '/api/review/service-file/livelihood') return json({ requests: [] });
    if (path === `/api/review/service-file/items/${checkup.id}`) return json(reviewView(officerId ?? ''));
    if (path === `/api/review/service-file/items/${checkup.id}/claim` && method === 'POST') {
      state.owner = { userId: officerId ?? '', displayName: '王审核' };
      return json({ status: 'submitted' });
    }
    if (path === `/api/review/service-file/items/${checkup.id}/verify` && method === 'POST') {
      Object.assign(checkup, {
        status: 'verified',
        lastMetOn: '2026-11-30',
        dueOn: '2027-11-30',
        receipt: RECEIPT,
      });
      return json({ status: 'verified', receipt: RECEIPT });
    }
    if (path === '/api/review/service-file/submissions/sub-1/file') {
      return route.fulfill({ status: 200, contentType: 'application/pdf', body: Buffer.from(smallPdf()) });
    }
    if (path === '/api/review/service-file/completeness') return json(completeness());
    if (path === '/api/review/service-file/completeness.csv') {
      state.csvDownloads += 1;
      return route.fulfill({ status: 200, contentType: 'text/csv', body: 'village,kind,total,met\n' });
    }
    return json({ error: { code: 'not_found', message: 'not found', requestId: 'x' } }, 404);
  }
  return { state, items, checkup, handle };
}

async function openAs(
  telegramId: number,
  path: string,
  locale: string,
  officerId: string | null,
  api: ReturnType<typeof scriptedApi>,
) {
  const page = await e2e.newPage({ locale });
  page.setDefaultTimeout(15_000);
  await page.route(/\/api\/(review\/)?service-file(\/|$|\?|\.csv)/, (route) => api.handle(route, officerId));
  const launch = new URL(await e2e.launchUrl(telegramId));
  await page.goto(`${e2e.url}/app${path}${launch.hash}`);
  await page.locator('main h1').first().waitFor();
  return page;
}

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

describe('service file: from a reminder to a verified check-up and its receipt', () => {
  const api = scriptedApi();
  let officerId = '';

  it('opens the check-up card from the reminder link and asks for consent before the first health upload', async () => {
    // Both start in Simplified Chinese (a rerun against a shared database may find another language).
    await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN' });
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    const me = await e2e.api<{ user: { id: string } }>(REVIEWER, 'GET', '/api/me');
    officerId = me.user.id;
    // The reminder's button: service-file/items/<kind>.
    const page = await openAs(MIGRANT, '/service-file/items/health_checkup', 'zh-CN', null, api);
    await heading(page, '健康检查').waitFor();
    await page.getByText('已超期').first().waitFor();
    await page.getByRole('heading', { name: '健康资料授权' }).waitFor();
    for (const part of ['用途', '谁能看到', '保存多久', '如何撤回'])
      await page.getByText(part, { exact: true }).waitFor();
    await page.getByText('报告文件在核实后 90 天删除', { exact: false }).waitFor();
    // No form before consent: nothing health-related can be sent yet.
    expect(await page.getByLabel('检查机构').count()).toBe(0);
    await e2e.screenshot(page, 'file-01-consent-zh-CN', { fullPage: true });

    await mainButton(page).getByText('同意并继续').click();
    await page.getByLabel('检查机构').waitFor();
    expect(api.state.consent.given).toBe(true);

    // Mistakes are caught here, under each field, before anything is sent.
    await mainButton(page).getByText('提交审核').click();
    await page.getByText('请选择报告文件').waitFor();
    expect(api.state.uploads).toBe(0);

    await page.getByLabel('检查机构').fill('深圳市宝安区人民医院');
    await page.getByLabel('所在城市').fill('深圳');
    await page.getByLabel('检查日期').fill('2026-11-25');
    await page.locator('#report-file').setInputFiles(reportPdf);
    await page.getByText('已选择：checkup-report.pdf').waitFor();
    await e2e.screenshot(page, 'file-02-checkup-form-zh-CN', { fullPage: true });
    await mainButton(page).getByText('提交审核').click();
    await page.getByText('已提交，工作人员审核后会通知您。').waitFor();
    await page.getByText('待审核').first().waitFor();
    expect(api.state.submission).toEqual({
      clinic: '深圳市宝安区人民医院',
      city: '深圳',
      examDate: '2026-11-25',
    });
    await e2e.screenshot(page, 'file-03-submitted-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('lets the reviewing officer take the check-up up from the queue and verify it', async () => {
    const page = await openAs(REVIEWER, '/review/service-file', 'zh-CN', officerId, api);
    await heading(page, '待核实事项').waitFor();
    await page.getByText('共 1 项').waitFor();
    await e2e.screenshot(page, 'file-04-queue-zh-CN');
    await page.locator('a.queue-item', { hasText: '李娜' }).click();
    await heading(page, '李娜 · 健康检查').waitFor();
    await page.getByText('深圳市宝安区人民医院').waitFor();
    await page.getByRole('button', { name: '领取办理' }).click();
    await mainButton(page).getByText('核实通过').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认李娜的“健康检查”资料属实', { exact: false }).waitFor();
    await e2e.screenshot(page, 'file-05-verify-dialog-zh-CN');
    await dialog.getByRole('button', { name: '核实通过' }).click();
    await page.getByText('已核实，对方已收到回执。').waitFor();
    expect(api.checkup.status).toBe('verified');
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
      await e2e.api(MIGRANT, 'PATCH', '/api/me', { language });
      const page = await openAs(MIGRANT, '/service-file/items/health_checkup', language, null, api);
      await heading(page, title).waitFor();
      await page.locator('.badge', { hasText: verified }).first().waitFor();
      const qr = page.locator('.receipt svg.qr');
      await qr.scrollIntoViewIfNeeded();
      expect(await page.locator('.receipt-text').textContent()).toBe(RECEIPT);
      const shot = await qr.screenshot();
      expect(await decodeQr(page, shot)).toBe(RECEIPT);
      await e2e.screenshot(page, `file-06-receipt-${language}`, { fullPage: true });
      // The overview: eight cards, the verified one among them.
      await page.goto(page.url().replace('/service-file/items/health_checkup', '/service-file'));
      await page.locator('a.file-item').nth(7).waitFor();
      expect(await page.locator('a.file-item').count()).toBe(8);
      await e2e.screenshot(page, `file-07-overview-${language}`, { fullPage: true });
      await page.setViewportSize({ width: 1024, height: 768 });
      await e2e.screenshot(page, `file-07-overview-${language}-1024`);
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN' });
  });
});

describe('service file: consent withdrawal', () => {
  it('asks before withdrawing, says health data is deleted, and the check-up is to do again', {
    timeout: 120_000,
  }, async () => {
    const api = scriptedApi();
    await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN' });
    api.state.consent = { given: true, givenAt: '2026-11-25T02:00:00Z', version: 1 };
    const page = await openAs(MIGRANT, '/settings', 'zh-CN', null, api);
    // The settings page leads to the consent.
    await page.getByRole('link', { name: /健康资料授权/ }).click();
    await heading(page, '健康资料授权').waitFor();
    await page
      .getByText('您已于 2025', { exact: false })
      .or(page.getByText('您已于', { exact: false }))
      .first()
      .waitFor();
    await page.getByRole('button', { name: '撤回授权并删除健康资料' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('健康检查报告和相关健康资料会被删除', { exact: false }).waitFor();
    await e2e.screenshot(page, 'file-08-withdraw-dialog-zh-CN');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(api.state.withdrawals).toBe(0);
    await page.getByRole('button', { name: '撤回授权并删除健康资料' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤回并删除' }).click();
    await page.getByText('已撤回授权，健康资料已删除。').waitFor();
    await page.getByText('您尚未授权').first().waitFor();
    expect(api.state.withdrawals).toBe(1);
    await e2e.screenshot(page, 'file-09-withdrawn-zh-CN');
    // The next check-up upload asks for consent again.
    await page.goto(page.url().replace('/service-file/consent', '/service-file/items/health_checkup'));
    await page.getByRole('heading', { name: '健康资料授权' }).waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('service file: the officer completeness page', () => {
  it('shows per village and per item figures as charts and a table, and exports CSV', {
    timeout: 240_000,
  }, async () => {
    const api = scriptedApi();
    for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language });
      const page = await openAs(REVIEWER, '/review/service-file/completeness', language, 'x', api);
      await page.locator('.stat-value').first().waitFor();
      // 18 files, 5 complete (4 + 1), 8 overdue items (6 + 2) across both villages.
      expect(await page.locator('.stat-value').allTextContents()).toEqual(['18', '5', '28%', '8']);
      await page.locator('table.data-table tbody tr').nth(1).waitFor();
      expect(await page.locator('table.data-table tbody tr').count()).toBe(2);
      await e2e.screenshot(page, `file-10-completeness-${language}`, { fullPage: true });
      if (language === 'zh-CN') {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: '导出 CSV' }).click();
        expect((await download).suggestedFilename()).toBe('service-file-completeness.csv');
        expect(api.state.csvDownloads).toBe(1);
        await page.setViewportSize({ width: 1024, height: 768 });
        await e2e.screenshot(page, 'file-10-completeness-zh-CN-1024', { fullPage: true });
      }
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
  });
});
