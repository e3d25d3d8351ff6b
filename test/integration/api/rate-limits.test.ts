// Rate limits through the whole app on real Postgres: anonymous verification floods, failed sign-in
// and webhook-secret floods (valid callers unaffected), uploads and costly calls per person, the
// global cap, what happens when the limiter is down, and that no address is ever kept.
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../../api/context';
import { onError } from '../../../api/errors';
import { byClient, failureLimit } from '../../../api/middleware/rate-limit';
import { services } from '../../../api/middleware/services';
import { type Limiter, LimiterUnavailableError, localLimiter } from '../../../core/rate-limit/limiter';
import { fixedClock } from '../../../core/runtime';
import { LOCAL_WEBHOOK_SECRET } from '../../../scripts/local-config';
import { createTestApp, type ErrorBody } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import { textUpdate } from '../../harness/telegram-updates';

const db = useTestDb();
const clock = fixedClock('2026-06-01T08:00:00Z');
const t = await createTestApp({ clock });

const MIGRANT = 900102;
const RESIDENT = 900101;
const PUBLICITY = 900003;
const PUBLICITY_EN = 900007;
const UNKNOWN_SERIAL = 'DEMO-2026-999999';
/** Writes to the bot as someone outside the seeded demo people, whose names other files read. */
const STRANGER = { id: 880_000_000 + Math.floor(Math.random() * 1_000_000), first_name: 'Rate Test' };

const from = (ip: string, headers: Record<string, string> = {}) => ({ 'CF-Connecting-IP': ip, ...headers });
function statuses(rs: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of rs) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
const retryAfter = (r: Response) => Number(r.headers.get('Retry-After'));

async function repeat(n: number, call: () => Promise<Response>): Promise<Response[]> {
  const out: Response[] = [];
  for (let i = 0; i < n; i++) out.push(await call());
  return out;
}

describe('anonymous certificate checks', () => {
  it('answers 60 of 300 checks in a row from one address and refuses the other 240 with 429 and Retry-After', async () => {
    const started = performance.now();
    const rs = await repeat(300, () =>
      t.call('GET', `/api/certificates/${UNKNOWN_SERIAL}/verify`, {
        headers: from('198.51.100.1', { 'Accept-Language': 'en' }),
      }),
    );
    const elapsedMs = performance.now() - started;
    expect(statuses(rs)).toEqual({ 200: 60, 429: 240 });
    expect(rs.slice(0, 60).every((r) => r.status === 200)).toBe(true);
    const refused = rs[60]!;
    expect(retryAfter(refused)).toBe(60);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toBe('Too many requests; please try again in 60 seconds.');
    expect(rs.slice(60).every((r) => retryAfter(r) >= 1 && retryAfter(r) <= 60)).toBe(true);
    // The figure for the closing note (the console is the test report's).
    console.info(`300 anonymous checks from one address: 60 × 200, 240 × 429 in ${Math.round(elapsedMs)} ms`);

    // Another address is not affected; the first one is served again once its minute is over.
    expect(
      (await t.call('GET', `/api/certificates/${UNKNOWN_SERIAL}/verify`, { headers: from('198.51.100.2') }))
        .status,
    ).toBe(200);
    clock.advance(60_000);
    expect(
      (await t.call('GET', `/api/certificates/${UNKNOWN_SERIAL}/verify`, { headers: from('198.51.100.1') }))
        .status,
    ).toBe(200);
  });

  it('shares one budget between the page, the JSON and the payload check, and refuses the page with a small localized page', async () => {
    const ip = from('198.51.100.3', { 'Accept-Language': 'zh-TW' });
    const pages = await repeat(30, () => t.call('GET', `/verify/${UNKNOWN_SERIAL}`, { headers: ip }));
    const payloads = await repeat(30, () =>
      t.call('POST', '/api/certificates/verify-payload', { headers: ip, body: { payload: 'x' } }),
    );
    expect([...pages, ...payloads].some((r) => r.status === 429)).toBe(false);

    const page = await t.call('GET', `/verify/${UNKNOWN_SERIAL}`, { headers: ip });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(retryAfter(page)).toBeGreaterThanOrEqual(1);
    const text = await page.text();
    expect(text).toContain('<html lang="zh-TW">');
    expect(text).toContain(`操作太頻繁，請 ${retryAfter(page)} 秒後再試。`);

    const payload = await t.call('POST', '/api/certificates/verify-payload', {
      headers: ip,
      body: { payload: 'x' },
    });
    expect(payload.status).toBe(429);
    expect(((await payload.json()) as ErrorBody).error.code).toBe('rate_limited');
  });

  it('stops a scraper with many addresses at the global cap', async () => {
    const capped = await createTestApp({ clock, env: { RATE_LIMIT_VERIFY_GLOBAL_PER_MINUTE: '50' } });
    const rs = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        capped.call('GET', `/api/certificates/${UNKNOWN_SERIAL}/verify`, {
          headers: from(`192.0.2.${i + 1}`),
        }),
      ),
    );
    expect(statuses(rs)).toEqual({ 200: 50, 429: 10 });
    expect(rs.filter((r) => r.status === 429).every((r) => retryAfter(r) === 60)).toBe(true);
  });

  it('throttles link buttons per address', async () => {
    const rs = await repeat(121, () =>
      t.call('GET', '/c/abc.not-a-valid-token', { headers: from('198.51.100.4') }),
    );
    expect(statuses(rs)).toEqual({ 404: 120, 429: 1 });
    expect(rs[120]!.headers.get('content-type')).toContain('text/html');
  });
});

