// The review queue's search box in the browser: a term typed and submitted lists what matches in the
// reviewer's villages, and clearing it brings the queue back. Screenshots in zh-CN.
import { describe, it } from 'vitest';
import { setupE2e } from './harness';

const e2e = setupE2e();
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村

describe('searching the review queue', () => {
  it('searches by a term the reviewer types and goes back to the queue when it is cleared', async () => {
    await e2e.api(REVIEWER, 'PATCH', '/api/me', { language: 'zh-CN' });
    const page = await e2e.newPage();
    page.setDefaultTimeout(20_000);
    await e2e.loginAs(page, REVIEWER);
    await page.getByRole('link', { name: /工作台/ }).click();
    await page.getByRole('link', { name: /婚育证明审核/ }).click();
    await page.getByRole('heading', { name: '婚育证明审核' }).waitFor();
    const box = page.getByPlaceholder('姓名、身份证号后 4–6 位或证明编号');
    await box.fill('不存在的名字');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByText('没有找到匹配的申请。').waitFor();
    await e2e.screenshot(page, 'review-search-none');
    await box.fill('');
    await page.getByRole('group', { name: '显示哪些申请' }).waitFor();
    await e2e.screenshot(page, 'review-search-cleared');
  });
});
