// The certificate story in a real browser against the real stack: a newly registered migrant fills
// in the form (a wrong ID check digit is caught in the browser), uploads documents and submits; the
// reviewing officer claims it from the queue and returns it asking for two items; the migrant sees
// the two-item checklist, fixes both and resubmits; the officer issues; the migrant shows the QR
// code (decoded from the screenshot); anyone can verify it without signing in; the officer revokes
// it and the public page says so. Screenshots at each step go to test-results/e2e/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { signInitData } from '../../core/auth/init-data';
import { withCheckDigit } from '../../core/certificates/resident-id';
import { LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { jpegWithGps, smallPdf, validForm } from '../fixtures/certificates';
import { setupE2e, uploadRequiredDocuments } from './harness';

const e2e = setupE2e();

const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
// A person the seed does not know, so reruns against a shared DATABASE_URL start from nothing.
const MIGRANT = 910_000 + (Date.now() % 89_999);
const MIGRANT_NAME = '赵敏';

// Valid resident IDs (GB 11643 check digit): the applicant, born 1994-03-15, female (even 17th digit).
const APPLICANT_ID = withCheckDigit('11010519940315002');
const WRONG_CHECK_DIGIT = `${APPLICANT_ID.slice(0, 17)}${APPLICANT_ID.endsWith('0') ? '1' : '0'}`;
const SPOUSE_ID = withCheckDigit('11010519920708009'); // born 1992-07-08, male (odd 17th digit)

const files = mkdtempSync(join(tmpdir(), 'e2e-certificates-'));
function fixture(name: string, bytes: Uint8Array): string {
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
}

/** A small opaque PNG that looks like a photographed card (so thumbnails are visible in screenshots). */
function cardPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      // A light card with a darker photo box and text lines.
      const photo = x > width * 0.65 && x < width * 0.9 && y > height * 0.2 && y < height * 0.75;
      const line = x > width * 0.08 && x < width * 0.55 && y % 12 < 3 && y > 10 && y < height - 10;
      const shade = photo ? 0.55 : line ? 0.35 : 1;
      rows.push(...rgb.map((c) => Math.round(c * shade)));
    }
  }
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', deflateSync(new Uint8Array(rows))),
    ...chunk('IEND', new Uint8Array()),
  ]);
}

/** A real JPEG photo, encoded by the browser's canvas (Node has no JPEG encoder). */
async function browserJpeg(page: Page, width: number, height: number, color: string): Promise<Uint8Array> {
  const base64 = await page.evaluate(
    ([w, h, c]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w as number;
      canvas.height = h as number;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = c as string;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#b91c1c';
      ctx.fillRect(12, 12, canvas.width - 24, 18);
      ctx.fillStyle = '#6b7280';
      for (let y = 44; y < canvas.height - 12; y += 14) ctx.fillRect(12, y, canvas.width * 0.6, 5);
      return canvas.toDataURL('image/jpeg', 0.8).split(',')[1]!;
    },
    [width, height, color] as const,
  );
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

async function migrantLaunchUrl(path: string): Promise<string> {
  const initData = await signInitData({
    user: { id: MIGRANT, first_name: MIGRANT_NAME },
    botToken: LOCAL_BOT_TOKEN,
    authDate: new Date(),
  });
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppPlatform: 'web',
    tgWebAppVersion: '9.1',
  });
  return `${e2e.url}/app${path}#${hash}`;
}

async function migrantApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const initData = await signInitData({
    user: { id: MIGRANT, first_name: MIGRANT_NAME },
    botToken: LOCAL_BOT_TOKEN,
    authDate: new Date(),
  });
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

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** The page's main action: Telegram's Main button inside Telegram, this pinned button in a browser. */
function mainButton(page: Page) {
  return page.locator('.main-button-slot button');
}

