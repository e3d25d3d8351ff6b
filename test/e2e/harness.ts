// Shared set-up of the browser tests: the whole stack once per test file, one Chromium, phone-sized
// pages (360×640), sign-in through the dev login page, a signed API client and screenshots.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { signInitData } from '../../core/auth/init-data';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-server';
import { DEMO_USERS } from '../../db/seed';
import { LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { type Stack, startStack } from '../../scripts/stack';
import { smallPdf } from '../fixtures/certificates';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = `${ROOT}test-results/e2e`;
export const VIEWPORT = { width: 360, height: 640 };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium floods the closed network with refused connections.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function assertBuilt(): void {
  const index = `${ROOT}miniprogram/dist/app/index.html`;
  if (!existsSync(index) || !readFileSync(index, 'utf8').includes('/app/assets/')) {
    throw new Error('The mini app is not built: run `npm run build:app` before `npm run test:e2e`.');
  }
}

/** Init data for a demo user, signed with the local bot token like Telegram would sign it. */
export async function signedInitData(telegramId: number, authDate = new Date()): Promise<string> {
  const demo = DEMO_USERS.find((u) => u.telegramId === telegramId);
  return signInitData({
    user: { id: telegramId, first_name: demo?.displayName ?? String(telegramId) },
    botToken: LOCAL_BOT_TOKEN,
    authDate,
  });
}

export interface NewPageOptions {
  /** The browser's language (navigator.language); default zh-CN, the township's default. */
  locale?: string;
  /** Runs before the app's own scripts, e.g. to play the Telegram client. */
  initScript?: string;
  /** false: a browser with JavaScript turned off (what a page shows without its scripts). */
  javaScriptEnabled?: boolean;
  /** A desk browser (e.g. 1280×800, mouse, no touch) instead of the 360×640 phone. */
  viewport?: { width: number; height: number };
}

export interface E2e {
  readonly url: string;
  readonly stack: Stack;
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Opens /dev/login and picks the demo user; resolves when the mini app shows a heading. */
  loginAs(page: Page, telegramId: number): Promise<void>;
  /** The address the dev login sends a user to (/app/#tgWebAppData=…). */
  launchUrl(telegramId: number): Promise<string>;
  /** Calls the API as a demo user (to set up or reset state the browser test depends on). */
  api<T = unknown>(telegramId: number, method: string, path: string, body?: unknown): Promise<T>;
  /** Saves test-results/e2e/<name>.png: the 360×640 screen, or the whole page with fullPage. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** Uncaught exceptions, console errors and failed requests (4xx/5xx) seen on the page so far. */
  pageErrors(page: Page): string[];
}

/** Call at the top level of a test file: starts the stack and browser before its tests, stops them after. */
export function setupE2e(): E2e {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let embedded: EmbeddedPostgres | undefined;
  const contexts: BrowserContext[] = [];
  const errors = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // A real server when DATABASE_URL says so; otherwise in-memory PGlite (db/embedded-server.ts).
    let databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres();
      databaseUrl = embedded.url;
    }
    const [started, launched] = await Promise.all([
      startStack({ port: await freePort(), quiet: true, databaseUrl }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    ]);
    stack = started;
    browser = launched;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    await embedded?.stop();
  });

  const need = <T>(value: T | undefined): T => {
    if (!value) throw new Error('setupE2e(): the stack is not running (beforeAll failed?)');
    return value;
  };

  const e2e: E2e = {
    get url() {
      return need(stack).url;
    },
    get stack() {
      return need(stack);
    },
    async newPage(options = {}) {
      const context = await need(browser).newContext({
        viewport: options.viewport ?? VIEWPORT,
        deviceScaleFactor: 1,
        isMobile: !options.viewport,
        hasTouch: !options.viewport,
        locale: options.locale ?? 'zh-CN',
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      contexts.push(context);
      if (options.initScript) await context.addInitScript(options.initScript);
      const page = await context.newPage();
      const seen: string[] = [];
      errors.set(page, seen);
      page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // Failed requests are reported with their address by the 'response' listener below.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          seen.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        // The dev login page (not the app) has no favicon; browsers always ask for one. Outside
        // Telegram the app asks whether a desk session exists; 401 is its answer "no".
        const deskProbe = r.status() === 401 && new URL(r.url()).pathname === '/api/desk/session';
        if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !deskProbe)
          seen.push(`http ${r.status()}: ${r.url()}`);
      });
      return page;
    },
    async loginAs(page, telegramId) {
      await page.goto(`${e2e.url}/dev/login`);
      await page.click(`a[data-telegram-id="${telegramId}"]`);
      await page.waitForURL(/\/app\//);
      await page.locator('main h1').first().waitFor();
    },
    async launchUrl(telegramId) {
      const res = await fetch(`${e2e.url}/dev/login/${telegramId}`, { redirect: 'manual' });
      const location = res.headers.get('location');
      if (!location) throw new Error(`dev login for ${telegramId} answered ${res.status} without a redirect`);
      return new URL(location, e2e.url).toString();
    },
    async api(telegramId, method, path, body) {
      const res = await fetch(`${e2e.url}${path}`, {
        method,
        headers: {
          Authorization: `tma ${await signedInitData(telegramId)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      // 204 No Content (e.g. a saved variant) has no body.
      return (res.status === 204 ? undefined : await res.json()) as never;
    },
    async screenshot(page, name, options = {}) {
      const path = `${SCREENSHOT_DIR}/${name}.png`;
      await page.screenshot({ path, fullPage: options.fullPage ?? false });
      return path;
    },
    pageErrors(page) {
      return errors.get(page) ?? [];
    },
  };
  return e2e;
}

/** Uploads the three documents every application needs (small PDFs) through the API, as the applicant. */
export async function uploadRequiredDocuments(e2e: E2e, telegramId: number, applicationId: string) {
  for (const kind of ['id_card', 'hukou_page', 'marriage_certificate']) {
    const body = new FormData();
    body.set('kind', kind);
    body.set('file', new File([new Uint8Array(smallPdf())], `${kind}.pdf`, { type: 'application/pdf' }));
    const res = await fetch(`${e2e.url}/api/certificates/applications/${applicationId}/documents`, {
      method: 'POST',
      headers: { Authorization: `tma ${await signedInitData(telegramId)}` },
      body,
    });
    expect(res.status).toBe(201);
  }
}
