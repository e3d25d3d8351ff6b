// Tip-offs under attack and under a privacy audit: 1,000 wrong receipts in a row (what they meet),
// and a dump of every table, the logs, the queue and the stored objects after submitting through the
// public API and the mini app API — no trace of who sent it.
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { jpegWithGps } from '../../fixtures/certificates';
import { createTestApp, type TestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import { approvedReward, aTip } from '../../harness/tip-flow';

const BANK_HOLDER = '探针户名';
const BANK_ACCOUNT = '6228480099887766554';

const db = useTestDb();
const clock = fixedClock('2026-11-26T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterEach(() => vi.restoreAllMocks());

const from = (ip: string, ua = 'Mozilla/5.0 (test)') => ({ 'CF-Connecting-IP': ip, 'User-Agent': ua });
const wrongReceipt = (i: number) => String(1_000_000_000_000_000 + i * 7919).slice(0, 16);

describe('1,000 wrong receipts in a row', () => {
  it('meet 404 ten times, then 429 with a growing lockout, never a 5xx; the right receipt still works', async () => {
    const submitted = await t.call('POST', '/api/public/tips', {
      body: aTip(),
      headers: from('198.51.100.9'),
    });
    expect(submitted.status).toBe(201);
    const { receipt } = (await submitted.json()) as { receipt: string };
    const statuses = new Map<number, number>();
    const retryAfter: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const res = await t.call('POST', '/api/public/tips/lookup', {
        body: { receipt: wrongReceipt(i) },
        headers: from('203.0.113.50'),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429 && retryAfter.length === 0)
        retryAfter.push(Number(res.headers.get('Retry-After')));
    }
    expect(Object.fromEntries(statuses)).toEqual({ 404: 10, 429: 990 });
    expect(retryAfter[0]).toBe(3600);
    // A locked-out network is refused before it tries, even with the right receipt…
    const locked = await t.call('POST', '/api/public/tips/lookup', {
      body: { receipt },
      headers: from('203.0.113.50'),
    });
    expect(locked.status).toBe(429);
    // …while the owner elsewhere is not affected.
    const owner = await t.call('POST', '/api/public/tips/lookup', {
      body: { receipt },
      headers: from('198.51.100.9'),
    });
    expect(owner.status).toBe(200);
    // After the lockout: ten more wrong ones earn a lockout twice as long.
    clock.advance(3600_000 + 1000);
    for (let i = 0; i < 10; i++) {
      const res = await t.call('POST', '/api/public/tips/lookup', {
        body: { receipt: wrongReceipt(2000 + i) },
        headers: from('203.0.113.50'),
      });
      expect(res.status).toBe(404);
    }
    const second = await t.call('POST', '/api/public/tips/lookup', {
      body: { receipt: wrongReceipt(3000) },
      headers: from('203.0.113.50'),
    });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('Retry-After'))).toBe(7200);
    clock.advance(7200_000 + 1000);
    const right = await t.call('POST', '/api/public/tips/lookup', {
      body: { receipt },
      headers: from('203.0.113.50'),
    });
    expect(right.status).toBe(200);
  }, 120_000);

  it('throttles submissions per client network', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.call('POST', '/api/public/tips', { body: aTip(), headers: from('192.0.2.77') });
      codes.push(res.status);
    }
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });
});

