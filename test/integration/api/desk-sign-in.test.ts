// Sign-in at a desk: /desk in the bot sends a one-time link (10 minutes, once); its page signs the
// browser in with an HttpOnly, Secure, SameSite=Strict cookie that works for officers' operations
// only, needs the CSRF token on state-changing calls, ends when idle or at its absolute end, and on
// sign-out. Residents get no link, and a desk session never opens residents' own records.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../core/desk/desk-tokens';
import { translator } from '../../../core/i18n';
import { fixedClock } from '../../../core/runtime';
import { deskSignInLinks, users } from '../../../db/schema';
import { createTestApp, type ErrorBody, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let bot: ReturnType<typeof botDriver>;

const REVIEWER = { id: 900002, first_name: '王审核', language_code: 'zh-hans' };
const RESIDENT = { id: 900101, first_name: '张小明', language_code: 'zh-hans' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  t = await createTestApp({ clock, env: UNTHROTTLED_ENV });
  bot = botDriver(t);
});

/** /desk in the officer's chat → the token in the link button. */
async function askForLink(user = REVIEWER) {
  const [reply] = await bot.send(user, '/desk');
  const url = reply?.buttons[0]?.url;
  expect(url, reply?.text).toMatch(/^https:\/\/township\.example\/desk\/sign-in\?t=[A-Za-z0-9_-]{43}$/);
  expect(reply?.params.link_preview_options).toEqual({ is_disabled: true });
  return new URL(url!).searchParams.get('t')!;
}

async function postSignIn(token: string, headers: Record<string, string> = {}) {
  return t.app.request(
    '/desk/sign-in',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ t: token }).toString(),
    },
    t.env,
  );
}

/** Signs in with a fresh link; returns the Cookie header value. */
async function signIn() {
  const res = await postSignIn(await askForLink());
  expect(res.status).toBe(303);
  const cookie = res.headers.get('Set-Cookie')!;
  return cookie.split(';')[0]!;
}

const desk = (
  cookie: string,
  method: string,
  path: string,
  o: { body?: unknown; headers?: Record<string, string> } = {},
) => t.call(method, path, { body: o.body, headers: { Cookie: cookie, ...o.headers } });

