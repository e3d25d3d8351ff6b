// Property-based fuzzing of the whole API, driven by its own OpenAPI document: every operation gets
// requests with valid-looking and hostile path parameters, queries and bodies (JSON, multipart,
// malformed, wrong content types), from every kind of caller. The property: never a 5xx, and every
// 4xx carries the one error shape. The seed is fixed, so a failure replays exactly; FUZZ_SEED and
// FUZZ_REQUESTS override it. The callers are users of this file's own, in a village of its own, so
// whatever a valid-looking request changes, no other test file's data moves; the office-wide tables an
// admin's request may change (reward tiers, run-time settings) are put back right after it.
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettings, guidePages, officerRoles, rewardTiers, townships, users } from '../../../db/schema';
import { json, newVillage, nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import {
  encodeUrlValue,
  HOSTILE_STRINGS,
  injectFault,
  type JsonSchema,
  mutate,
  RAW_BODIES,
  type Random,
  seededRandom,
  type ValueContext,
  validValue,
} from '../../harness/fuzz-values';

/**
 * Operations that change what every other test file reads (a tip's reward tier, a deadline): their
 * tables are restored after each call, or a valid-looking fuzz value (a tier of ¥0–1) makes another
 * file's reward proposal fail while both run.
 */
const OFFICE_WIDE = new Set(['PUT /api/reward-tiers/{category}', 'PUT /api/admin/settings']);

async function keepingOfficeWide<T>(
  op: { method: string; path: string },
  call: () => Promise<T>,
): Promise<T> {
  if (!OFFICE_WIDE.has(`${op.method} ${op.path}`)) return call();
  const [tiers, settings] = await Promise.all([db.select().from(rewardTiers), db.select().from(appSettings)]);
  try {
    return await call();
  } finally {
    await db.transaction(async (tx) => {
      await tx.delete(rewardTiers);
      if (tiers.length) await tx.insert(rewardTiers).values(tiers);
      await tx.delete(appSettings);
      if (settings.length) await tx.insert(appSettings).values(settings);
    });
  }
}

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const db = useTestDb();
let t: TestApp;

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: JsonSchema; required: boolean };
  secured: boolean;
}
type Caller = 'anonymous' | 'bad signature' | 'resident' | 'migrant' | 'reviewer' | 'publicity' | 'admin';
const SIGNED_IN: Caller[] = ['resident', 'migrant', 'reviewer', 'publicity', 'admin'];
/**
 * Mostly signed-in callers, and mostly the ones the operation is for: a refused sign-in or role
 * stops a request before its input is looked at.
 */
function pickCaller(r: Random, op: Operation): Caller {
  if (!op.secured) return r.pick(['anonymous', 'resident'] as const);
  if (r.chance(0.1)) return r.pick(['anonymous', 'bad signature'] as const);
  if (r.chance(0.3)) return r.pick(SIGNED_IN);
  if (op.path.startsWith('/api/review')) return r.pick(['reviewer', 'admin'] as const);
  if (op.path.startsWith('/api/certificates')) return 'migrant';
  if (/^\/api\/(campaigns|guide)\/?(?!published)/.test(op.path))
    return r.pick(['publicity', 'admin'] as const);
  return r.pick(SIGNED_IN);
}

const telegramIds = {} as Record<Exclude<Caller, 'anonymous' | 'bad signature'>, number>;
let ctx: ValueContext;
let operations: Operation[] = [];

