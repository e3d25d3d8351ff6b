// The public verification page in Chromium, as a visitor's phone opens a certificate's QR code: a
// genuine QR is valid; one with the name altered is only "not genuine", with no green at any moment;
// a revoked certificate is revoked — also from the signed status list alone, and from the cached list
// when the API cannot be reached; without JavaScript the page says the signature was not checked;
// without Web Crypto Ed25519 it asks before sending anything. No request ever carries the payload.
// Then the mini app's scanner (核验证明), with Telegram's QR popup played by the test: the same verdicts,
// reached on the phone, from the register or — blocked, offline — the signed list alone.
// Screenshots (360×640, zh-CN and en) go to test-results/e2e/verify-*.png and scan-*.png.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { validForm } from '../fixtures/certificates';
import { setupE2e, signedInitData, uploadRequiredDocuments } from './harness';

const e2e = setupE2e();
const REVIEWER = 900002; // 王审核, 东山村
const GREEN = 'rgb(21, 128, 61)';

interface Issued {
  serial: string;
  checkCode: string;
  payload: string;
  qrText: string;
  name: string;
  idNumber: string;
}

let nextMigrant = 920_000 + (Date.now() % 70_000);

/** A certificate issued through the API: this file is about checking it, not about applying. */
async function issue(name: string): Promise<Issued> {
  const migrant = nextMigrant++;
  const { villages } = await e2e.api<{ villages: { id: number; code: string }[] }>(
    migrant,
    'GET',
    '/api/villages',
  );
  const dongshan = villages.find((v) => v.code === 'dongshan')!;
  await e2e.api(migrant, 'PATCH', '/api/me', { villageId: dongshan.id, language: 'zh-CN' });
  const { id } = await e2e.api<{ id: string }>(migrant, 'POST', '/api/certificates/applications');
  await e2e.api(migrant, 'PUT', `/api/certificates/applications/${id}/draft`, {
    form: validForm({ name }),
    version: 1,
  });
  await uploadRequiredDocuments(e2e, migrant, id);
  await e2e.api(migrant, 'POST', `/api/certificates/applications/${id}/submit`);
  await e2e.api(REVIEWER, 'POST', `/api/review/applications/${id}/claim`);
  await e2e.api(REVIEWER, 'POST', `/api/review/applications/${id}/issue`);
  const view = await e2e.api<{ certificate: Issued }>(migrant, 'GET', `/api/certificates/applications/${id}`);
  return { ...view.certificate, name, idNumber: validForm().applicant.idNumber };
}

/** The QR's address on this test server (PUBLIC_URL may name another host). */
function local(qrText: string): string {
  return qrText.replace(/^https?:\/\/[^/]+/, e2e.url);
}

/** Every request the page makes, with its body: none may carry the payload or its personal data. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

function expectNothingPersonalSent(requests: Request[], cert: Issued): void {
  const signature = cert.payload.slice(cert.payload.lastIndexOf('|') + 1);
  const secrets = [cert.name, encodeURIComponent(cert.name), cert.idNumber, signature];
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    const sent = `${r.url()}\n${r.postData() ?? ''}`;
    for (const secret of secrets) expect(sent).not.toContain(secret);
  }
}

/** Records the verdict box's colour on every frame from the first paint, to prove green never shows. */
const WATCH_COLOURS = `window.__colours = new Set();
  (function watch() {
    const box = document.getElementById('verdict');
    if (box) window.__colours.add(getComputedStyle(box).backgroundColor);
    requestAnimationFrame(watch);
  })();`;

async function verdict(page: Page): Promise<string> {
  await page.locator('html[data-qr="done"]').waitFor();
  return (await page.locator('body').getAttribute('data-state')) ?? '';
}

