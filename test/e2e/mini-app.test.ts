// The mini app foundation in a real browser against the real stack: sign-in, home, language,
// session errors, officer workbench and the Telegram bridge.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { setupE2e, signedInitData } from './harness';

const e2e = setupE2e();

const RESIDENT = 900101; // 张小明, zh-CN, 东山村
const MIGRANT = 900102; // 李娜, zh-CN, 东山村
const REVIEWER = 900002; // 王审核, reviewer for 东山村 and 西山村

/** Plays Telegram sending an event to the app (what the client calls on mobile and desktop). */
async function telegramSends(page: Page, eventType: string, eventData?: unknown) {
  await page.evaluate(
    ([type, data]) =>
      (
        window as unknown as { Telegram: { WebView: { receiveEvent(t: string, d?: unknown): void } } }
      ).Telegram.WebView.receiveEvent(type as string, data),
    [eventType, eventData] as const,
  );
}

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}

async function resetLanguage(telegramId: number) {
  // The demo seed does not reset preferences; a shared DATABASE_URL may hold a previous run's choice.
  await e2e.api(telegramId, 'PATCH', '/api/me', { language: 'zh-CN' });
}

// Tests below change the seeded resident's language and the migrant's village: put both back after
// every test, passed or failed, so other files (and the next test) find them as the seed left them.
afterEach(async () => {
  await resetLanguage(RESIDENT);
  const { villages } = await e2e.api<{ villages: { id: number; name: string }[] }>(
    MIGRANT,
    'GET',
    '/api/villages',
  );
  const dongshan = villages.find((v) => v.name === '东山村')!;
  await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN', villageId: dongshan.id });
});

