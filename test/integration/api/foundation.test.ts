// The foundation's HTTP surface through app.request() on real Postgres: health, sign-in, profile,
// error shape, scope rules, dev login and the OpenAPI document.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app';
import { buildServices } from '../../../api/services';
import { verifyInitData } from '../../../core/auth/init-data';
import { translator } from '../../../core/i18n';
import { auditLog, users, villages } from '../../../db/schema';
import { LOCAL_BOT_TOKEN } from '../../../scripts/local-config';
import { createTestApp, type ErrorBody } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const t = await createTestApp();

const RESIDENT = 900101; // 张小明, 东山村, zh-CN
const ENGLISH_MIGRANT = 900105; // Alice Chen, 北苑社区, en
const REVIEWER_EAST = 900002; // 王审核: reviewer for 东山村 and 西山村 only

async function villageId(code: string) {
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, code));
  return v!.id;
}

async function userId(telegramId: number) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return u!.id;
}

describe('health', () => {
  it('answers ok after a database round trip', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 503 in the common error shape when the database is unreachable', async () => {
    const res = await createApp().request(
      '/healthz',
      {},
      { ...t.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('database_unavailable');
    expect(body.error.requestId).toBeTruthy();
  });
});

describe('signing in with Telegram init data', () => {
  it('returns the signed-in person with language and roles', async () => {
    const res = await t.call('GET', '/api/me', { as: REVIEWER_EAST });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { displayName: string; language: string }; roles: unknown[] };
    expect(body.user.displayName).toBe('王审核');
    expect(body.user.language).toBe('zh-CN');
    expect(body.roles).toEqual([
      { role: 'reviewer', villageIds: [await villageId('dongshan'), await villageId('xishan')] },
    ]);
  });

  it('files a person who opens the mini app for the first time', async () => {
    const newcomer = 700_000_000 + Math.floor(Math.random() * 1_000_000);
    const res = await t.call('GET', '/api/me', { as: newcomer });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { roles: unknown[] }).roles).toEqual([]);
    const [row] = await db.select().from(users).where(eq(users.telegramId, newcomer));
    expect(row?.populationStatus).toBe('resident');
  });

  it('rejects a request without init data with 401 in the common error shape', async () => {
    const res = await t.call('GET', '/api/me');
    expect(res.status).toBe(401);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({
      code: 'unauthorized',
      message: translator('zh-CN', 'errors')('unauthorized'),
    });
    expect(res.headers.get('X-Request-Id')).toBe(body.error.requestId);
  });

  it('rejects tampered init data with 401', async () => {
    const header = await t.authFor(RESIDENT);
    // Claim to be someone else while keeping the original hash.
    const tampered = header.replace(
      encodeURIComponent(`"id":${RESIDENT}`),
      encodeURIComponent('"id":900001'),
    );
    expect(tampered).not.toBe(header);
    const res = await t.call('GET', '/api/me', { headers: { Authorization: tampered } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe('init_data_invalid');
  });

  it('rejects init data signed with another bot token with 401', async () => {
    const other = await t.authFor(RESIDENT);
    const params = new URLSearchParams(other.slice(4));
    params.set('hash', 'a'.repeat(64));
    const res = await t.call('GET', '/api/me', { headers: { Authorization: `tma ${params}` } });
    expect(res.status).toBe(401);
  });

  it('rejects init data older than the configured maximum age with 401', async () => {
    const stale = await t.authFor(RESIDENT, { authDate: new Date(Date.now() - 2 * 3600_000) });
    const res = await t.call('GET', '/api/me', { headers: { Authorization: stale } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe('init_data_expired');
  });

  it('honours a shorter maximum age from the env', async () => {
    const header = await t.authFor(RESIDENT, { authDate: new Date(Date.now() - 120_000) });
    const res = await t.app.request(
      '/api/me',
      { headers: { Authorization: header } },
      { ...t.env, INIT_DATA_MAX_AGE_SECONDS: '60' },
    );
    expect(res.status).toBe(401);
  });
});

describe('errors', () => {
  it('speaks the signed-in person’s language', async () => {
    const res = await t.call('GET', `/api/users/${await userId(RESIDENT)}`, { as: ENGLISH_MIGRANT });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toBe(translator('en', 'errors')('not_found'));
  });

  it('answers 400 with the paths of the invalid fields', async () => {
    const res = await t.call('PATCH', '/api/me', { as: RESIDENT, body: { language: 'fr', villageId: 'x' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields?.map((f) => f.path).sort()).toEqual(['language', 'villageId']);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const res = await t.call('PATCH', '/api/me', {
      as: RESIDENT,
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.requestId).toBeTruthy();
  });

  it('answers unknown addresses with 404 in the common shape', async () => {
    const res = await t.call('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('route_not_found');
  });

  it('answers an unexpected failure with a generic 500 that reveals nothing', async () => {
    const broken = createApp({
      db: () => {
        throw new Error('password=hunter2 at db.internal');
      },
    });
    const res = await broken.request('/healthz', {}, t.env);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(text).not.toContain('hunter2');
  });

  it('fails fast naming a missing secret, never its value', async () => {
    const { TELEGRAM_WEBHOOK_SECRET: _omitted, ...env } = t.env;
    const res = await t.app.request('/healthz', {}, env);
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorBody & { error: { detail: string } };
    expect(body.error.code).toBe('config_invalid');
    expect(body.error.detail).toContain('TELEGRAM_WEBHOOK_SECRET');
    expect(JSON.stringify(body)).not.toContain(LOCAL_BOT_TOKEN);
  });

  it('refuses to run in production without an https PUBLIC_URL, naming it', async () => {
    const { PUBLIC_URL: _omitted, ...rest } = t.env;
    for (const env of [
      { ...rest, APP_ENV: 'production' },
      { ...rest, APP_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1:8787' },
    ]) {
      const res = await t.app.request('/healthz', {}, env);
      expect(res.status).toBe(500);
      const body = (await res.json()) as ErrorBody & { error: { detail: string } };
      expect(body.error.detail).toContain('PUBLIC_URL is required in production');
    }
    const env = { ...rest, APP_ENV: 'production', PUBLIC_URL: 'https://x.example' };
    expect((await t.app.request('/healthz', {}, env)).status).toBe(200);
  });

  it('refuses to run in production without TIPOFF_RECEIPT_KEY, naming it', async () => {
    const { TIPOFF_RECEIPT_KEY: _omitted, ...rest } = t.env;
    const res = await t.app.request(
      '/healthz',
      {},
      { ...rest, APP_ENV: 'production', PUBLIC_URL: 'https://x.example' },
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorBody & { error: { detail: string } };
    expect(body.error.detail).toContain('TIPOFF_RECEIPT_KEY is required in production');
  });

  it('builds no link to a guessed origin: queue jobs and the cron without PUBLIC_URL fail fast', () => {
    const { PUBLIC_URL: _omitted, ...env } = t.env;
    expect(() => buildServices(env, { db: () => db }, { requestId: 'cron' })).toThrow(/PUBLIC_URL/);
    const services = buildServices(env, { db: () => db }, { requestId: 'r', origin: 'https://req.example' });
    expect(services.deps.config.publicUrl).toBe('https://req.example');
    expect(buildServices(t.env, { db: () => db }, { requestId: 'cron' }).deps.config.publicUrl).toBe(
      'https://township.example',
    );
  });
});

describe('preferences', () => {
  it('changes the language and village, and later errors follow the new language', async () => {
    const someone = 700_000_000 + Math.floor(Math.random() * 1_000_000);
    const hexi = await villageId('hexi');
    const res = await t.call('PATCH', '/api/me', {
      as: someone,
      body: { language: 'zh-TW', villageId: hexi },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { language: 'zh-TW', villageId: hexi, villageName: '河西村' },
    });
    const after = await t.call('GET', '/api/users/00000000-0000-4000-8000-000000000000', { as: someone });
    expect(((await after.json()) as ErrorBody).error.message).toBe(
      translator('zh-TW', 'errors')('not_found'),
    );
  });

  it('refuses an unknown village and changes nothing', async () => {
    const before = await (await t.call('GET', '/api/me', { as: RESIDENT })).json();
    const res = await t.call('PATCH', '/api/me', {
      as: RESIDENT,
      body: { language: 'en', villageId: 999_999 },
    });
    expect(res.status).toBe(400);
    expect(await (await t.call('GET', '/api/me', { as: RESIDENT })).json()).toEqual(before);
  });
});

describe('scope', () => {
  it('lets an officer read a record in their villages and writes the read to the audit log', async () => {
    const target = await userId(RESIDENT); // 东山村
    const res = await t.call('GET', `/api/users/${target}`, { as: REVIEWER_EAST });
    expect(res.status).toBe(200);
    const reviewer = await userId(REVIEWER_EAST);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, target), eq(auditLog.actorUserId, reviewer)));
    expect(audits.some((a) => a.action === 'user.read')).toBe(true);
  });

  it('answers 403 to an officer acting outside their villages', async () => {
    const res = await t.call('GET', `/api/villages/${await villageId('nanhu')}/summary`, {
      as: REVIEWER_EAST,
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe('out_of_scope');
    const ok = await t.call('GET', `/api/villages/${await villageId('dongshan')}/summary`, {
      as: REVIEWER_EAST,
    });
    expect(ok.status).toBe(200);
  });

  it('answers 403 to a resident asking for an officer-only summary', async () => {
    const res = await t.call('GET', `/api/villages/${await villageId('dongshan')}/summary`, { as: RESIDENT });
    expect(res.status).toBe(403);
  });

  it('does not reveal whether another resident’s record exists', async () => {
    const res = await t.call('GET', `/api/users/${await userId(ENGLISH_MIGRANT)}`, { as: RESIDENT });
    expect(res.status).toBe(404);
  });
});

describe('dev login', () => {
  it('does not exist outside development', async () => {
    expect((await t.call('GET', '/dev/login')).status).toBe(404);
  });

  it('lists the demo users and signs init data the API accepts', async () => {
    const env = { ...t.env, APP_ENV: 'development' };
    const page = await t.app.request('/dev/login', {}, env);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('张小明');
    expect(html).toContain(`href="/dev/login/${RESIDENT}"`);
    const redirect = await t.app.request(`/dev/login/${RESIDENT}`, {}, env);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('Location')!;
    const initData = new URLSearchParams(location.split('#')[1]).get('tgWebAppData')!;
    const valid = await verifyInitData({
      initData,
      botToken: LOCAL_BOT_TOKEN,
      maxAgeSeconds: 60,
      now: new Date(),
    });
    expect(valid.user.id).toBe(RESIDENT);
  });
});

describe('public configuration', () => {
  it('tells the mini app the environment and the published certificate terms, without any secret', async () => {
    const res = await t.call('GET', '/api/config');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      appEnv: 'test',
      botUsername: 'township_dev_bot',
      certificates: { deadlineWorkingDays: 3, validityYears: 3, maxUploadMb: 10 },
    });
    expect(JSON.stringify(body)).not.toContain(LOCAL_BOT_TOKEN);
  });
});

describe('OpenAPI', () => {
  it('publishes the routes with their security scheme', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: object };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/me', '/api/villages']));
    expect(doc.components.securitySchemes).toHaveProperty('tma');
  });
});
