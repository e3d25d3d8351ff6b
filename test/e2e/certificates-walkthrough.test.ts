// Issue 12, walkthrough items 1–4 and the officer's wording, in a real browser at 360×640: the form
// keeps what was typed when 返回 is pressed and reopens at the step left; a file over the limit or of
// the wrong type is refused before anything is sent; documents are listed by name and deleting one
// asks first; an officer takes an application up with a button instead of by opening it, the return
// form goes away once sent, a return can ask for an "other" document the applicant then uploads under
// its own name, and the resubmission shows the officer what changed; officer pages speak about the
// applicant, not to them. Screenshots go to test-results/e2e/walk-*.png.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pngWithText, smallPdf, validForm } from '../fixtures/certificates';
import { setupE2e, uploadRequiredDocuments } from './harness';

const e2e = setupE2e();
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村
const files = mkdtempSync(join(tmpdir(), 'e2e-walkthrough-'));
function fixture(name: string, bytes: Uint8Array): string {
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
}

/** People of this file's own (ids no seed or other file uses), so reruns start from nothing. */
let seq = 0;
function newPerson(): number {
  seq += 1;
  return 960_000 + (Date.now() % 3_000) * 10 + seq;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const mainButton = (page: Page) => page.locator('.main-button-slot button');

async function villageOf(person: number, name: string): Promise<number> {
  const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
    person,
    'GET',
    '/api/villages',
  );
  return villages.find((v) => v.name === name)!.id;
}

async function openAs(person: number, path: string, locale = 'zh-CN'): Promise<Page> {
  const page = await e2e.newPage({ locale });
  page.setDefaultTimeout(15_000);
  await page.goto((await e2e.launchUrl(person)).replace('/app/#', `/app${path}#`));
  return page;
}

/** A complete application of 东山村 (three PDFs), submitted through the API: the test is about what follows. */
async function submittedApplication(person: number): Promise<string> {
  await e2e.api(person, 'PATCH', '/api/me', { language: 'zh-CN' });
  const { id } = await e2e.api<{ id: string }>(person, 'POST', '/api/certificates/applications');
  await e2e.api(person, 'PUT', `/api/certificates/applications/${id}/draft`, {
    form: validForm({ name: '林晓' }),
    villageId: await villageOf(person, '东山村'),
    version: 1,
  });
  await uploadRequiredDocuments(e2e, person, id);
  await e2e.api(person, 'POST', `/api/certificates/applications/${id}/submit`);
  return id;
}