/** Decodes the QR code in a screenshot: the browser reads the PNG back into pixels, jsQR decodes them. */
async function decodeQrFromScreenshot(page: Page, png: Buffer): Promise<string | null> {
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

describe('certificate: apply, return, fix, issue, verify, revoke', () => {
  let migrant: Page;
  let officer: Page;
  let applicationId = '';
  let serial = '';
  const submitRequests: string[] = [];
  /** The page address printed beside the QR (serial and check code, no payload). */
  const verifyUrl = async () =>
    (
      await migrantApi<{ certificate: { verifyUrl: string } }>(
        'GET',
        `/api/certificates/applications/${applicationId}`,
      )
    ).certificate.verifyUrl.replace(/^https?:\/\/[^/]+/, e2e.url);

  it('shows the migrant the public notice and starts an application', async () => {
    // First contact files the person; they live in 东山村, which 王审核 reviews.
    const { villages } = await migrantApi<{ villages: { id: number; name: string }[] }>(
      'GET',
      '/api/villages',
    );
    const dongshan = villages.find((v) => v.name === '东山村')!;
    await migrantApi('PATCH', '/api/me', { language: 'zh-CN', villageId: dongshan.id });

    migrant = await e2e.newPage();
    migrant.setDefaultTimeout(15_000);
    migrant.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/submit')) submitRequests.push(r.url());
    });
    await migrant.goto(await migrantLaunchUrl('/certificates'));
    await heading(migrant, '婚育证明').waitFor();
    await migrant.getByRole('heading', { name: '公开栏' }).waitFor();
    await migrant.getByText('提交后 3 个工作日内办结（限时办结）。').waitFor();
    await migrant.getByText('免费', { exact: true }).waitFor();
    await migrant.getByText('还没有申请').waitFor();
    await e2e.screenshot(migrant, 'cert-01-service');
    await e2e.screenshot(migrant, 'cert-01-service-full', { fullPage: true });

    await mainButton(migrant).getByText('申请婚育证明').click();
    await heading(migrant, '填写申请').waitFor();
    applicationId = /applications\/([0-9a-f-]{36})/.exec(migrant.url())![1]!;
    await migrant.getByRole('heading', { name: /个人信息/ }).waitFor();
  });

  it('catches a wrong ID check digit in the browser, under the field, and submits nothing', async () => {
    await migrant.getByLabel('姓名').fill(MIGRANT_NAME);
    const id = migrant.getByLabel('公民身份号码');
    await id.fill(WRONG_CHECK_DIGIT);
    await id.blur();
    const error = migrant.locator('#f-applicant-idNumber-error');
    await expect.poll(() => error.textContent()).toBe('身份证号码最后一位校验码不正确，请逐位核对号码。');
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    expect(await id.getAttribute('aria-describedby')).toContain('f-applicant-idNumber-error');
    // "Next" stays on the step while it has a problem.
    await mainButton(migrant).click();
    await migrant.getByRole('heading', { name: /个人信息/ }).waitFor();
    await e2e.screenshot(migrant, 'cert-02-form-invalid-id');
    expect(submitRequests).toEqual([]);
  });

  it('fills in every step with valid data, saving the draft as it goes', async () => {
    const id = migrant.getByLabel('公民身份号码');
    await id.fill(APPLICANT_ID);
    await id.blur();
    // Birth date and sex come from the ID number.
    await expect.poll(() => migrant.getByLabel('出生日期').inputValue()).toBe('1994-03-15');
    expect(await migrant.getByLabel('性别').inputValue()).toBe('female');
    expect(await migrant.locator('#f-applicant-idNumber-error').count()).toBe(0);
    await migrant.getByLabel('手机号码（选填）').fill('13800138000');
    expect(await migrant.getByLabel('户籍所在村（社区）').locator('option:checked').textContent()).toBe(
      '东山村',
    );
    await e2e.screenshot(migrant, 'cert-03-form-personal');
    await mainButton(migrant).click();

    await migrant.getByRole('heading', { name: /户籍与现居住地/ }).waitFor();
    await migrant.getByLabel('户籍地址').fill('示范镇东山村三组12号');
    await migrant.getByLabel('现居住地址').fill('广东省深圳市宝安区西乡街道固戍社区');
    await migrant.getByLabel('在现居住地居住起始日期（选填）').fill('2021-06-01');
    await mainButton(migrant).click();

    await migrant.getByRole('heading', { name: /婚姻状况/ }).waitFor();
    // Spouse fields only appear for a married person.
    expect(await migrant.getByLabel('配偶姓名').count()).toBe(0);
    await migrant.getByLabel('婚姻状况', { exact: true }).selectOption('first_marriage');
    await migrant.getByLabel('结婚登记日期').fill('2019-10-02');
    await migrant.getByLabel('配偶姓名').fill('王强');
    await migrant.getByLabel('配偶公民身份号码').fill(SPOUSE_ID);
    await e2e.screenshot(migrant, 'cert-04-form-marital');
    await mainButton(migrant).click();

    await migrant.getByRole('heading', { name: /子女/ }).waitFor();
    await migrant.getByRole('button', { name: '添加子女' }).click();
    await migrant.locator('#f-children-0-name').fill('王小雨');
    await migrant.locator('#f-children-0-sex').selectOption('female');
    await migrant.locator('#f-children-0-birthDate').fill('2021-01-20');
    await mainButton(migrant).click();
    await migrant.getByRole('heading', { name: /证明材料/ }).waitFor();

    // The draft was saved on each step change, with the complete form by now.
    await expect
      .poll(async () => {
        const view = await migrantApi<{ form: { children?: unknown[] } }>(
          'GET',
          `/api/certificates/applications/${applicationId}`,
        );
        return view.form.children?.length ?? 0;
      })
      .toBe(1);
    expect(submitRequests).toEqual([]);
  });

  it('uploads the documents, one request per file, with thumbnails of the photos', async () => {
    await migrant.getByText(/还需要上传：居民身份证（正反面）、户口簿本人页、结婚证/).waitFor();
    await migrant
      .locator('#doc-id_card')
      .setInputFiles([
        fixture('id-front.png', cardPng(160, 100, [214, 226, 240])),
        fixture('id-back.png', cardPng(160, 100, [236, 226, 206])),
      ]);
    await migrant.getByText('已上传 2 个').waitFor();
    await migrant.locator('#doc-hukou_page').setInputFiles([fixture('hukou.pdf', smallPdf())]);
    await migrant.getByText(/还需要上传：结婚证/).waitFor();
    // A real photo (JPEG drawn by the browser) and the fixture phone JPEG with GPS, XMP and ICC
    // metadata: both are stored rewritten to their pixel data, and both still decode here.
    await migrant
      .locator('#doc-marriage_certificate')
      .setInputFiles([
        fixture('marriage.jpg', await browserJpeg(migrant, 160, 110, '#f3d9d9')),
        fixture('marriage-gps.jpg', jpegWithGps()),
      ]);
    await migrant.getByText('所需材料已全部上传。').waitFor();
    // Photo thumbnails are fetched with the sign-in and shown from blob: URLs.
    const thumbs = migrant.locator('.doc img');
    await expect.poll(() => thumbs.count()).toBe(4);
    await expect
      .poll(() => thumbs.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth)))
      .toEqual([160, 160, 160, 16]);
    const first = thumbs.first();
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    expect(await first.getAttribute('src')).toMatch(/^blob:/);
    await migrant.getByText('PDF', { exact: true }).first().waitFor();
    await e2e.screenshot(migrant, 'cert-05-form-documents');
    await e2e.screenshot(migrant, 'cert-05-form-documents-full', { fullPage: true });
  });

  it('submits from the review step and shows the deadline', async () => {
    await mainButton(migrant).click();
    await migrant.getByRole('heading', { name: /核对并提交/ }).waitFor();
    await migrant.getByText('所有内容已填写完整，可以提交。').waitFor();
    await e2e.screenshot(migrant, 'cert-06-form-review');
    await mainButton(migrant).getByText('提交申请').click();
    await heading(migrant, '我的申请').waitFor();
    await migrant.getByText(/申请已提交！/).waitFor();
    await migrant.getByText('办结期限', { exact: true }).waitFor();
    expect(submitRequests).toHaveLength(1);
    await e2e.screenshot(migrant, 'cert-07-submitted');
    expect(e2e.pageErrors(migrant)).toEqual([]);
  });

  it('lets the officer claim it from the queue and return it asking for two items at once', async () => {
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    officer = await e2e.newPage();
    officer.setDefaultTimeout(15_000);
    await e2e.loginAs(officer, REVIEWER);
    await officer.getByRole('link', { name: /工作台/ }).click();
    await heading(officer, '工作台').waitFor();
    // At least this application is open (a shared DATABASE_URL may hold others).
    await officer.getByText(/待办 [1-9]\d* 件 · 超期 \d+ 件/).waitFor();
    await e2e.screenshot(officer, 'review-01-workbench');
    await officer.getByRole('link', { name: /婚育证明审核/ }).click();
    await heading(officer, '婚育证明审核').waitFor();
    const row = officer.locator(`a[href="/app/review/applications/${applicationId}"]`);
    await row.getByText(MIGRANT_NAME).waitFor();
    await row.waitFor();
    await row.getByText('尚未受理').waitFor();
    await e2e.screenshot(officer, 'review-02-queue');

    await row.click();
    await heading(officer, MIGRANT_NAME).waitFor();
    // Opening it changes nothing: the officer takes it up with a button (领取办理).
    await officer.getByText('尚未有人受理。').waitFor();
    await officer.getByRole('button', { name: '领取办理' }).click();
    await officer.getByText('您已受理此申请，由您负责办理到底。').waitFor();
    await officer.getByText('由您负责办理（首问负责）。').waitFor();
    await officer.locator('.doc img').first().waitFor();
    await e2e.screenshot(officer, 'review-03-screen');
    await e2e.screenshot(officer, 'review-03-screen-full', { fullPage: true });

    await officer.getByRole('button', { name: '退回补正' }).click();
    await officer.getByRole('heading', { name: '补正清单' }).waitFor();
    await officer.getByRole('checkbox', { name: '现居住地址' }).check();
    await officer.getByLabel('现居住地址：需要怎样补正？').fill('请写明楼栋和门牌号');
    await officer.getByRole('checkbox', { name: '户口簿本人页' }).check();
    await officer.getByLabel('户口簿本人页：需要怎样补正？').fill('户口簿照片不清晰，请重新上传');
    await officer.getByText('共 2 项，将一次性发送。').waitFor();
    await e2e.screenshot(officer, 'review-04-return-checklist');
    await mainButton(officer).getByText('退回补正（2 项）').click();
    await officer.getByText('已退回申请人补正（2 项）。').waitFor();
    expect(e2e.pageErrors(officer)).toEqual([]);
  });

  it('shows the migrant the two-item checklist; each item leads to its field; resubmits the fixes', async () => {
    await migrant.reload();
    await heading(migrant, '补正申请').waitFor();
    const checklist = migrant.locator('.checklist');
    await checklist.getByText('审核员请您补正以下 2 项').waitFor();
    await checklist.getByText('请写明楼栋和门牌号').waitFor();
    await checklist.getByText('户口簿照片不清晰，请重新上传').waitFor();
    expect(await checklist.locator('li').count()).toBe(2);
    await e2e.screenshot(migrant, 'cert-08-returned-checklist');

    await checklist.getByRole('button', { name: '现居住地址' }).click();
    await migrant.getByRole('heading', { name: /户籍与现居住地/ }).waitFor();
    const address = migrant.getByLabel('现居住地址');
    await expect.poll(() => address.evaluate((el) => el === document.activeElement)).toBe(true);
    await migrant.getByText('审核员意见：请写明楼栋和门牌号').waitFor();
    await address.fill('广东省深圳市宝安区西乡街道固戍社区18栋302室');

    await checklist.getByRole('button', { name: '户口簿本人页' }).click();
    await migrant.getByRole('heading', { name: /证明材料/ }).waitFor();
    // Listed by its name; deleting asks first.
    await migrant.getByRole('button', { name: '删除 hukou.pdf' }).click();
    await migrant
      .getByRole('dialog', { name: '删除这份材料？' })
      .getByRole('button', { name: '删除' })
      .click();
    await migrant.getByText(/还需要上传：户口簿本人页/).waitFor();
    await migrant
      .locator('#doc-hukou_page')
      .setInputFiles([fixture('hukou.png', cardPng(120, 160, [226, 214, 200]))]);
    await migrant.getByText('所需材料已全部上传。').waitFor();

    await migrant.getByRole('button', { name: /第 6 步/ }).click();
    await migrant.getByRole('heading', { name: /核对并提交/ }).waitFor();
    await mainButton(migrant).getByText('重新提交').click();
    await migrant.getByText(/补正内容已提交/).waitFor();
    expect(submitRequests).toHaveLength(2);
    expect(e2e.pageErrors(migrant)).toEqual([]);
  });

  it('lets the owning officer issue the certificate after confirming', async () => {
    await officer.goto(`${e2e.url}/app/review/applications/${applicationId}`);
    await heading(officer, MIGRANT_NAME).waitFor();
    await officer.getByText('由您负责办理（首问负责）。').waitFor();
    await officer.getByText('第 2 次提交').first().waitFor();
    await mainButton(officer).getByText('签发证明').click();
    const dialog = officer.getByRole('dialog', { name: '签发证明？' });
    await dialog.waitFor();
    await e2e.screenshot(officer, 'review-05-issue-dialog');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    const done = officer.getByText(/证明已签发，编号 /);
    await done.waitFor();
    serial = /编号 (\S+?)。/.exec((await done.textContent()) ?? '')![1]!;
    expect(serial).toMatch(/-\d{4}-\d{6}$/);
  });

  it('shows the migrant the certificate with a QR code that scans to the verification address', async () => {
    await migrant.reload();
    await heading(migrant, '我的婚育证明').waitFor();
    await migrant.getByText(serial).first().waitFor();
    const qr = migrant.getByRole('img', { name: `证明 ${serial} 的核验二维码` });
    await qr.scrollIntoViewIfNeeded();
    await e2e.screenshot(migrant, 'cert-09-issued-qr');
    await e2e.screenshot(migrant, 'cert-09-issued-full', { fullPage: true });

    // Scan what a phone camera would see: a screenshot of the code on the 360 px screen.
    const box = (await qr.boundingBox())!;
    const shot = await migrant.screenshot({
      clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 },
    });
    const view = await migrantApi<{ certificate: { qrText: string; verifyUrl: string } }>(
      'GET',
      `/api/certificates/applications/${applicationId}`,
    );
    expect(await decodeQrFromScreenshot(migrant, shot)).toBe(view.certificate.qrText);
    expect(view.certificate.qrText.startsWith(`${view.certificate.verifyUrl}#`)).toBe(true);

    // The PDF is fetched with the sign-in and opened from a blob: URL.
    const [pdf, popup] = await Promise.all([
      migrant.waitForResponse((r) => r.url().endsWith(`/api/certificates/${serial}/pdf`)),
      migrant.context().waitForEvent('page'),
      migrant.getByRole('button', { name: '打开证明 PDF' }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(popup.url()).toMatch(/^blob:/);
    await popup.close();
    expect(e2e.pageErrors(migrant)).toEqual([]);
  });

  it('verifies the certificate on the public page without signing in', async () => {
    const visitor = await e2e.newPage();
    await visitor.goto(await verifyUrl());
    await visitor.locator('body[data-state="valid"] .status').getByText('有效', { exact: true }).waitFor();
    await e2e.screenshot(visitor, 'verify-01-valid');
  });

  it('lets the officer revoke it, and the public page and the holder then say "revoked"', async () => {
    await officer.reload();
    await heading(officer, MIGRANT_NAME).waitFor();
    await officer.getByRole('button', { name: '撤销证明' }).click();
    await officer.getByLabel('原因').fill('证明信息有误');
    await mainButton(officer).getByText('确认撤销').click();
    await officer.getByText('证明已撤销。').waitFor();
    expect(e2e.pageErrors(officer)).toEqual([]);

    const visitor = await e2e.newPage();
    await visitor.goto(await verifyUrl());
    await visitor.locator('body[data-state="revoked"] .status').getByText('已撤销').waitFor();
    await e2e.screenshot(visitor, 'verify-02-revoked');

    await migrant.reload();
    await migrant.getByText('此证明已被撤销').waitFor();
    await migrant.getByText('原因：证明信息有误').first().waitFor();
    await e2e.screenshot(migrant, 'cert-10-revoked');
  });

  it('shows the officer the dashboard with charts and their figures as tables', async () => {
    await officer.goto(`${e2e.url}/app/review/dashboard`);
    await heading(officer, '审核统计').waitFor();
    // The certificate this file issued was just revoked: counted as revoked, not as issued.
    await officer.getByRole('img', { name: /各状态申请数.*证明已撤销 [1-9]/ }).waitFor();
    await officer.getByRole('img', { name: /每周提交与办结/ }).waitFor();
    await officer.getByRole('img', { name: /按审核员.*王审核/ }).waitFor();
    await officer.getByRole('img', { name: /按村（社区）.*东山村/ }).waitFor();
    await e2e.screenshot(officer, 'review-06-dashboard');
    await e2e.screenshot(officer, 'review-06-dashboard-full', { fullPage: true });
    expect(e2e.pageErrors(officer)).toEqual([]);
  });
});

