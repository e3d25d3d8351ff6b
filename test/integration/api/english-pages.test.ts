// The pages the Worker renders itself (the public verification page, the dev sign-in list, the error
// page) use English punctuation in English: no full-width colon, comma or list mark. People's names
// and village names stay as they are written.
import { describe, expect, it } from 'vitest';
import { createTestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import { issueTestCertificate } from '../../harness/issued-certificate';

const db = useTestDb();
const t = await createTestApp({ env: { ...UNTHROTTLED_ENV, APP_ENV: 'development' } });

/** The page's words outside names: tags and CJK ideographs (names, villages) taken out. */
function officeText(page: string): string {
  return page.replace(/<[^>]*>/g, ' ').replace(/[\u3400-\u9fff]+/g, '');
}
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff1f]/;

async function englishPage(path: string): Promise<{ status: number; text: string }> {
  const res = await t.call('GET', path, { headers: { 'Accept-Language': 'en' } });
  return { status: res.status, text: await res.text() };
}

describe('English pages', () => {
  it('the verification page, asking for the check code and showing a valid certificate', async () => {
    const issued = await issueTestCertificate(t, db);
    const ask = await englishPage(`/verify/${issued.serial}?lang=en`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Check code');
    expect(officeText(ask.text)).not.toMatch(FULL_WIDTH);
    const shown = await englishPage(`/verify/${issued.serial}?lang=en&c=${issued.checkCode}`);
    expect(shown.text).toContain('Serial number');
    expect(officeText(shown.text)).not.toMatch(FULL_WIDTH);
  });

  it('the dev sign-in list, with officers’ roles joined the English way', async () => {
    const page = await englishPage('/dev/login');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Reviewing officer|Publicity officer|Admin/i);
    expect(officeText(page.text)).not.toMatch(FULL_WIDTH);
  });

  it('the error page of an unknown verification address', async () => {
    const page = await englishPage('/verify/NOPE-0000-000000?lang=en&c=ABCD-EFGH');
    expect(page.status).toBe(404);
    expect(officeText(page.text)).not.toMatch(FULL_WIDTH);
  });
});