beforeAll(async () => {
  // Limits out of the way: the fuzz is about what input reaches, not about throttling (tested apart).
  t = await createTestApp({ env: UNTHROTTLED_ENV });
  const village = await newVillage(db);
  const [township] = await db.select().from(townships);
  const people = [
    ['resident', 'resident', null],
    ['migrant', 'moved_away', null],
    ['reviewer', 'resident', [village.id]],
    ['publicity', 'resident', null],
    ['admin', 'resident', null],
  ] as const;
  const ids: string[] = [];
  for (const [caller, status, scope] of people) {
    telegramIds[caller] = nextTelegramId();
    const [row] = await db
      .insert(users)
      .values({
        telegramId: telegramIds[caller],
        displayName: `Fuzz ${caller}`,
        populationStatus: status,
        villageId: village.id,
      })
      .returning();
    ids.push(row!.id);
    if (caller === 'reviewer' || caller === 'publicity' || caller === 'admin')
      await db.insert(officerRoles).values({
        userId: row!.id,
        townshipId: township!.id,
        role: caller,
        villageIds: scope ? [...scope] : null,
      });
  }
  // Records of the fuzz users, so uuid parameters sometimes reach a real row.
  const application = await json<{ id: string }>(
    await t.call('POST', '/api/certificates/applications', { as: telegramIds.migrant }),
  );
  const campaign = await json<{ id: string }>(
    await t.call('POST', '/api/campaigns', {
      as: telegramIds.publicity,
      body: { title: 'Fuzz', topic: 'family_support', audience: { villageIds: [village.id] } },
    }),
  );
  const doc = await json<{ paths: Record<string, Record<string, RawOperation>>; components?: Components }>(
    await t.call('GET', '/api/openapi.json'),
  );
  // FUZZ_ONLY=<text> narrows the run to operations whose path contains it (to replay one finding).
  operations = operationsOf(doc).filter((op) => op.path.includes(process.env.FUZZ_ONLY ?? ''));
  const schemas = doc.components?.schemas ?? {};
  ctx = {
    r: seededRandom(SEED),
    resolve: (ref) => schemas[ref.replace('#/components/schemas/', '')] ?? {},
    uuids: [application.id, campaign.id, ...ids],
    uuidFor: { applicationId: application.id, campaignId: campaign.id, userId: ids[0]! },
    ints: [village.id, 2_147_483_000],
  };
});

afterAll(async () => {
  await db.delete(guidePages).where(like(guidePages.slug, 'fuzz-%'));
});

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}
interface Components {
  schemas?: Record<string, JsonSchema>;
}

function operationsOf(doc: { paths: Record<string, Record<string, RawOperation>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(type && content
          ? { body: { type, schema: content.schema, required: op.requestBody?.required ?? false } }
          : {}),
        secured: (op.security?.length ?? 0) > 0,
      };
    }),
  );
}

/** One path or query value: usually what the schema wants, often hostile. */
function urlValue(p: Parameter, r: Random): string {
  if (r.chance(0.25)) {
    const hostile = r.pick([
      ...HOSTILE_STRINGS,
      '%',
      '%zz',
      '%ED%A0%80',
      '%C0%80',
      '2147483648',
      '-2147483649',
    ]);
    return hostile.startsWith('%') ? hostile : encodeUrlValue(hostile);
  }
  return encodeUrlValue(String(validValue(p.schema, ctx, p.name)));
}

function buildUrl(op: Operation, r: Random): string {
  let path = `${op.path}`;
  for (const p of op.parameters.filter((p) => p.in === 'path'))
    path = path.replace(`{${p.name}}`, urlValue(p, r));
  const query: string[] = [];
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    if (r.chance(p.required ? 0.9 : 0.6)) query.push(`${p.name}=${urlValue(p, r)}`);
    if (r.chance(0.05)) query.push(`${p.name}=${urlValue(p, r)}`); // repeated key
  }
  if (r.chance(0.05)) query.push(`${encodeUrlValue(r.pick(HOSTILE_STRINGS))}=1`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** A body and its content type: generated from the schema (mutated or not), raw junk, or none. */
function buildBody(op: Operation, r: Random): { body?: BodyInit; type?: string } {
  const roll = r.next();
  if (!op.body) {
    if (roll < 0.15) return { body: JSON.stringify(mutate({}, r)), type: 'application/json' };
    return {};
  }
  if (op.body.type === 'multipart/form-data') return multipart(op, r);
  if (roll < 0.06) return { body: r.pick(RAW_BODIES), type: 'application/json' };
  if (roll < 0.1) return { type: 'application/json' };
  if (roll < 0.13) return { body: JSON.stringify(validValue(op.body.schema, ctx)), type: 'text/plain' };
  if (roll < 0.15) return { body: 'a=1&b=%00', type: 'application/x-www-form-urlencoded' };
  if (roll < 0.16) return { body: `{"x":"${'y'.repeat(600_000)}"}`, type: 'application/json' };
  if (roll < 0.18)
    return { body: JSON.stringify(validValue(op.body.schema, ctx)), type: 'application/json; charset=utf-8' };
  const value = validValue(op.body.schema, ctx);
  if (roll < 0.3) return { body: JSON.stringify(value), type: 'application/json' };
  if (roll < 0.45) return { body: JSON.stringify(mutate(value, r)), type: 'application/json' };
  return { body: JSON.stringify(injectFault(value, r)), type: 'application/json' };
}

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

function multipart(op: Operation, r: Random): { body?: BodyInit; type?: string } {
  if (r.chance(0.1)) return { body: JSON.stringify({ kind: 'id_card' }), type: 'application/json' };
  const form = new FormData();
  const props = op.body?.schema.properties ?? {};
  for (const [key, schema] of Object.entries(props)) {
    if (key === 'file') {
      if (r.chance(0.8))
        form.append('file', new Blob([r.pick([JPEG, PDF, new Uint8Array([1, 2, 3])])]), 'x.jpg');
      else if (r.chance(0.5)) form.append('file', r.pick(HOSTILE_STRINGS));
    } else if (r.chance(0.9)) {
      form.append(key, r.chance(0.5) ? String(validValue(schema, ctx, key)) : r.pick(HOSTILE_STRINGS));
    }
  }
  if (r.chance(0.1)) form.append('extra', '\u0000');
  return { body: form };
}

async function authorization(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  if (caller === 'bad signature') return `${await t.authFor(telegramIds.resident)}0`;
  return t.authFor(telegramIds[caller]);
}

interface Finding {
  request: string;
  status: number;
  body: string;
}

const ERROR_SHAPE = {
  error: expect.objectContaining({
    code: expect.any(String),
    message: expect.any(String),
    requestId: expect.any(String),
  }),
};

function shapeProblem(status: number, contentType: string, body: string): string | undefined {
  if (status < 400) return undefined;
  if (status >= 500) return 'server error';
  if (!contentType.includes('application/json')) return `4xx as ${contentType}`;
  try {
    const parsed = JSON.parse(body) as { error?: { fields?: unknown } };
    expect(parsed).toMatchObject(ERROR_SHAPE);
    if (parsed.error?.fields !== undefined)
      expect(parsed.error.fields).toEqual(
        expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]),
      );
    return undefined;
  } catch {
    return 'not the error shape';
  }
}