describe('certificate draft saved from a stale copy', () => {
  it('tells the person (in Traditional Chinese) it was changed elsewhere and reloads the newer version', async () => {
    // A person of this test's own, reading Traditional Chinese: the draft it leaves is nobody else's.
    const DEMO_MIGRANT = 930_000 + (Date.now() % 9_999);
    await e2e.api(DEMO_MIGRANT, 'PATCH', '/api/me', { language: 'zh-TW' });
    const { id } = await e2e.api<{ id: string }>(DEMO_MIGRANT, 'POST', '/api/certificates/applications');
    const page = await e2e.newPage({ locale: 'zh-TW' });
    await page.goto(
      (await e2e.launchUrl(DEMO_MIGRANT)).replace('/app/#', `/app/certificates/applications/${id}#`),
    );
    await heading(page, '填寫申請').waitFor();
    // Another device saves first.
    const view = await e2e.api<{ version: number }>(
      DEMO_MIGRANT,
      'GET',
      `/api/certificates/applications/${id}`,
    );
    await e2e.api(DEMO_MIGRANT, 'PUT', `/api/certificates/applications/${id}/draft`, {
      form: { applicant: { name: '王芳' } },
      version: view.version,
    });
    await page.getByLabel('姓名').fill('王芳芳');
    await page.getByRole('button', { name: '儲存草稿' }).click();
    const notice = page.getByRole('alert').filter({ hasText: '申請已在其他裝置上修改' });
    await notice.waitFor();
    // The server's own localized message and its reference number.
    await notice.getByText(/問題編號：[0-9a-f-]{36}/).waitFor();
    await e2e.screenshot(page, 'cert-11-version-conflict-zh-TW');
    await page.getByRole('button', { name: '重新載入' }).click();
    await expect.poll(() => page.getByLabel('姓名').inputValue()).toBe('王芳');
  });
});