describe('failed sign-ins', () => {
  it('answers 20 bad init data with 401, then 429 with Retry-After, while a valid sign-in from the same address still works', async () => {
    const ip = '198.51.100.10';
    const bad = await repeat(20, () =>
      t.call('GET', '/api/me', { headers: from(ip, { Authorization: 'tma user=forged&hash=00' }) }),
    );
    expect(statuses(bad)).toEqual({ 401: 20 });
    const refused = await t.call('GET', '/api/me', { headers: from(ip, { Authorization: 'tma forged' }) });
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBe(60);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('rate_limited');
    // Missing sign-in data counts as a failure too.
    expect((await t.call('GET', '/api/me', { headers: from(ip) })).status).toBe(429);

    const valid = await t.call('GET', '/api/me', { as: MIGRANT, headers: from(ip) });
    expect(valid.status).toBe(200);
    // A valid person sharing the address is never counted: 30 more calls, all answered.
    expect(
      statuses(await repeat(30, () => t.call('GET', '/api/me', { as: RESIDENT, headers: from(ip) }))),
    ).toEqual({
      200: 30,
    });
  });

  it('locks an address out twice as long each time it comes back failing', async () => {
    const ip = '198.51.100.11';
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      await repeat(20, () => t.call('GET', '/api/me', { headers: from(ip, { Authorization: 'tma bad' }) }));
      const refused = await t.call('GET', '/api/me', { headers: from(ip, { Authorization: 'tma bad' }) });
      waits.push(retryAfter(refused));
      clock.advance(retryAfter(refused) * 1000);
    }
    expect(waits).toEqual([60, 120, 240]);
  });
});

describe('a failures policy that checks first (how receipt lookups will use it)', () => {
  it('refuses a locked-out key before the attempt runs, even with the right answer', async () => {
    let attempts = 0;
    const app = new Hono<AppEnv>();
    app.use(services({ db: () => db, rateLimiter: localLimiter({ now: () => clock.now().getTime() }) }));
    app.onError(onError);
    const guard = failureLimit('auth_failures', byClient, {
      checkFirst: true,
      isFailure: (res) => res.status === 404,
    });
    app.get('/lookup/:code', guard, (c) => {
      attempts++;
      return c.req.param('code') === 'right' ? c.json({ ok: true }) : c.json({ ok: false }, 404);
    });
    const look = async (code: string) =>
      app.request(`/lookup/${code}`, { headers: from('198.51.100.40') }, t.env);
    expect(statuses(await repeat(20, () => look('wrong')))).toEqual({ 404: 20 });
    const refused = await look('right');
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBe(60);
    expect(attempts).toBe(20);
  });
});

describe('the Telegram webhook', () => {
  const post = (ip: string, secret: string, body: unknown) =>
    t.call('POST', '/telegram/webhook', {
      headers: from(ip, { 'X-Telegram-Bot-Api-Secret-Token': secret }),
      body,
    });

  it('refuses a flood of wrong secrets with 429 after 20, yet always takes updates with the right secret', async () => {
    const ip = '198.51.100.20';
    const wrong = await repeat(25, () => post(ip, 'wrong-secret-0000000', { update_id: 1 }));
    expect(statuses(wrong)).toEqual({ 401: 20, 429: 5 });
    expect(retryAfter(wrong[20]!)).toBe(60);

    const rights = await repeat(25, () => post(ip, LOCAL_WEBHOOK_SECRET, textUpdate(STRANGER, '/help')));
    expect(statuses(rights)).toEqual({ 200: 25 });
  });
});