describe('the application form keeps what was typed', () => {
  it('saves what was typed when 返回 is pressed at once, and reopens at the step left after a reload', async () => {
    const person = newPerson();
    await e2e.api(person, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await openAs(person, '/certificates');
    await heading(page, '婚育证明').waitFor();
    await mainButton(page).getByText('申请婚育证明').click();
    await heading(page, '填写申请').waitFor();
    const id = /applications\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // Typed, then 返回 straight away (well before the pause that saves as you type).
    await page.getByLabel('姓名').fill('林晓');
    await page.getByRole('button', { name: '返回' }).click();
    await heading(page, '婚育证明').waitFor();
    await mainButton(page).getByText('继续填写申请').click();
    await heading(page, '填写申请').waitFor();
    await expect.poll(() => page.getByLabel('姓名').inputValue()).toBe('林晓');

    // Another step, a pause (saved as you go), a reload: back at that step with the text.
    await page.getByRole('button', { name: /第 2 步/ }).click();
    await page.getByRole('heading', { name: /户籍与现居住地/ }).waitFor();
    await page.getByLabel('户籍地址').fill('示范镇东山村三组12号');
    await page.locator('.form-status').getByText('已保存').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /户籍与现居住地/ }).waitFor();
    await expect.poll(() => page.getByLabel('户籍地址').inputValue()).toBe('示范镇东山村三组12号');
    const saved = await e2e.api<{ form: { applicant?: { name?: string } } }>(
      person,
      'GET',
      `/api/certificates/applications/${id}`,
    );
    expect(saved.form.applicant?.name).toBe('林晓');
    await e2e.screenshot(page, 'walk-01-reopened-at-step-2');
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('documents on the form', () => {
  it('refuses a 20 MB file and a video at once without sending them, lists files by name and asks before deleting', async () => {
    const person = newPerson();
    await e2e.api(person, 'PATCH', '/api/me', { language: 'zh-CN' });
    const { id } = await e2e.api<{ id: string }>(person, 'POST', '/api/certificates/applications');
    const page = await openAs(person, `/certificates/applications/${id}`);
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/documents')) uploads.push(r.url());
    });
    await heading(page, '填写申请').waitFor();
    await page.getByRole('button', { name: /第 5 步/ }).click();
    await page.getByRole('heading', { name: /证明材料/ }).waitFor();

    const big = join(files, 'IMG_big.jpg');
    writeFileSync(big, new Uint8Array([0xff, 0xd8, 0xff]));
    truncateSync(big, 20 * 1024 * 1024); // a 20 MB file (sparse on disk)
    await page.locator('#doc-id_card').setInputFiles([big, fixture('clip.mp4', new Uint8Array(64))]);
    await page.getByText('IMG_big.jpg 有 20 MB，超过 10 MB 的上限，没有上传。', { exact: false }).waitFor();
    await page.getByText('clip.mp4 不是照片（JPEG、PNG）或 PDF，没有上传。').waitFor();
    expect(uploads).toEqual([]);
    await e2e.screenshot(page, 'walk-02-refused-before-upload');

    await page.locator('#doc-id_card').setInputFiles([fixture('身份证 正面.png', pngWithText())]);
    const doc = page.locator('.doc').filter({ hasText: '身份证 正面.png' });
    await doc.waitFor();
    expect(uploads).toHaveLength(1);

    // Deleting asks first; cancelling keeps the file.
    await doc.getByRole('button', { name: '删除 身份证 正面.png' }).click();
    const dialog = page.getByRole('dialog', { name: '删除这份材料？' });
    await dialog.getByText('“身份证 正面.png”将从申请中删除。').waitFor();
    await e2e.screenshot(page, 'walk-03-delete-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await doc.waitFor();
    await doc.getByRole('button', { name: '删除 身份证 正面.png' }).click();
    await dialog.getByRole('button', { name: '删除' }).click();
    await expect.poll(() => doc.count()).toBe(0);
    const view = await e2e.api<{ documents: unknown[] }>(
      person,
      'GET',
      `/api/certificates/applications/${id}`,
    );
    expect(view.documents).toEqual([]);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});

describe('an officer takes an application up, asks for an other document and sees what changed', () => {
  const person = newPerson();
  let id = '';
  let officer: Page;

  it('offers 领取办理 instead of claiming on opening, and clears the return form once it is sent', async () => {
    id = await submittedApplication(person);
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    officer = await openAs(REVIEWER, `/review/applications/${id}`);
    await heading(officer, '林晓').waitFor();
    await officer.getByText('尚未有人受理。').waitFor();
    // Opening it changed nothing (and reading it again changes nothing either).
    const before = await e2e.api<{ status: string; owner: unknown }>(
      REVIEWER,
      'GET',
      `/api/review/applications/${id}`,
    );
    expect(before).toMatchObject({ status: 'submitted', owner: null });
    await e2e.screenshot(officer, 'walk-04-take-this-one');
    await officer.getByRole('button', { name: '领取办理' }).click();
    await officer.getByText('您已受理此申请，由您负责办理到底。').waitFor();

    await officer.getByRole('button', { name: '退回补正' }).click();
    await officer.getByRole('heading', { name: '补正清单' }).waitFor();
    await officer.getByRole('checkbox', { name: '其他材料' }).check();
    await officer.getByLabel('其他材料：需要怎样补正？').fill('请补充上传居住证');
    await mainButton(officer).getByText('退回补正（1 项）').click();
    await officer.getByText('已退回申请人补正（1 项）。').waitFor();
    // The checklist form is gone at once, without a reload.
    await expect.poll(() => officer.getByRole('heading', { name: '补正清单' }).count()).toBe(0);
    expect(await officer.getByRole('checkbox').count()).toBe(0);
    await e2e.screenshot(officer, 'walk-05-after-return');
    expect(e2e.pageErrors(officer)).toEqual([]);
  });

  it('lets the applicant upload the other document under its own name and resubmit', async () => {
    const page = await openAs(person, `/certificates/applications/${id}`);
    await heading(page, '补正申请').waitFor();
    const checklist = page.locator('.checklist');
    await checklist.getByText('请补充上传居住证').waitFor();
    await checklist.getByRole('button', { name: '其他材料' }).click();
    await page.getByRole('heading', { name: /证明材料/ }).waitFor();
    await page.getByText('审核员意见：请补充上传居住证').waitFor();
    // Without a name it is not sent.
    await page.locator('#doc-other').setInputFiles([fixture('juzhuzheng.pdf', smallPdf())]);
    await page.getByText('请先填写材料名称，再选择文件。').waitFor();
    await page.getByLabel('材料名称').fill('居住证');
    await page.locator('#doc-other').setInputFiles([fixture('juzhuzheng.pdf', smallPdf())]);
    const other = page.locator('.doc').filter({ hasText: 'juzhuzheng.pdf' });
    await other.getByText('居住证', { exact: true }).waitFor();
    await e2e.screenshot(page, 'walk-06-other-document');

    await page.getByRole('button', { name: /第 2 步/ }).click();
    await page.getByLabel('现居住地址').fill('广东省深圳市宝安区西乡街道固戍社区18栋302室');
    await page.getByRole('button', { name: /第 6 步/ }).click();
    await mainButton(page).getByText('重新提交').click();
    await page.getByText(/补正内容已提交/).waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('shows the officer the changes since the return, and speaks of the holder once issued', async () => {
    await officer.reload();
    await heading(officer, '林晓').waitFor();
    const changes = officer.locator('.changes');
    await changes.getByRole('heading', { name: '自退回以来的修改' }).waitFor();
    await changes.getByText('现居住地址').waitFor();
    await changes.getByText('广东省深圳市宝安区西乡街道固戍社区18栋302室').waitFor();
    await changes.getByText('新增材料（1）').waitFor();
    await changes.getByText('juzhuzheng.pdf').waitFor();
    await changes.scrollIntoViewIfNeeded();
    await e2e.screenshot(officer, 'walk-07-changes-since-return');
    await e2e.screenshot(officer, 'walk-07-changes-since-return-full', { fullPage: true });

    await mainButton(officer).getByText('签发证明').click();
    await officer
      .getByRole('dialog', { name: '签发证明？' })
      .getByRole('button', { name: '确认签发' })
      .click();
    await officer.getByText(/证明已签发，编号 /).waitFor();
    await officer.getByText('证明 PDF 已通过聊天发送给持证人。').waitFor();
    expect(await officer.getByText('已通过聊天发送给您').count()).toBe(0);
    expect(e2e.pageErrors(officer)).toEqual([]);
  });

  it('does not address the officer as the applicant, in English, nor ask them to choose a village', async () => {
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'en' });
    try {
      const en = await openAs(REVIEWER, `/review/applications/${id}`, 'en');
      await heading(en, '林晓').waitFor();
      await en.getByText('Village or community of household registration').first().waitFor();
      const text = ((await en.locator('main').textContent()) ?? '').toLowerCase();
      expect(text).not.toContain('your household registration');
      expect(text).not.toContain('sent to you');
      await e2e.screenshot(en, 'walk-08-officer-en', { fullPage: true });

      const home = await openAs(REVIEWER, '/', 'en');
      await home.getByRole('link', { name: /Workbench/ }).waitFor();
      expect(await home.getByText('No village or community chosen yet').count()).toBe(0);
      await e2e.screenshot(home, 'walk-09-officer-home-en');
    } finally {
      await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    }
  });
});