async function csrfOf(cookie: string) {
  const res = await desk(cookie, 'GET', '/api/desk/session');
  expect(res.status).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

const code = async (res: Response) => ((await res.json()) as ErrorBody).error.code;

describe('the one-time link', () => {
  it('is sent to an officer’s chat and opens a page that asks before signing in (a preview spends nothing)', async () => {
    const token = await askForLink();
    for (let i = 0; i < 2; i++) {
      const page = await t.app.request(`/desk/sign-in?t=${token}`, {}, t.env);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('method="post" action="/desk/sign-in"');
      expect(html).toContain(translator('zh-CN', 'app')('desk.signIn.button'));
    }
    const [row] = await db
      .select()
      .from(deskSignInLinks)
      .where(eq(deskSignInLinks.tokenHash, await sha256Hex(token)));
    expect(row?.usedAt).toBeNull();
    // Only the hash is kept.
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('signs in once, with an HttpOnly, Secure, SameSite=Strict host cookie; a second use is refused', async () => {
    const token = await askForLink();
    const first = await postSignIn(token);
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe('/app/');
    const cookie = first.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^__Host-desk=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect((await postSignIn(token)).status).toBe(401);
  });

  it('expires after 10 minutes', async () => {
    const token = await askForLink();
    clock.advance(10 * MINUTE + 1000);
    const res = await postSignIn(token);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(translator('zh-CN', 'errors')('desk_link_invalid'));
  });

  it('refuses a sign-in posted from another site', async () => {
    const token = await askForLink();
    expect((await postSignIn(token, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await postSignIn(token, { Origin: 'http://localhost' })).status).toBe(303);
  });

  it('trusts the browser’s Sec-Fetch-Site over an Origin the Worker cannot compare (a proxy in front)', async () => {
    const crossSite = await askForLink();
    const refused = await postSignIn(crossSite, {
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'http://localhost',
    });
    expect(refused.status).toBe(403);
    const proxied = await askForLink();
    const res = await postSignIn(proxied, {
      'Sec-Fetch-Site': 'same-origin',
      Origin: 'http://127.0.0.1:8787',
    });
    expect(res.status).toBe(303);
  });

  it('is not given to a resident, and a link of someone who is no officer signs nobody in', async () => {
    const [reply] = await bot.send(RESIDENT, '/desk');
    expect(reply?.text).toBe(translator('zh-CN', 'bot')('desk.notOfficer'));
    expect(reply?.buttons).toEqual([]);
    const [resident] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, RESIDENT.id));
    const token = `r${String(Date.now()).padStart(42, '0')}`;
    await db.insert(deskSignInLinks).values({
      tokenHash: await sha256Hex(token),
      userId: resident!.id,
      createdAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 5 * MINUTE),
    });
    const res = await postSignIn(token);
    expect(res.status).toBe(403);
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('the desk session', () => {
  it('carries the officer’s identity for officers’ work', async () => {
    const cookie = await signIn();
    const me = await desk(cookie, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { displayName: string } }).user.displayName).toBe('王审核');
    expect((await desk(cookie, 'GET', '/api/review/applications')).status).toBe(200);
  });

  it('never opens residents’ own records', async () => {
    const cookie = await signIn();
    for (const [method, path] of [
      ['GET', '/api/certificates/applications'],
      ['POST', '/api/certificates/applications'],
      ['GET', '/api/me/topics'],
      ['GET', '/api/campaigns/published'],
    ] as const) {
      const res = await desk(cookie, method, path, { headers: { 'X-Desk-Csrf': await csrfOf(cookie) } });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await code(res)).toBe('desk_not_allowed');
    }
  });

  it('needs the CSRF token, from this site, for a state-changing call', async () => {
    const cookie = await signIn();
    const body = { q: '李' };
    const bare = await desk(cookie, 'POST', '/api/review/applications/search', { body });
    expect(bare.status).toBe(403);
    expect(await code(bare)).toBe('csrf_failed');
    const other = await signIn();
    const wrong = await desk(cookie, 'POST', '/api/review/applications/search', {
      body,
      headers: { 'X-Desk-Csrf': await csrfOf(other) },
    });
    expect(wrong.status).toBe(403);
    const csrf = await csrfOf(cookie);
    const crossSite = await desk(cookie, 'POST', '/api/review/applications/search', {
      body,
      headers: { 'X-Desk-Csrf': csrf, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const ok = await desk(cookie, 'POST', '/api/review/applications/search', {
      body,
      headers: { 'X-Desk-Csrf': csrf, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(ok.status).toBe(200);
  });

  it('ends after 8 hours without use', async () => {
    const cookie = await signIn();
    clock.advance(7 * HOUR);
    expect((await desk(cookie, 'GET', '/api/me')).status).toBe(200);
    clock.advance(8 * HOUR + MINUTE);
    const res = await desk(cookie, 'GET', '/api/me');
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('desk_session_ended');
  });

  it('ends 12 hours after sign-in however active', async () => {
    const cookie = await signIn();
    for (let i = 0; i < 5; i++) {
      clock.advance(2 * HOUR + 12 * MINUTE);
      expect((await desk(cookie, 'GET', '/api/me')).status).toBe(200);
    }
    clock.advance(HOUR);
    expect((await desk(cookie, 'GET', '/api/me')).status).toBe(401);
  });

  it('ends at once on sign-out', async () => {
    const cookie = await signIn();
    const out = await desk(cookie, 'POST', '/api/desk/sign-out', {
      headers: { 'X-Desk-Csrf': await csrfOf(cookie) },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/^__Host-desk=;/);
    expect((await desk(cookie, 'GET', '/api/me')).status).toBe(401);
  });

  it('is unknown to the Telegram mini app', async () => {
    expect((await t.call('GET', '/api/desk/session', { as: REVIEWER.id })).status).toBe(404);
  });
});