describe('the public verification page', () => {
  let genuine: Issued;
  let revoked: Issued;

  it('shows a genuine QR as valid, with the data it signs, and sends nothing of it', async () => {
    genuine = await issue('李娜');
    for (const locale of ['zh-CN', 'en']) {
      const page = await e2e.newPage({ locale, initScript: WATCH_COLOURS });
      const requests = recordRequests(page);
      await page.goto(local(genuine.qrText));
      expect(await verdict(page)).toBe('valid');
      await page.getByText(locale === 'en' ? 'Valid' : '有效', { exact: true }).waitFor();
      await page.locator('#qr dd', { hasText: genuine.idNumber }).waitFor();
      expect(await page.locator('#verdict').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        GREEN,
      );
      await e2e.screenshot(page, `verify-01-genuine-${locale}`);
      expectNothingPersonalSent(requests, genuine);
      expect(e2e.pageErrors(page)).toEqual([]);
    }
  });

  it('shows a QR with the name altered only as "not genuine", with no green at any moment', async () => {
    const forgedPayload = genuine.payload.replace('|李娜|', '|李明|');
    expect(forgedPayload).not.toBe(genuine.payload);
    const forged = `${local(genuine.qrText).split('#')[0]}#${encodeURIComponent(forgedPayload)}`;
    for (const locale of ['zh-CN', 'en']) {
      const page = await e2e.newPage({ locale, initScript: WATCH_COLOURS });
      const requests = recordRequests(page);
      await page.goto(forged);
      expect(await verdict(page)).toBe('not_genuine');
      await page.getByText(locale === 'en' ? 'Not genuine' : '不是真实证明').waitFor();
      // The register's (masked) entry of the real certificate is not shown beside a forgery.
      expect(await page.locator('#register').isVisible()).toBe(false);
      expect(await page.locator('#qr').isVisible()).toBe(false);
      const colours = await page.evaluate(() => [
        ...(window as unknown as { __colours: Set<string> }).__colours,
      ]);
      expect(colours.length).toBeGreaterThan(0);
      expect(colours).not.toContain(GREEN);
      const greens = await page.evaluate(
        (green) =>
          [...document.querySelectorAll('*')].filter((el) => {
            const style = getComputedStyle(el);
            return style.backgroundColor === green || style.color === green;
          }).length,
        GREEN,
      );
      expect(greens).toBe(0);
      await e2e.screenshot(page, `verify-02-altered-${locale}`);
      expectNothingPersonalSent(requests, { ...genuine, name: '李明' });
      expect(e2e.pageErrors(page)).toEqual([]);
    }
  });

  it('shows a revoked certificate as revoked: from the register, from the signed list alone, and offline from the cached list', async () => {
    revoked = await issue('王芳');
    const revoke = await fetch(`${e2e.url}/api/review/certificates/${revoked.serial}/revoke`, {
      method: 'POST',
      headers: {
        Authorization: `tma ${await signedInitData(REVIEWER)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ reason: '证明信息有误，已重新办理' }),
    });
    expect(revoke.status).toBe(200);

    // Online, with the check code: the register says revoked.
    const online = await e2e.newPage({ initScript: WATCH_COLOURS });
    await online.goto(local(revoked.qrText));
    expect(await verdict(online)).toBe('revoked');
    await online.getByText('已撤销', { exact: true }).waitFor();
    await e2e.screenshot(online, 'verify-03-revoked-zh-CN');

    // Without the check code and with the register unreachable, the signed list alone says so.
    const page = await e2e.newPage({ locale: 'en', initScript: WATCH_COLOURS });
    await page.route('**/api/certificates/*/verify**', (route) => route.abort());
    const withoutCode = `${e2e.url}/verify/${revoked.serial}#${encodeURIComponent(revoked.payload)}`;
    await page.goto(withoutCode);
    expect(await verdict(page)).toBe('revoked');
    await page.getByText(/signed list of revoked certificates/).waitFor();
    await e2e.screenshot(page, 'verify-04-revoked-from-list-en');

    // Offline: the API cannot be reached at all; the list this browser cached still says revoked.
    await page.route('**/api/**', (route) => route.abort());
    await page.reload();
    expect(await verdict(page)).toBe('revoked');
    await page.getByText(/signed list of revoked certificates/).waitFor();
    for (const p of [online, page]) {
      const colours = await p.evaluate(() => [
        ...(window as unknown as { __colours: Set<string> }).__colours,
      ]);
      expect(colours).not.toContain(GREEN);
    }
  });

  it('answers a serial without its check code, or with a wrong one, exactly like an unknown serial', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/verify/${genuine.serial}`);
    await page.getByLabel('核验码').waitFor();
    expect(await page.locator('#register').count()).toBe(0);
    await e2e.screenshot(page, 'verify-05-code-needed-zh-CN');
    await page.getByLabel('核验码').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('查无此证').waitFor();
    const wrong = ((await page.locator('main').textContent()) ?? '').replace(genuine.serial, 'SERIAL');
    await page.goto(`${e2e.url}/verify/DEMO-2099-999999?c=ZZZZ-ZZZZ`);
    const unknown = ((await page.locator('main').textContent()) ?? '').replace('DEMO-2099-999999', 'SERIAL');
    expect(wrong).toBe(unknown);
    // The code as printed (with its dash, in lower case) is accepted.
    const printed = `${genuine.checkCode.slice(0, 4)}-${genuine.checkCode.slice(4)}`.toLowerCase();
    await page.goto(`${e2e.url}/verify/${genuine.serial}`);
    await page.getByLabel('核验码').fill(printed);
    await page.getByRole('button', { name: '核验' }).click();
    await page.locator('body[data-state="valid"]').waitFor();
    await page.locator('#register').getByText('李*').waitFor();
  });

  it('says, without JavaScript, that the signature was not checked', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await page.goto(local(genuine.qrText));
    // (Playwright's text locators skip <noscript>, so the note is read by its id.)
    const note = page.locator('#no-script');
    await note.waitFor();
    expect(await note.textContent()).toContain('浏览器未启用 JavaScript，二维码签名未经核验。');
    await page.locator('#register').getByText('李*').waitFor();
    await e2e.screenshot(page, 'verify-06-no-javascript-zh-CN');
  });

  it('asks before sending the QR to the server where the browser has no Ed25519, then shows its answer', async () => {
    const page = await e2e.newPage({
      locale: 'en',
      initScript: `${WATCH_COLOURS}
        const importKey = crypto.subtle.importKey.bind(crypto.subtle);
        crypto.subtle.importKey = (format, key, algorithm, ...rest) =>
          (algorithm && (algorithm === 'Ed25519' || algorithm.name === 'Ed25519'))
            ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'))
            : importKey(format, key, algorithm, ...rest);`,
    });
    const requests = recordRequests(page);
    await page.goto(local(genuine.qrText));
    await page.getByText("This browser cannot check the QR code's signature itself.").waitFor();
    await page.getByText(/sends the QR code's contents/).waitFor();
    expect(await page.locator('body').getAttribute('data-state')).toBe('unchecked');
    await e2e.screenshot(page, 'verify-07-no-ed25519-en');
    expect(requests.filter((r) => r.method() === 'POST')).toEqual([]);
    await page.getByRole('button', { name: "Check it on the office's server" }).click();
    await page.locator('body[data-state="valid"]').waitFor();
    expect(requests.filter((r) => r.method() === 'POST').map((r) => new URL(r.url()).pathname)).toEqual([
      '/api/certificates/verify-payload',
    ]);
  });
});

/** The greens of a valid verdict (border, background, text): none may show for anything else. */
const GREENS = ['rgb(21, 128, 61)', 'rgb(220, 252, 231)', 'rgb(20, 83, 45)'];

/**
 * Plays Telegram's Android client: records what the app posts, and answers the QR scanner popup with
 * window.__qrText (what the camera read), then closes it when asked. Also watches the colours.
 */
const TELEGRAM_WITH_SCANNER = `window.__tgEvents = [];
  window.__qrText = '';
  const send = (type, data) => window.Telegram.WebView.receiveEvent(type, data);
  window.TelegramWebviewProxy = {
    postEvent(type, data) {
      window.__tgEvents.push([type, data ? JSON.parse(data) : '']);
      if (type === 'web_app_open_scan_qr_popup') setTimeout(() => send('qr_text_received', { data: window.__qrText }), 30);
      if (type === 'web_app_close_scan_qr_popup') setTimeout(() => send('scan_qr_popup_closed'), 0);
    },
  };
  ${watchScanColours()}`;

function watchScanColours(): string {
  return `window.__colours = new Set();
  (function watch() {
    for (const el of document.querySelectorAll('.scan-result, .scan-result *')) {
      const s = getComputedStyle(el);
      for (const c of [s.backgroundColor, s.color, s.borderLeftColor]) window.__colours.add(c);
    }
    requestAnimationFrame(watch);
  })();`;
}

async function coloursSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __colours: Set<string> }).__colours]);
}

/** A fresh signed-in person (an employer using the bot) in the language given. */
async function verifier(language: string): Promise<number> {
  const id = nextMigrant++;
  await e2e.api(id, 'PATCH', '/api/me', { language });
  return id;
}

/** Opens the scanner as Telegram's Android client would (platform android, Bot API 9.1). */
async function openScannerInTelegram(page: Page, telegramId: number): Promise<void> {
  const launch = new URL(await e2e.launchUrl(telegramId));
  const hash = new URLSearchParams(launch.hash.slice(1));
  hash.set('tgWebAppPlatform', 'android');
  await page.goto(`${e2e.url}/app/verify#${hash}`);
  await page.locator('main h1').waitFor();
  await mainButtonReady(page);
}

/**
 * Until the page has shown Telegram's Main button (the heading renders before the effect that sets it
 * up): a press before that is lost, and on a loaded machine the verdict then never comes.
 */
async function mainButtonReady(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (window as unknown as { __tgEvents: [string, { is_visible?: boolean }][] }).__tgEvents.some(
      ([type, data]) => type === 'web_app_setup_main_button' && data?.is_visible === true,
    ),
  );
}

/** Points Telegram's scanner at a QR code: presses the Main button, the popup reads `qrText`. */
async function scan(page: Page, qrText: string): Promise<string> {
  // A scan removes the last verdict first: wait for that, so the last one is not read as this one's.
  const last = await page.$('[data-verdict]');
  await page.evaluate((text) => {
    const w = window as unknown as {
      __qrText: string;
      Telegram: { WebView: { receiveEvent(t: string, d?: unknown): void } };
    };
    w.__qrText = text;
    w.Telegram.WebView.receiveEvent('main_button_pressed');
  }, qrText);
  if (last) await page.waitForFunction((el) => !el.isConnected, last);
  return scannerVerdict(page);
}

async function scannerVerdict(page: Page): Promise<string> {
  const box = page.locator('[data-verdict]:not([data-verdict="checking"])');
  await box.waitFor();
  return (await box.getAttribute('data-verdict')) ?? '';
}

describe("the mini app's certificate scanner", () => {
  let genuine: Issued;

  it('checks a genuine QR scanned in Telegram on the phone: valid, with what it signs, and sends none of it', async () => {
    genuine = await issue('李娜');
    for (const locale of ['zh-CN', 'en']) {
      const page = await e2e.newPage({ locale, initScript: TELEGRAM_WITH_SCANNER });
      const requests = recordRequests(page);
      await openScannerInTelegram(page, await verifier(locale));
      // Telegram's Main button starts the scanner; the popup says what to point at.
      const events = await page.evaluate(() => (window as unknown as { __tgEvents: unknown[] }).__tgEvents);
      expect(events).toContainEqual([
        'web_app_setup_main_button',
        expect.objectContaining({ is_visible: true, text: locale === 'en' ? 'Scan QR code' : '扫描二维码' }),
      ]);
      expect(await scan(page, genuine.qrText)).toBe('valid');
      const opened = await page.evaluate(() => (window as unknown as { __tgEvents: unknown[][] }).__tgEvents);
      expect(opened.map((e) => e[0])).toEqual(
        expect.arrayContaining(['web_app_open_scan_qr_popup', 'web_app_close_scan_qr_popup']),
      );
      await page.getByText(locale === 'en' ? 'Valid' : '有效', { exact: true }).waitFor();
      await page
        .getByText(locale === 'en' ? "Revocation checked with the office's register just now." : /登记系统/)
        .waitFor();
      await page.locator('.signed-fields dd', { hasText: genuine.idNumber }).waitFor();
      await page.locator('.signed-fields dd', { hasText: '李娜' }).waitFor();
      expect(await coloursSeen(page)).toContain(GREENS[0]);
      await e2e.screenshot(page, `scan-01-genuine-${locale}`);
      await e2e.screenshot(page, `scan-01-genuine-${locale}-full`, { fullPage: true });
      expectNothingPersonalSent(requests, genuine);
      expect(e2e.pageErrors(page)).toEqual([]);
    }
  });

  it('shows an altered QR only as "not genuine", without its data and with no green at any moment', async () => {
    const forged = genuine.qrText.replace(encodeURIComponent('|李娜|'), encodeURIComponent('|李明|'));
    expect(forged).not.toBe(genuine.qrText);

    // In a plain browser (no camera popup): from the home page, the QR's text pasted.
    const browser = await e2e.newPage({ initScript: watchScanColours() });
    const requests = recordRequests(browser);
    await e2e.loginAs(browser, await verifier('zh-CN'));
    await browser.getByRole('link', { name: /核验证明/ }).click();
    await browser.getByRole('heading', { level: 1, name: '核验证明' }).waitFor();
    await browser.getByLabel('二维码中的文字').fill(forged);
    await browser.getByRole('button', { name: '核验', exact: true }).click();
    expect(await scannerVerdict(browser)).toBe('not_genuine');
    await browser.getByText('不是真实证明').waitFor();
    await browser.getByText(/已被篡改或伪造/).waitFor();
    await e2e.screenshot(browser, 'scan-02-altered-zh-CN');

    // In Telegram, scanned.
    const phone = await e2e.newPage({ locale: 'en', initScript: TELEGRAM_WITH_SCANNER });
    const phoneRequests = recordRequests(phone);
    await openScannerInTelegram(phone, await verifier('en'));
    expect(await scan(phone, forged)).toBe('not_genuine');
    await phone.getByText('Not genuine').waitFor();
    await e2e.screenshot(phone, 'scan-02-altered-en');

    for (const page of [browser, phone]) {
      expect(await page.locator('.signed-fields').count()).toBe(0);
      expect(await page.locator('.scan-result').textContent()).not.toContain('李明');
      const colours = await coloursSeen(page);
      expect(colours.length).toBeGreaterThan(0);
      for (const green of GREENS) expect(colours).not.toContain(green);
      expect(e2e.pageErrors(page)).toEqual([]);
    }
    for (const sent of [requests, phoneRequests])
      expectNothingPersonalSent(sent, { ...genuine, name: '李明' });
  });

  it('shows a revoked certificate as revoked from the signed list with the register blocked, also offline', async () => {
    const revoked = await issue('王芳');
    await e2e.api(REVIEWER, 'POST', `/api/review/certificates/${revoked.serial}/revoke`, {
      reason: '证明信息有误，已重新办理',
    });
    const page = await e2e.newPage({ locale: 'en', initScript: TELEGRAM_WITH_SCANNER });
    const requests = recordRequests(page);
    await openScannerInTelegram(page, await verifier('en'));
    await page.route('**/api/certificates/*/verify**', (route) => route.abort());

    expect(await scan(page, revoked.qrText)).toBe('revoked');
    await page.getByText('Revoked', { exact: true }).waitFor();
    await page.getByText(/signed list of revoked certificates/).waitFor();
    await e2e.screenshot(page, 'scan-03-revoked-from-list-en');

    // Offline: neither keys, list nor register can be fetched; the copies cached on the phone decide.
    await page.route('**/api/certificates/**', (route) => route.abort());
    expect(await scan(page, revoked.qrText)).toBe('revoked');
    await page.getByText(/signed list of revoked certificates/).waitFor();
    for (const green of GREENS) expect(await coloursSeen(page)).not.toContain(green);
    expectNothingPersonalSent(requests, revoked);
  });

  it('says revocation is unknown, not valid, when the only list at hand has expired', async () => {
    const page = await e2e.newPage({ initScript: TELEGRAM_WITH_SCANNER });
    await openScannerInTelegram(page, await verifier('zh-CN'));
    expect(await scan(page, genuine.qrText)).toBe('valid'); // caches the keys and the list
    // Seven hours later (the list lives six), offline, the scanner opened again.
    await page.route('**/api/certificates/**', (route) => route.abort());
    await page.clock.setFixedTime(new Date(Date.now() + 7 * 3600_000));
    await page.reload();
    await page.locator('main h1').waitFor();
    await mainButtonReady(page);
    expect(await scan(page, genuine.qrText)).toBe('revocation_unknown');
    await page.getByText('签名真实，未能核对是否撤销').waitFor();
    await e2e.screenshot(page, 'scan-04-revocation-unknown-zh-CN');
    for (const green of GREENS) expect(await coloursSeen(page)).not.toContain(green);
  });
});