describe('mini app', () => {
  it('serves its pages through the Worker with the security headers, and runs under that CSP', async () => {
    for (const path of ['/app/', '/app/certificates']) {
      const res = await fetch(`${e2e.url}${path}`);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'self' https://web.telegram.org https://*.web.telegram.org");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // Files are never answered with the app shell: the verify page's script is a script, a missing
    // file is a 404.
    const script = await fetch(`${e2e.url}/app/verify/verify.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    // Files served straight from Static Assets carry nosniff too (the assets' _headers file).
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${e2e.url}/app/no-such-file.js`)).status).toBe(404);
    const page = await e2e.newPage();
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await e2e.loginAs(page, RESIDENT);
    await page.getByRole('link', { name: /婚育证明/ }).click();
    await page.locator('main h1').first().waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('shows how to open the app, with the dev sign-in link, when opened outside Telegram', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/app/`);
    await heading(page, '请在 Telegram 中打开').waitFor();
    await page.getByRole('link', { name: '使用演示账号登录' }).waitFor();
    expect(await page.getByRole('link', { name: '使用演示账号登录' }).getAttribute('href')).toBe(
      '/dev/login',
    );
    await e2e.screenshot(page, 'launch-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('signs a resident in from the dev login page and greets them in Chinese with the four services', async () => {
    await resetLanguage(RESIDENT);
    const page = await e2e.newPage();
    await e2e.loginAs(page, RESIDENT);
    await heading(page, '您好，张小明').waitFor();
    for (const service of ['婚育证明', '“八个一”服务档案', '宣传与办事指南', '有奖举报']) {
      await page.getByRole('link', { name: new RegExp(service) }).waitFor();
    }
    expect(await page.getByText('东山村').count()).toBeGreaterThan(0);
    // Residents have no officer role: no workbench.
    expect(await page.getByRole('link', { name: /工作台/ }).count()).toBe(0);
    // The credential does not linger in the address bar.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await e2e.screenshot(page, 'home-zh-CN');
    await e2e.screenshot(page, 'home-zh-CN-full', { fullPage: true });

    await page.getByRole('link', { name: /有奖举报/ }).click();
    await heading(page, '有奖举报').waitFor();
    // Before the form: what this channel lets the office learn, and the more anonymous web page.
    await page.getByText('在这里举报，办公室能知道什么').waitFor();
    expect(await page.getByText('即将上线').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/app/tip-offs');
    await e2e.screenshot(page, 'tip-offs-start-zh-CN');
    await page.getByRole('button', { name: '返回' }).click();
    await heading(page, '您好，张小明').waitFor();
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('switches the whole app to English at once and keeps English after a reload', async () => {
    await resetLanguage(RESIDENT);
    const page = await e2e.newPage();
    await e2e.loginAs(page, RESIDENT);
    await heading(page, '您好，张小明').waitFor();

    await page.getByRole('radio', { name: '繁體中文' }).check();
    await page.getByRole('heading', { name: '辦事服務' }).waitFor();
    await page.getByRole('link', { name: /婚育證明/ }).waitFor();
    await e2e.screenshot(page, 'home-zh-TW');

    await page.getByRole('radio', { name: 'English' }).check();
    await heading(page, 'Hello, 张小明').waitFor();
    await page.getByRole('heading', { name: 'Services' }).waitFor();
    await page.getByRole('link', { name: /Marriage and childbirth certificate/ }).waitFor();
    expect(await page.getByText('办事服务').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await e2e.screenshot(page, 'home-en');
    await e2e.screenshot(page, 'home-en-full', { fullPage: true });

    await page.reload();
    await heading(page, 'Hello, 张小明').waitFor();
    expect(await page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);

    await page.getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Settings').waitFor();
    await page.getByLabel('Village or community').waitFor();
    await e2e.screenshot(page, 'settings-en');

    // The server follows the choice too: its messages now come in English.
    const me = await e2e.api<{ user: { language: string } }>(RESIDENT, 'GET', '/api/me');
    expect(me.user.language).toBe('en');
    await resetLanguage(RESIDENT);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('refuses tampered sign-in data with the localized "cannot verify" screen', async () => {
    const launch = new URL(await e2e.launchUrl(RESIDENT));
    const hash = new URLSearchParams(launch.hash.slice(1));
    const initData = new URLSearchParams(hash.get('tgWebAppData')!);
    // Pretend to be the reviewer while keeping the resident's signature.
    initData.set('user', JSON.stringify({ id: REVIEWER, first_name: '王审核' }));
    hash.set('tgWebAppData', initData.toString());
    launch.hash = hash.toString();

    const page = await e2e.newPage();
    await page.goto(launch.toString());
    await heading(page, '无法验证登录信息').waitFor();
    await page.getByText('登录信息无效，请从 Telegram 重新打开小程序。').waitFor();
    await page.getByText(/问题编号：[0-9a-f-]{36}/).waitFor();
    expect(await page.getByRole('link', { name: /张小明|工作台/ }).count()).toBe(0);
    await e2e.screenshot(page, 'session-invalid-zh-CN');
  });

  it('shows the session-expired screen when the sign-in is older than allowed', async () => {
    const stale = await signedInitData(RESIDENT, new Date(Date.now() - 3 * 3600_000));
    const page = await e2e.newPage();
    await page.goto(
      `${e2e.url}/app/#${new URLSearchParams({ tgWebAppData: stale, tgWebAppPlatform: 'web' })}`,
    );
    await heading(page, '登录已过期').waitFor();
    await page.getByText('登录已过期，请从 Telegram 重新打开小程序。').waitFor();
    await e2e.screenshot(page, 'session-expired-zh-CN');
  });

  it('shows a calm “try again” with a button, not an error, while the server answers 503, and loads on retry', async () => {
    await resetLanguage(RESIDENT);
    const page = await e2e.newPage();
    let refused = 0;
    await page.route('**/api/me', async (route) => {
      if (route.request().method() !== 'GET' || refused > 0) return route.continue();
      refused += 1;
      return route.fulfill({
        status: 503,
        headers: { 'Retry-After': '5', 'content-type': 'application/json' },
        body: JSON.stringify({
          error: {
            code: 'database_unavailable',
            message: '数据库暂时不可用，请稍后再试。',
            requestId: 'r-503',
          },
        }),
      });
    });
    await e2e.loginAs(page, RESIDENT);
    await page.getByRole('heading', { name: '服务暂时繁忙' }).waitFor();
    await page.getByText('服务暂时繁忙，请过几秒再试一次。').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByText('出错了').count()).toBe(0);
    await e2e.screenshot(page, 'try-again-zh-CN');
    await page.getByRole('button', { name: '重试' }).click();
    await heading(page, '您好，张小明').waitFor();
    expect(refused).toBe(1);
  });

  it('shows an officer the workbench with their roles and villages', async () => {
    await resetLanguage(REVIEWER);
    const page = await e2e.newPage();
    await e2e.loginAs(page, REVIEWER);
    await heading(page, '您好，王审核').waitFor();
    // Officers work by their scope: their home does not ask them to choose a village.
    await page.getByRole('link', { name: /工作台/ }).waitFor();
    expect(await page.getByText('尚未选择村（社区）').count()).toBe(0);
    await e2e.screenshot(page, 'home-officer-zh-CN');
    await page.getByRole('link', { name: /工作台/ }).click();
    await heading(page, '工作台').waitFor();
    await page.getByText('审核员').waitFor();
    await page.getByText('负责范围：东山村、西山村').waitFor();
    await e2e.screenshot(page, 'workbench-zh-CN');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  it('shows the not-found page for an unknown address inside the app', async () => {
    await resetLanguage(RESIDENT);
    const page = await e2e.newPage();
    await e2e.loginAs(page, RESIDENT);
    await page.goto(`${e2e.url}/app/no-such-page`);
    await heading(page, '找不到该页面').waitFor();
    await page.getByRole('link', { name: '返回首页' }).click();
    await heading(page, '您好，张小明').waitFor();
  });

  it('inside Telegram uses the native back and main buttons and the Telegram theme', async () => {
    const villages = await e2e.api<{ villages: { id: number; name: string }[] }>(
      MIGRANT,
      'GET',
      '/api/villages',
    );
    const dongshan = villages.villages.find((v) => v.name === '东山村')!;
    const xishan = villages.villages.find((v) => v.name === '西山村')!;
    await e2e.api(MIGRANT, 'PATCH', '/api/me', { language: 'zh-CN', villageId: dongshan.id });

    // Plays the Telegram mobile client: records every event the app posts.
    const page = await e2e.newPage({
      initScript: `window.__tgEvents = [];
        window.TelegramWebviewProxy = { postEvent: (type, data) => window.__tgEvents.push([type, data ? JSON.parse(data) : '']) };`,
    });
    const theme = {
      bg_color: '#17212b',
      text_color: '#f5f5f5',
      hint_color: '#8b9eb3',
      link_color: '#6ab3f3',
      button_color: '#5288c1',
      button_text_color: '#ffffff',
      secondary_bg_color: '#232e3c',
    };
    const launch = new URL(await e2e.launchUrl(MIGRANT));
    launch.hash = `${launch.hash.slice(1)}&${new URLSearchParams({ tgWebAppThemeParams: JSON.stringify(theme) })}`;
    await page.goto(launch.toString());
    await heading(page, '您好，李娜').waitFor();

    type TgEvent = [string, Record<string, unknown> | ''];
    const events = () => page.evaluate(() => (window as unknown as { __tgEvents: TgEvent[] }).__tgEvents);
    const last = async (type: string) => (await events()).filter(([t]) => t === type).at(-1)?.[1];
    // Effects run after paint: poll for the events rather than reading them once.
    await expect
      .poll(async () => (await events()).map(([t]) => t))
      .toEqual(expect.arrayContaining(['web_app_ready', 'web_app_expand']));
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color'),
      ),
    ).toBe('#17212b');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(35, 46, 60)',
    );
    await e2e.screenshot(page, 'telegram-dark-home-zh-CN');

    await page.getByRole('link', { name: '设置' }).click();
    await heading(page, '设置').waitFor();
    // Telegram draws the back and save buttons: none in the page.
    expect(await page.getByRole('button', { name: '返回' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    await expect.poll(() => last('web_app_setup_back_button')).toEqual({ is_visible: true });
    await page.getByLabel('所在村（社区）').waitFor();
    await expect
      .poll(() => last('web_app_setup_main_button'))
      .toMatchObject({
        is_visible: true,
        is_active: false,
        text: '保存',
      });

    await page.getByLabel('所在村（社区）').selectOption(String(xishan.id));
    await expect.poll(() => last('web_app_setup_main_button')).toMatchObject({ is_active: true });
    await e2e.screenshot(page, 'telegram-dark-settings-zh-CN');
    await telegramSends(page, 'main_button_pressed');
    await page.getByText('已保存').waitFor();
    const me = await e2e.api<{ user: { villageId: number } }>(MIGRANT, 'GET', '/api/me');
    expect(me.user.villageId).toBe(xishan.id);

    await telegramSends(page, 'back_button_pressed');
    await heading(page, '您好，李娜').waitFor();
    await page.getByText('西山村').waitFor();
    await expect.poll(() => last('web_app_setup_back_button')).toEqual({ is_visible: false });
    await expect.poll(() => last('web_app_setup_main_button')).toEqual({ is_visible: false });

    // The person switches Telegram to a light theme while the app is open.
    await telegramSends(page, 'theme_changed', {
      theme_params: { bg_color: '#ffffff', text_color: '#000000', secondary_bg_color: '#efeff4' },
    });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(239, 239, 244)',
    );
    await expect.poll(() => last('web_app_set_background_color')).toEqual({ color: '#efeff4' });

    await e2e.api(MIGRANT, 'PATCH', '/api/me', { villageId: dongshan.id });
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});
