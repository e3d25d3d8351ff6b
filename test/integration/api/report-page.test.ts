// The login-free /report page: served by the Worker in the visitor's language (Accept-Language, or the
// page's own language links), under a CSP without inline scripts and never framed, with no cookie, and
// saying without JavaScript what the channel keeps and where else to report. The form itself runs in
// its script (/app/report/report.js) against /api/public/tips/… (browser suite).
import { describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { createTestApp } from '../../harness/app';

const t = await createTestApp();
/** As hono/html escapes text in the page. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');

function dataBlock(page: string): {
  language: string;
  villages: { id: number; name: string }[];
  maxUploadMb: number;
} {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  return JSON.parse(match?.[1] ?? 'null');
}

describe('the /report page', () => {
  it('is a page of its own script under a strict CSP, never framed, and sets no cookie', async () => {
    const res = await t.call('GET', '/report');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const page = await res.text();
    // Only its own files: no Telegram script, nothing from another origin, no inline script.
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual([
      ' type="module" src="/app/report/report.js"',
      ' type="application/json" id="report-data"',
    ]);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toContain('telegram-web-app');
  });

  it('speaks the visitor’s language, and switches by its own links', async () => {
    for (const [accept, language] of [
      ['zh-CN,zh;q=0.9', 'zh-CN'],
      ['zh-TW', 'zh-TW'],
      ['en-US,en;q=0.8', 'en'],
    ] as const) {
      const page = await (await t.call('GET', '/report', { headers: { 'Accept-Language': accept } })).text();
      const tr = translator(language, 'report');
      expect(page).toContain(`<html lang="${language}">`);
      expect(page).toContain(escaped(tr('web.keeps')));
      expect(page).toContain(escaped(tr('web.cannot')));
      expect(dataBlock(page).language).toBe(language);
    }
    const english = await (
      await t.call('GET', '/report?lang=en', { headers: { 'Accept-Language': 'zh-CN' } })
    ).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('href="/report?lang=zh-TW"');
    expect(english).toContain('<span aria-current="true" lang="en">English</span>');
  });

  it('says without JavaScript what it keeps and where else to report', async () => {
    const page = await (await t.call('GET', '/report?lang=en')).text();
    const tr = translator('en', 'report');
    expect(page).toContain(
      `<noscript><div class="card panel-warning"><p>${escaped(tr('web.noScript'))}</p></div></noscript>`,
    );
  });

  it('gives the script the villages to choose from and the upload limit', async () => {
    const data = dataBlock(await (await t.call('GET', '/report')).text());
    expect(data.villages.length).toBeGreaterThan(0);
    expect(data.villages.map((v) => v.name)).toContain('东山村');
    expect(data.maxUploadMb).toBe(t.services().config.MAX_UPLOAD_MB);
  });
});