describe('a rejected application', () => {
  it('lets the officer (in Traditional Chinese) reject with a reason; the applicant reads it and can apply again', async () => {
    // An applicant of this test's own (in 北苑社区, reading English): the rejected application and the
    // new draft it leaves are nobody else's, so the test passes again on the same database.
    const ALICE = 940_000 + (Date.now() % 9_999);
    const REVIEWER_TW = 900006; // 周审核, reviewer for 北苑社区, reads Traditional Chinese
    await e2e.api(ALICE, 'PATCH', '/api/me', { language: 'en' });
    await e2e.api(REVIEWER_TW, 'PATCH', '/api/me', { language: 'zh-TW' });
    // A complete application, prepared through the API: this test is about the decision.
    const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
      ALICE,
      'GET',
      '/api/villages',
    );
    const beiyuan = villages.find((v) => v.name === '北苑社区')!;
    const { id } = await e2e.api<{ id: string }>(ALICE, 'POST', '/api/certificates/applications');
    const view = await e2e.api<{ version: number }>(ALICE, 'GET', `/api/certificates/applications/${id}`);
    await e2e.api(ALICE, 'PUT', `/api/certificates/applications/${id}/draft`, {
      form: validForm({ name: 'Alice Chen' }),
      villageId: beiyuan.id,
      version: view.version,
    });
    await uploadRequiredDocuments(e2e, ALICE, id);
    await e2e.api(ALICE, 'POST', `/api/certificates/applications/${id}/submit`);

    const officerTw = await e2e.newPage({ locale: 'zh-TW' });
    officerTw.setDefaultTimeout(15_000);
    await officerTw.goto(
      (await e2e.launchUrl(REVIEWER_TW)).replace('/app/#', `/app/review/applications/${id}#`),
    );
    await heading(officerTw, 'Alice Chen').waitFor();
    await officerTw.getByRole('button', { name: '領取辦理' }).click();
    await officerTw.getByText('您已受理此申請，由您負責辦理到底。').waitFor();
    await officerTw.getByRole('button', { name: '不予辦理' }).click();
    // Too short a reason is caught before anything is sent.
    await officerTw.getByLabel('原因').fill('不符');
    await mainButton(officerTw).getByText('確認不予辦理').click();
    await officerTw.getByText('請至少寫 5 個字。').waitFor();
    await officerTw.getByLabel('原因').fill('戶籍不在本鎮，請向戶籍所在地申請');
    await e2e.screenshot(officerTw, 'review-08-reject-zh-TW');
    await mainButton(officerTw).getByText('確認不予辦理').click();
    await officerTw.getByText('已不予辦理，申請人會收到原因。').waitFor();
    expect(e2e.pageErrors(officerTw)).toEqual([]);

    const page = await e2e.newPage({ locale: 'en' });
    await page.goto((await e2e.launchUrl(ALICE)).replace('/app/#', '/app/certificates#'));
    // Newest first: a rerun on the same database also lists the earlier runs' rejected applications.
    await page
      .getByRole('link', { name: /Not approved/ })
      .first()
      .click();
    await page.getByText('We are sorry: your application was not approved.').waitFor();
    await page.getByText('戶籍不在本鎮，請向戶籍所在地申請').first().waitFor();
    await e2e.screenshot(page, 'cert-15-rejected-en');
    await mainButton(page).getByText('Apply again').click();
    await heading(page, 'Your application').waitFor();
    expect(new URL(page.url()).pathname).not.toContain(id);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('certificate pages in English', () => {
  it('shows the service page, the form and the officer dashboard in English', async () => {
    // A person of this test's own reading English: the draft the form starts is nobody else's.
    const ALICE = 950_000 + (Date.now() % 9_999);
    await e2e.api(ALICE, 'PATCH', '/api/me', { language: 'en' });
    const page = await e2e.newPage({ locale: 'en' });
    await page.goto((await e2e.launchUrl(ALICE)).replace('/app/#', '/app/certificates#'));
    await heading(page, 'Marriage and childbirth certificate').waitFor();
    await page.getByText('Decided within 3 working days of submission (time-limited service).').waitFor();
    await e2e.screenshot(page, 'cert-12-service-en');
    await mainButton(page)
      .getByText(/Apply for the certificate|Continue my application/)
      .click();
    await heading(page, /Your application/).waitFor();
    await mainButton(page).getByText('Next').click();
    // Nothing filled in yet: every problem of the step, in English, under its field.
    await page.getByText('This field is required.').first().waitFor();
    await page.getByRole('button', { name: /Step 2 of 6/ }).click();
    await page.getByRole('heading', { name: /Household registration and residence/ }).waitFor();
    await e2e.screenshot(page, 'cert-13-form-residence-en');
    await page.getByRole('button', { name: /Step 6 of 6/ }).click();
    await page.getByRole('heading', { name: /^\d+ items to fix before submitting$/ }).waitFor();
    await e2e.screenshot(page, 'cert-14-form-problems-en');

    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'en' });
    onTestFinished(() => e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' }));
    const officerEn = await e2e.newPage({ locale: 'en' });
    await officerEn.goto((await e2e.launchUrl(REVIEWER)).replace('/app/#', '/app/review/dashboard#'));
    await heading(officerEn, 'Review dashboard').waitFor();
    await officerEn.getByRole('img', { name: /Applications by status/ }).waitFor();
    await e2e.screenshot(officerEn, 'review-07-dashboard-en', { fullPage: true });
    expect(e2e.pageErrors(page)).toEqual([]);
    expect(e2e.pageErrors(officerEn)).toEqual([]);
  });
});