describe('signed-in limits', () => {
  it('allows 30 uploads a minute per person, then 429, without touching anyone else', async () => {
    const url = `/api/certificates/applications/${crypto.randomUUID()}/documents`;
    const upload = (as: number) => {
      const form = new FormData();
      form.set('kind', 'id_card');
      form.set('file', new File([new Uint8Array([1, 2, 3])], 'x.jpg', { type: 'image/jpeg' }));
      return t.call('POST', url, { as, body: form, headers: from('198.51.100.30') });
    };
    const rs = await repeat(31, () => upload(MIGRANT));
    expect(rs.slice(0, 30).some((r) => r.status === 429)).toBe(false);
    expect(rs[30]!.status).toBe(429);
    expect(retryAfter(rs[30]!)).toBe(60);
    expect((await upload(RESIDENT)).status).not.toBe(429);
  });

  it('allows 30 audience counts a minute per officer, then 429', async () => {
    const count = (as: number) => t.call('GET', '/api/campaigns/audience/count?topic=women_health', { as });
    const rs = await repeat(31, () => count(PUBLICITY));
    expect(statuses(rs)).toEqual({ 200: 30, 429: 1 });
    expect((await count(PUBLICITY_EN)).status).toBe(200);
  });
});

describe('keys', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never keep or log the address: not in the limiter, the logs or any table', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation(
        (...args: unknown[]) => void lines.push(args.map(String).join(' ')),
      );
    const v4 = '203.0.113.77';
    const v6 = '2001:db8:77:1::5';
    for (const ip of [v4, v6]) {
      await repeat(62, () => t.call('GET', `/verify/${UNKNOWN_SERIAL}`, { headers: from(ip) }));
      await repeat(21, () => t.call('GET', '/api/me', { headers: from(ip, { Authorization: 'tma bad' }) }));
    }
    expect(lines.some((l) => l.includes('rate limited'))).toBe(true);
    for (const needle of [v4, '2001:db8:77']) {
      expect(lines.filter((l) => l.includes(needle))).toEqual([]);
      const keys = ['verify', 'auth_failures'].flatMap((p) =>
        (t.rateLimiter as ReturnType<typeof localLimiter>).table.keys(p),
      );
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((k) => k.includes(needle) || k.includes('ip:'))).toEqual([]);
      const tables = await db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
      for (const { table_name } of tables) {
        const [row] = await db.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table_name)} t where t::text like ${`%${needle}%`}`,
        );
        expect(row!.n, table_name).toBe(0);
      }
    }
  });
});

describe('when the limiter cannot be reached', () => {
  const down: Limiter = {
    consume: async () => {
      throw new LimiterUnavailableError();
    },
    check: async () => {
      throw new LimiterUnavailableError();
    },
    fail: async () => {
      throw new LimiterUnavailableError();
    },
  };

  it('refuses anonymous checks with 503 and Retry-After, but sign-in, uploads and Telegram keep working', async () => {
    const app = await createTestApp({ clock, rateLimiter: down });
    const json = await app.call('GET', `/api/certificates/${UNKNOWN_SERIAL}/verify`);
    expect(json.status).toBe(503);
    expect(retryAfter(json)).toBe(5);
    expect(((await json.json()) as ErrorBody).error.code).toBe('temporarily_unavailable');
    const page = await app.call('GET', `/verify/${UNKNOWN_SERIAL}`);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');

    expect((await app.call('GET', '/api/me', { as: MIGRANT })).status).toBe(200);
    expect((await app.call('GET', '/api/me', { headers: { Authorization: 'tma bad' } })).status).toBe(401);
    expect(
      (await app.call('GET', '/api/campaigns/audience/count?topic=women_health', { as: PUBLICITY })).status,
    ).toBe(200);
    const hook = (secret: string) =>
      app.call('POST', '/telegram/webhook', {
        headers: { 'X-Telegram-Bot-Api-Secret-Token': secret },
        body: textUpdate(STRANGER, '/help'),
      });
    expect((await hook(LOCAL_WEBHOOK_SECRET)).status).toBe(200);
    expect((await hook('wrong-secret-0000000')).status).toBe(401);
  });
});
