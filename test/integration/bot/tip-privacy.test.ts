// The bot channel's privacy promise, checked on everything the system keeps: after a tip is sent
// through the bot by a real Telegram user (with chat notifications on), every table, the captured
// logs, the queue payloads and the stored objects' keys and metadata are searched for the person's
// Telegram id, user id and receipt. The only place the chat id may appear is the opt-in notification
// link, and only until the case closes.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actOnTip } from '../../../core/tipoffs/act-on-tip';
import { listTipQueue } from '../../../core/tipoffs/list-tip-queue';
import { ZTipActionSchema } from '../../../core/tipoffs/tipoff-schema';
import { loadActor } from '../../../core/users/load-actor';
import { users } from '../../../db/schema';
import { nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';
import { reportThroughChat } from '../../harness/tip-chat';

const db = useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;
const logs: string[] = [];
const HANDLER = 900004;

beforeAll(async () => {
  t = await createTestApp({ env: UNTHROTTLED_ENV });
  bot = botDriver(t);
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
});
afterAll(() => vi.restoreAllMocks());

/** Every row of every table in the public schema, as JSON text, by table. */
async function dumpAllTables(): Promise<Map<string, Set<string>>> {
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { table_name: string }[];
  const dump = new Map<string, Set<string>>();
  for (const { table_name } of tables) {
    const rows = (await db.execute(
      sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`,
    )) as unknown as { row: string }[];
    dump.set(table_name, new Set(rows.map((r) => r.row)));
  }
  return dump;
}

/** Rows that are new or changed since `before`, as `table: row`. */
function newRows(before: Map<string, Set<string>>, after: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const [table, rows] of after) {
    const old = before.get(table) ?? new Set<string>();
    for (const row of rows) if (!old.has(row)) out.push(`${table}: ${row}`);
  }
  return out;
}

describe('a tip sent through the bot leaves no trace of who sent it', () => {
  it('keeps the chat only in the opt-in link, and nothing at all once the case is closed', async () => {
    const user = { id: nextTelegramId(), first_name: 'Reporter', language_code: 'zh-hans' };
    await bot.send(user, '/start'); // the person exists before reporting (registered on first contact)
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, user.id));
    const userId = row!.id;
    const before = await dumpAllTables();
    const jobsBefore = t.jobs.sent.length;
    const objectsBefore = new Set(t.files.objects.keys());
    const logsBefore = logs.length;

    const { replies } = await reportThroughChat(
      bot,
      db,
      user,
      'zh-CN',
      '某诊所用B超给孕妇做胎儿性别鉴定，每次收费800元。',
      { notify: true },
    );
    const receipt = /(\d{4} \d{4} \d{4} \d{4})/
      .exec(replies.map((m) => m.text ?? '').join('\n'))![1]!
      .replace(/ /g, '');
    const secrets = [String(user.id), userId, receipt];
    const found = (texts: string[]) => texts.filter((x) => secrets.some((s) => x.includes(s)));

    const afterSubmit = newRows(before, await dumpAllTables());
    expect(afterSubmit.some((r) => r.startsWith('tips:'))).toBe(true);
    // Only the notification link holds the chat id (it is the person's chat: that is its purpose).
    const holding = found(afterSubmit);
    expect(holding.length).toBe(1);
    expect(holding[0]).toMatch(/^tip_notification_links: /);
    expect(holding[0]).not.toContain(userId);
    expect(holding[0]).not.toContain(receipt);

    const queued = t.jobs.sent.slice(jobsBefore).map((j) => JSON.stringify(j));
    expect(found(queued)).toEqual([]);
    const objects = [...t.files.objects.entries()]
      .filter(([key]) => !objectsBefore.has(key))
      .map(([key, o]) => `${key} ${o.contentType ?? ''}`);
    expect(objects.length).toBeGreaterThan(0); // the photo
    expect(found(objects)).toEqual([]);
    expect(found(logs.slice(logsBefore))).toEqual([]);

    // The case handler takes the case to its end; the closing notice goes out and the link goes.
    const deps = t.services().deps;
    const handler = (await loadActor({ deps, telegramId: HANDLER }))!;
    const queue = await listTipQueue({ deps, actor: handler, query: { state: 'all' } });
    const number = Number(/\d+/.exec(replies.find((m) => m.text?.includes(receipt.slice(0, 4)))!.text!)![0]);
    const tip = queue.items.find((i) => i.number === number)!;
    expect(tip).toBeDefined();
    for (const action of ['acknowledge', 'accept', 'investigate', 'unsubstantiate', 'close']) {
      await actOnTip({
        deps: t.services().deps,
        actor: handler,
        tipId: tip.id,
        input: ZTipActionSchema.parse({ action, note: `step ${action}` }),
      });
    }
    await t.drainJobs();
    const notified = bot.callsTo(user.id).filter((c) => c.method === 'sendMessage');
    expect(notified.length).toBeGreaterThan(0);

    const afterClose = newRows(before, await dumpAllTables());
    expect(found(afterClose)).toEqual([]);
    expect(found(t.jobs.sent.slice(jobsBefore).map((j) => JSON.stringify(j)))).toEqual([]);
    expect(found(logs.slice(logsBefore))).toEqual([]);
  });
});