describe('the API under fuzzing (OpenAPI-driven, fixed seed)', () => {
  it('answers every operation, for every caller and input, without a 5xx and with the one error shape', async () => {
    const r = ctx.r;
    const perOperation = Math.ceil(REQUESTS / operations.length);
    const histogram: Record<string, number> = {};
    const reached = new Set<string>();
    const findings: Finding[] = [];
    const started = Date.now();
    let sent = 0;
    for (let round = 0; round < perOperation; round++) {
      for (const op of operations) {
        const caller = pickCaller(r, op);
        const url = buildUrl(op, r);
        // GET and DELETE may carry a body in HTTP, but fetch's Request refuses one for GET.
        const { body, type } = op.method === 'GET' ? {} : buildBody(op, r);
        const headers: Record<string, string> = {
          'Accept-Language': r.pick(['zh-CN', 'en', 'zh-TW', '\u00ff']),
        };
        const auth = await authorization(caller);
        if (auth) headers.Authorization = auth;
        if (type) headers['Content-Type'] = type;
        const res = await keepingOfficeWide(op, async () =>
          t.app.request(url, { method: op.method, headers, body }, t.env),
        );
        const text = await res.text();
        sent++;
        histogram[res.status] = (histogram[res.status] ?? 0) + 1;
        if (process.env.FUZZ_DEBUG === 'all')
          console.log(
            `REQ ${res.status} ${caller} ${op.method} ${url.slice(0, 100)} ${String(body).slice(0, 200)} → ${text.slice(0, 150)}`,
          );
        reached.add(`${op.method} ${op.path}`);
        const problem = shapeProblem(res.status, res.headers.get('content-type') ?? '', text);
        if (problem)
          findings.push({
            request: `${caller} ${op.method} ${url.slice(0, 200)} ${type ?? ''} ${String(typeof body === 'string' ? body : '').slice(0, 200)}`,
            status: res.status,
            body: `${problem}: ${text.slice(0, 300)}`,
          });
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: seed ${SEED}, ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s; ` +
        `status histogram ${JSON.stringify(histogram)}; 5xx: ${findings.filter((f) => f.status >= 500).length}`,
    );
    expect(reached.size).toBe(operations.length);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    if (process.env.FUZZ_DEBUG)
      for (const f of findings)
        console.log(`FINDING ${f.status} ${f.request.slice(0, 300)} → ${f.body.slice(0, 200)}`);
    expect(findings.slice(0, 20)).toEqual([]);
  }, 600_000);
});