describe('the privacy dump after submitting through the public API and the mini app API', () => {
  it('finds no Telegram id, user id, address or user agent of the reporter, except the opt-in link', async () => {
    clock.advance(86_400_000);
    const IP = '203.0.113.199';
    const UA = 'PrivacyProbe/9.9 (reporter device)';
    const TG = 987_654_321;
    const logs: string[] = [];
    for (const m of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => logs.push(args.map(String).join(' ')));
    // The mini app reporter has opened the app before (their account exists apart from any tip).
    expect((await t.call('GET', '/api/me', { as: TG })).status).toBe(200);
    const [user] = await db.execute<{ id: string }>(sql`select id from users where telegram_id = ${TG}`);
    const userId = user!.id;
    const before = await dump();
    const jobsBefore = t.jobs.sent.length;
    const objectsBefore = new Set(t.files.objects.keys());

    const web = await t.call('POST', '/api/public/tips', { body: aTip(), headers: from(IP, UA) });
    expect(web.status).toBe(201);
    const { receipt } = (await web.json()) as { receipt: string };
    const f = new FormData();
    f.set('receipt', receipt);
    f.set('file', new File([jpegWithGps() as Uint8Array<ArrayBuffer>], 'IMG_0001.jpg'));
    expect(
      (await t.call('POST', '/api/public/tips/attachments', { body: f, headers: from(IP, UA) })).status,
    ).toBe(201);
    expect(
      (
        await t.call('POST', '/api/public/tips/messages', {
          body: { receipt, text: '补充说明。' },
          headers: from(IP, UA),
        })
      ).status,
    ).toBe(201);
    const mini = await t.call('POST', '/api/tips', {
      as: TG,
      body: { tip: aTip({ category: 'illegal_fees' }), notify: false },
      headers: from(IP, UA),
    });
    expect(mini.status).toBe(201);
    const withLink = await t.call('POST', '/api/tips', {
      as: TG,
      body: { tip: aTip({ category: 'abortion_drug_sales' }), notify: true },
      headers: from(IP, UA),
    });
    expect(withLink.status).toBe(201);
    // Claiming a reward (either way) and reading the chat switch keep nothing of the reporter either;
    // the bank details are sealed, never readable in the database.
    const rewarded = await approvedReward(t);
    const claim = (body: Record<string, unknown>) =>
      t.call('POST', '/api/public/tips/reward/claim', {
        body: { receipt: rewarded.tip.receipt, ...body },
        headers: from(IP, UA),
      });
    expect((await claim({ method: 'in_person' })).status).toBe(200);
    expect(
      (
        await claim({
          method: 'bank_transfer',
          accountName: BANK_HOLDER,
          bankName: '农业银行',
          accountNumber: BANK_ACCOUNT,
        })
      ).status,
    ).toBe(200);
    const state = await t.call('POST', '/api/tips/notifications/state', {
      as: TG,
      body: { receipt },
      headers: from(IP, UA),
    });
    expect(state.status).toBe(200);

    const after = await dump();
    const added = after.filter((row) => !before.includes(row));
    expect(added.length).toBeGreaterThan(5);
    const secrets = [IP, UA, 'PrivacyProbe', String(TG), userId, BANK_HOLDER, BANK_ACCOUNT];
    const offending = added.filter((row) => secrets.some((s) => row.includes(s)));
    // The one allowed place: the opt-in link of the tip sent with notify=true, while it exists.
    expect(offending).toHaveLength(1);
    expect(offending[0]).toMatch(/^tip_notification_links /);
    expect(offending[0]).toContain(String(TG));
    const jobs = JSON.stringify(t.jobs.sent.slice(jobsBefore));
    const objects = [...t.files.objects.entries()]
      .filter(([k]) => !objectsBefore.has(k))
      .map(([k, v]) => `${k} ${v.contentType}`)
      .join('\n');
    for (const s of secrets) {
      expect(jobs).not.toContain(s);
      expect(objects).not.toContain(s);
      expect(logs.join('\n')).not.toContain(s);
    }
    expect(objects).toMatch(/^files\/tips\//);
  });
});

/** Every row of every table as text ('<table> <json>'), like a pg_dump of the data. */
async function dump(): Promise<string[]> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const rows: string[] = [];
  for (const { table_name } of tables) {
    if (table_name === 'users') continue; // the mini app account exists apart from any tip (checked above: no tip names it)
    const result = await db.execute<{ r: string }>(
      sql`select row_to_json(t)::text as r from ${sql.identifier(table_name)} t`,
    );
    for (const { r } of result) rows.push(`${table_name} ${r}`);
  }
  return rows;
}
