// The broadcast engine against the Telegram sandbox enforcing Telegram's limits (global = the rate,
// 1 message per second per chat), with 2 % injected failures (1 % 429 retry_after 1 s, 0.5 % 500,
// 0.5 % 502): achieved rate ÷ limit, duplicates, losses and peak memory, side by side with what a
// grammY user would write (a loop over the recipients with @grammyjs/auto-retry). Rewrites the
// "Broadcast engine" section of bench/RESULTS.md.
//
//   npm run bench:broadcast                      # 30/s × 1,800 and 1000/s × 20,000, engine and loop
//   npm run bench:broadcast -- --only 30         # one scenario
//   npm run bench:broadcast -- --worker          # also the 30/s engine run through the real Worker
//   BENCH_N1000=40000 BENCH_SECTION='Broadcast engine, larger audience' npm run bench:broadcast -- --only 1000 --engine-only
//   BENCH_MIX=blocked BENCH_SECTION='Broadcast engine through the Worker' npm run bench:broadcast -- --only 1000 --worker-only
//                                                # the Worker alone, at the scenario's rate and audience,
//                                                # with 2 % 502 once and 1 % of the chats blocked (403)
//
// The engine run is the real code path minus Cloudflare: core/campaigns (materialise, send batches,
// sweeper), the grammY sender of bot/campaign-sender.ts, the SlotScheduler the Durable Object runs,
// and a queue simulator with the Queue's contract (delays, at-least-once, concurrent consumers). The
// sandbox runs in a child process, so the memory figures are the engine's alone. `--worker` sends
// through `wrangler dev` (the Worker, its Queue consumer and the governor Durable Object in workerd)
// and reports the workerd process's peak RSS.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { autoRetry } from '@grammyjs/auto-retry';
import { eq, sql } from 'drizzle-orm';
import { Bot } from 'grammy';
import { consumeJobs } from '../api/queue';
import { buildServices } from '../api/services';
import { signInitData } from '../core/auth/init-data';
import { localGovernor } from '../core/campaigns/governor';
import type { SlotReport } from '../core/campaigns/slot-scheduler';
import { startCampaign } from '../core/campaigns/start-campaign';
import { sweepCampaigns } from '../core/campaigns/sweep-campaigns';
import type { JobQueue } from '../core/notifications/jobs';
import { createDb, type Db } from '../db/client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded-server';
import { migrateDatabase } from '../db/migrate';
import { campaigns, campaignVariants, townships, users, villages } from '../db/schema';
import { seedDemoData } from '../db/seed';
import {
  LOCAL_BOT_INFO,
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_WEBHOOK_SECRET,
} from '../scripts/local-config';
import { startStack } from '../scripts/stack';
import { writeResultsSection } from './results-file';

const SCENARIOS = [
  { rate: 30, recipients: Number(process.env.BENCH_N30 ?? 1800) },
  { rate: 1000, recipients: Number(process.env.BENCH_N1000 ?? 20_000) },
];
const FAILURE_SHARE = Number(process.env.BENCH_FAILURES ?? 0.02);
/** 'blocked': FAILURE_SHARE of the recipients answered 502 once and 1 % blocked (403 every time). */
const MIX = process.env.BENCH_MIX === 'blocked' ? 'blocked' : 'default';
const BLOCKED_SHARE = 0.01;
const TARGET = 0.97;
const TEXT = '<b>免费孕前优生健康检查</b>开始预约：夫妇双方携带身份证到村卫生室登记，全程免费。';

interface RunResult {
  mode: string;
  rate: number;
  recipients: number;
  wallSeconds: number;
  steadyRatio: number;
  fullRatio: number;
  own429: number;
  injected: number;
  duplicates: number;
  lost: number;
  /** First message → 99 % of the reachable recipients (not blocked) have theirs. */
  p99Seconds: number;
  peakHeapMb: number | null;
  /** Heap after full collections: the memory actually held (null when not measurable). */
  liveHeapMb: number | null;
  peakRssMb: number;
}

interface Summary {
  calls: number;
  byStatus: Record<string, number>;
  okPerChat: Record<string, number>;
  okTimes: number[];
  unusedFailures: Record<string, number>;
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? Number(args[args.indexOf('--only') + 1]) : undefined;
const viaWorker = args.includes('--worker');
const workerOnly = args.includes('--worker-only');
const withLoop = !args.includes('--engine-only');

// ---------------------------------------------------------------------------------------------------
// The sandbox and the queue in child processes

/** Starts `script` with tsx; it prints one JSON line (its address) on stdout when it is ready. */
async function startChild<T>(script: string): Promise<T & { stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
    });
    child.once('exit', () => reject(new Error(`${script} exited`)));
  });
  return {
    ...ready,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const startSandbox = () => startChild<{ apiRoot: string }>('bench/sandbox-process.ts');

/**
 * The BROADCAST queue as the engine sees it in production: the backlog lives in another process
 * (bench/queue-process.ts), consumers get batches of at most `batchSize` messages, run the Worker's
 * queue handler (api/queue.ts consumeJobs) on them and acknowledge or retry each message.
 */
async function remoteQueue() {
  const q = await startChild<{ url: string }>('bench/queue-process.ts');
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${q.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`queue ${path}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  const queue: JobQueue = {
    send: (body, o) => post('/send', [{ body, delaySeconds: o?.delaySeconds ?? 0 }]),
    sendBatch: (messages) => post('/send', [...messages]),
  };
  return {
    queue,
    stop: q.stop,
    stats: async () =>
      (await (await fetch(`${q.url}/stats`)).json()) as {
        backlog: number;
        inFlight: number;
        peakBacklog: number;
      },
    /** Runs up to `invocations` consumer invocations at once until `until()` says stop. */
    async consume(o: {
      handler: (batch: MessageBatch<unknown>) => Promise<void>;
      invocations: number;
      batchSize: number;
      until: () => Promise<boolean>;
      timeoutMs: number;
    }): Promise<void> {
      const deadline = Date.now() + o.timeoutMs;
      const running = new Set<Promise<void>>();
      while (!(await o.until())) {
        if (Date.now() > deadline) throw new Error('the campaign did not finish in time');
        if (running.size >= o.invocations) {
          await Promise.race(running);
          continue;
        }
        const { messages } = (await post('/pull', { max: o.batchSize, waitMs: 50 })) as {
          messages: { id: number; attempts: number; body: unknown }[];
        };
        if (messages.length === 0) continue;
        const invocation = (async () => {
          const acks = new Set<number>();
          const retries = new Map<number, number>();
          const batch = {
            queue: 'township-broadcast',
            messages: messages.map((m) => ({
              id: String(m.id),
              timestamp: new Date(),
              body: m.body,
              attempts: m.attempts,
              ack: () => acks.add(m.id),
              retry: (r?: { delaySeconds?: number }) => retries.set(m.id, r?.delaySeconds ?? 0),
            })),
            ackAll: () => {
              for (const m of messages) acks.add(m.id);
            },
            retryAll: (r?: { delaySeconds?: number }) => {
              for (const m of messages) retries.set(m.id, r?.delaySeconds ?? 0);
            },
          } as unknown as MessageBatch<unknown>;
          let failed = false;
          try {
            await o.handler(batch);
          } catch {
            failed = true;
          }
          // As Queues do: what the handler did not settle is acknowledged, or retried if it threw.
          for (const m of messages)
            if (!acks.has(m.id) && !retries.has(m.id)) failed ? retries.set(m.id, 0) : acks.add(m.id);
          await post('/settle', {
            acks: [...acks].filter((id) => !retries.has(id)),
            retries: [...retries].map(([id, delaySeconds]) => ({ id, delaySeconds })),
          });
        })();
        running.add(invocation);
        void invocation.finally(() => running.delete(invocation));
      }
      await Promise.allSettled([...running]);
    },
  };
}

async function control(apiRoot: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${apiRoot}/__sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status}`);
}

async function summary(apiRoot: string): Promise<Summary> {
  return (await (await fetch(`${apiRoot}/__sandbox/summary?method=sendMessage`)).json()) as Summary;
}

// ---------------------------------------------------------------------------------------------------
// Data

async function recipientsIn(db: Db, count: number): Promise<{ villageId: number; chats: number[] }> {
  const [township] = await db.select().from(townships).where(eq(townships.code, 'demo'));
  const code = `bench${Date.now().toString(36)}`;
  const [village] = await db
    .insert(villages)
    .values({ townshipId: township!.id, code, name: code })
    .returning();
  const chats: number[] = [];
  const base = 2_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
  for (let i = 0; i < count; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
      telegramId: base + i + k,
      displayName: `B${i + k}`,
      villageId: village!.id,
    }));
    await db.insert(users).values(rows);
    chats.push(...rows.map((r) => r.telegramId));
  }
  return { villageId: village!.id, chats };
}

async function approvedCampaign(db: Db, villageId: number): Promise<string> {
  const [author] = await db.select().from(users).where(eq(users.telegramId, 900003));
  const [approver] = await db.select().from(users).where(eq(users.telegramId, 900007));
  const [campaign] = await db
    .insert(campaigns)
    .values({
      title: 'bench',
      topic: 'pre_pregnancy_checkup',
      status: 'approved',
      audience: { villageIds: [villageId], languages: [], statuses: [] },
      createdBy: author!.id,
      approvedBy: approver!.id,
      approvedAt: new Date(),
    })
    .returning();
  await db.insert(campaignVariants).values({ campaignId: campaign!.id, language: 'zh-CN', text: TEXT });
  return campaign!.id;
}

interface Injected {
  total: number;
  r429: number;
  chats429: Set<number>;
  /** Chats that answer 403 every time: never reachable, not counted as lost. */
  blocked: Set<number>;
}

/**
 * Default: 2 % of the recipients fail once, half with 429 (retry_after 1 s), half with 500 or 502.
 * BENCH_MIX=blocked: 2 % answer 502 once and 1 % have blocked the bot (403, every time).
 */
async function injectFailures(apiRoot: string, chats: number[]): Promise<Injected> {
  const shuffled = [...chats].sort(() => Math.random() - 0.5);
  const picked = shuffled.slice(0, Math.round(chats.length * FAILURE_SHARE));
  const blocked =
    MIX === 'blocked' ? shuffled.slice(picked.length, picked.length + chats.length * BLOCKED_SHARE) : [];
  const rules = [
    ...picked.map((chatId, i) => ({
      chatId,
      method: 'sendMessage',
      status: MIX === 'blocked' ? 502 : i % 2 === 0 ? 429 : i % 4 === 1 ? 500 : 502,
      retryAfter: 1,
      times: 1,
    })),
    ...blocked.map((chatId) => ({ chatId, method: 'sendMessage', status: 403, times: 1000 })),
  ];
  for (let i = 0; i < rules.length; i += 1000) await control(apiRoot, 'failures', rules.slice(i, i + 1000));
  const r429 = rules.filter((r) => r.status === 429);
  return {
    total: rules.length,
    r429: r429.length,
    chats429: new Set(r429.map((r) => r.chatId)),
    blocked: new Set(blocked),
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/**
 * Peak heap and RSS of this process, sampled every 100 ms (garbage included), and the live heap: the
 * heap right after each full garbage collection V8 ran on its own (none is forced during the run)
 * and after one forced at the end, before anything is released — the memory the run really holds.
 */
function memorySampler(options: { rssOf?: () => number } = {}) {
  // Another process (the Worker's workerd): its RSS only, V8's heap is not visible from outside.
  const own = !options.rssOf;
  let peakHeap = 0;
  let peakRss = 0;
  let peakLive = 0;
  const tick = () => {
    if (!own) {
      peakRss = Math.max(peakRss, options.rssOf!());
      return;
    }
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  if (own) fullGc();
  tick();
  const timer = setInterval(tick, 100);
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR)
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
  });
  if (own) gcs.observe({ entryTypes: ['gc'] });
  return {
    async stop(): Promise<Pick<RunResult, 'peakHeapMb' | 'peakRssMb' | 'liveHeapMb'>> {
      clearInterval(timer);
      tick();
      if (!own) return { peakHeapMb: null, liveHeapMb: null, peakRssMb: mb(peakRss) };
      fullGc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      // Let the observer see the collections of the last moments.
      await new Promise((r) => setTimeout(r, 50));
      gcs.disconnect();
      return { peakHeapMb: mb(peakHeap), liveHeapMb: mb(peakLive), peakRssMb: mb(peakRss) };
    },
  };
}

/** A full collection (the flag is set at start-up, so this works without `node --expose-gc`). */
const fullGc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function figures(
  s: Summary,
  chats: number[],
  rate: number,
  injected: Injected,
): Pick<RunResult, 'steadyRatio' | 'fullRatio' | 'own429' | 'duplicates' | 'lost' | 'p99Seconds'> {
  const times = [...s.okTimes].sort((a, b) => a - b);
  const ratio = (k: number) => (k < 2 ? 0 : (k - 1) / ((times[k - 1]! - times[0]!) / 1000) / rate);
  const injected429Used = injected.r429 - (s.unusedFailures['429'] ?? 0);
  let duplicates = 0;
  let lost = 0;
  for (const chat of chats) {
    const n = s.okPerChat[String(chat)] ?? 0;
    if (n === 0 && !injected.blocked.has(chat)) lost += 1;
    else if (n > 1) duplicates += n - 1;
  }
  const served99 = Math.ceil((chats.length - injected.blocked.size) * 0.99);
  return {
    // Steady state: from the first message until 99 % of the recipients have theirs (the last 1 %
    // are mostly retries waiting out their backoff); full: first to last message.
    steadyRatio: ratio(served99),
    fullRatio: ratio(times.length),
    own429: (s.byStatus['429'] ?? 0) - injected429Used,
    duplicates,
    lost,
    p99Seconds:
      times.length < served99 ? Number.POSITIVE_INFINITY : (times[served99 - 1]! - times[0]!) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------
// Runs

async function runEngine(url: string, rate: number, count: number, embedded: boolean): Promise<RunResult> {
  const sandbox = await startSandbox();
  const broadcast = await remoteQueue();
  const handle = createDb(url, { max: embedded ? 1 : 6 });
  try {
    await control(sandbox.apiRoot, 'limits', { globalPerSecond: rate, perChatPerSecond: 1 });
    const { villageId, chats } = await recipientsIn(handle.db, count);
    const campaignId = await approvedCampaign(handle.db, villageId);
    const injected = await injectFailures(sandbox.apiRoot, chats);
    const governor = localGovernor({ ratePerSecond: rate });
    const debug = process.env.BENCH_DEBUG ? debugProbe(governor) : undefined;
    const noop = { send: async () => {}, sendBatch: async () => {} };
    const env = {
      APP_ENV: 'test',
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
      TELEGRAM_BOT_USERNAME: LOCAL_BOT_INFO.username,
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
      CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
      BROADCAST_RATE_PER_SECOND: String(rate),
      PUBLIC_URL: 'https://township.example',
      FILES: { put: async () => ({}), get: async () => null, delete: async () => {} },
      JOBS: noop,
      BROADCAST: broadcast.queue,
    };
    // One set of services per consumer invocation, as the Worker builds them per queue batch.
    const services = () => buildServices(env, { governor, db: () => handle.db }, { requestId: 'bench' });
    const memory = memorySampler();
    const started = Date.now();
    await startCampaign({ deps: services().deps, campaignId, actorUserId: null });
    // The cron's sweeper, as in production (every minute there; more often here, it is cheap).
    const sweeper = setInterval(() => {
      void sweepCampaigns({ deps: services().deps, campaignIds: [campaignId] }).catch(() => {});
    }, 15_000);
    let lastCheck = 0;
    let done = false;
    await broadcast.consume({
      handler: (batch) => consumeJobs(batch, services()),
      // Batches of 4 as wrangler.toml configures; enough invocations for about two send jobs per
      // 50 messages a second in flight, to fill the governor's half-second horizon.
      batchSize: 4,
      invocations: Number(process.env.BENCH_INVOCATIONS ?? Math.max(2, Math.ceil(rate / 100))),
      until: async () => {
        if (Date.now() - lastCheck < 250) return done;
        lastCheck = Date.now();
        const [row] = await handle.db
          .select({ status: campaigns.status })
          .from(campaigns)
          .where(eq(campaigns.id, campaignId));
        done = row?.status === 'sent';
        return done;
      },
      timeoutMs: Math.max(300_000, (count / rate) * 3000),
    });
    clearInterval(sweeper);
    const wallSeconds = (Date.now() - started) / 1000;
    const mem = await memory.stop();
    const hold = governor.scheduler.holdStats();
    const s = await summary(sandbox.apiRoot);
    if (debug) await debug.print(s, sandbox.apiRoot, injected.chats429, await broadcast.stats());
    return {
      mode: `engine (Node, ${embedded ? 'PGlite' : 'PostgreSQL'}; mean hold ${hold.meanMs.toFixed(1)} ms)`,
      rate,
      recipients: count,
      wallSeconds,
      injected: injected.total,
      ...figures(s, chats, rate, injected),
      ...mem,
    };
  } finally {
    await handle.close();
    await broadcast.stop();
    await sandbox.stop();
  }
}

/**
 * BENCH_DEBUG=1: what the governor saw (slots, answers, refusals), the event loop's delay, the sends
 * per half second, and for every 429 the engine caused, what the window held.
 */
function debugProbe(governor: ReturnType<typeof localGovernor>) {
  const reports: SlotReport[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let replaced = 0;
  let acquires = 0;
  const realReport = governor.report.bind(governor);
  governor.report = async (r) => {
    reports.push(...r);
    return realReport(r);
  };
  const realReplace = governor.replace.bind(governor);
  governor.replace = async (request) => {
    reports.push(...request.reports);
    const g = await realReplace(request);
    if (g) replaced += 1;
    return g;
  };
  const realAcquire = governor.acquire.bind(governor);
  governor.acquire = async (request) => {
    acquires += 1;
    reports.push(...(request.reports ?? []));
    return realAcquire(request);
  };
  return {
    async print(s: Summary, apiRoot: string, injected429: Set<number>, queue: unknown) {
      loop.disable();
      const ms = (ns: number) => (ns / 1e6).toFixed(1);
      const answered = reports.filter((r) => r.completedAt !== undefined);
      const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
      const lags = answered.map((r) => r.completedAt! - r.at).sort((a, b) => a - b);
      console.log(
        `slot→answer ms p50 ${q(lags, 0.5)} p90 ${q(lags, 0.9)} p99 ${q(lags, 0.99)} max ${lags.at(-1)};`,
        `hold ${JSON.stringify(governor.scheduler.holdStats())}; acquire calls ${acquires}; replaced ${replaced}`,
      );
      console.log(
        `event loop delay ms p50 ${ms(loop.percentile(50))} p99 ${ms(loop.percentile(99))} max ${ms(loop.max)}`,
      );
      console.log('queue', JSON.stringify(queue), 'statuses', JSON.stringify(s.byStatus));
      const t = [...s.okTimes].sort((a, b) => a - b);
      const per: number[] = [];
      for (const x of t) {
        const k = Math.floor((x - t[0]!) / 500);
        per[k] = (per[k] ?? 0) + 1;
      }
      console.log('sent per 500 ms', per.join(' '));
      const { calls } = (await (await fetch(`${apiRoot}/__sandbox/calls`)).json()) as {
        calls: { at: number; status: number; params: { chat_id: number } }[];
      };
      const seen = new Set<number>();
      const okAt = calls.filter((c) => c.status === 200).map((c) => c.at);
      for (const c of calls) {
        if (c.status !== 429) continue;
        const injectedOne = injected429.has(c.params.chat_id) && !seen.has(c.params.chat_id);
        seen.add(c.params.chat_id);
        if (injectedOne) continue;
        const r = reports.find((x) => x.chatId === c.params.chat_id && x.outcome === 'rate_limited');
        console.log(
          `own 429 at +${c.at - t[0]!} ms: ${okAt.filter((a) => a > c.at - 1000 && a <= c.at).length} in the sandbox's window;`,
          r ? `slot +${r.at - t[0]!}, left +${r.sentAt! - r.at}, answered +${r.completedAt! - r.at}` : '',
        );
      }
    },
  };
}

async function runNaive(url: string, rate: number, count: number): Promise<RunResult> {
  const sandbox = await startSandbox();
  const handle = createDb(url, { max: 2 });
  try {
    await control(sandbox.apiRoot, 'limits', { globalPerSecond: rate, perChatPerSecond: 1 });
    const { villageId, chats } = await recipientsIn(handle.db, count);
    const injected = await injectFailures(sandbox.apiRoot, chats);
    const memory = memorySampler();
    const started = Date.now();
    // What a grammY user writes: load the recipients, loop, let auto-retry handle 429 and 5xx.
    const bot = new Bot(LOCAL_BOT_TOKEN, {
      botInfo: LOCAL_BOT_INFO as never,
      client: { apiRoot: sandbox.apiRoot },
    });
    bot.api.config.use(autoRetry());
    const recipients = await handle.db
      .select({ telegramId: users.telegramId })
      .from(users)
      .where(eq(users.villageId, villageId));
    for (const r of recipients) {
      try {
        await bot.api.sendMessage(r.telegramId, TEXT, { parse_mode: 'HTML' });
      } catch {
        // a permanent failure: nothing else to do in a simple loop
      }
    }
    const wallSeconds = (Date.now() - started) / 1000;
    const mem = await memory.stop();
    const s = await summary(sandbox.apiRoot);
    return {
      mode: 'for-loop + auto-retry',
      rate,
      recipients: count,
      wallSeconds,
      injected: injected.total,
      ...figures(s, chats, rate, injected),
      ...mem,
    };
  } finally {
    await handle.close();
    await sandbox.stop();
  }
}

/** Peak RSS of the workerd process(es) wrangler dev started (the Worker, its queue consumer, the DO). */
function workerdRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('workerd')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (rss) total += Number(rss) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function runWorker(url: string, rate: number, count: number): Promise<RunResult> {
  const stack = await startStack({
    databaseUrl: url,
    port: 8799,
    // BENCH_DEBUG=1: the Worker's log (each batch's outcome, every failure's code) on stdout.
    quiet: !process.env.BENCH_DEBUG,
    vars: { BROADCAST_RATE_PER_SECOND: String(rate) },
  });
  const handle = createDb(url, { max: 2 });
  try {
    const apiRoot = stack.sandbox!.apiRoot;
    stack.sandbox!.reset();
    stack.sandbox!.setRateLimits({ globalPerSecond: rate, perChatPerSecond: 1 });
    const { villageId, chats } = await recipientsIn(handle.db, count);
    const campaignId = await approvedCampaign(handle.db, villageId);
    const injected = await injectFailures(apiRoot, chats);
    const memory = memorySampler({ rssOf: workerdRss });
    const started = Date.now();
    const initData = await signInitData({
      user: { id: 900003, first_name: '陈宣传' },
      botToken: LOCAL_BOT_TOKEN,
      authDate: new Date(),
    });
    const res = await fetch(`${stack.url}/api/campaigns/${campaignId}/schedule`, {
      method: 'POST',
      headers: { Authorization: `tma ${initData}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`schedule answered ${res.status}: ${await res.text()}`);
    const deadline = Date.now() + Math.max(300_000, (count / rate) * 3000);
    let sweptAt = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await handle.db
        .select({ status: campaigns.status })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId));
      if (row?.status === 'sent') break;
      if (Date.now() > deadline) throw new Error('the Worker did not finish the campaign in time');
      // wrangler dev does not fire the cron by itself: once a minute, like production.
      if (Date.now() - sweptAt > 60_000) {
        sweptAt = Date.now();
        await fetch(`${stack.url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
      }
    }
    const wallSeconds = (Date.now() - started) / 1000;
    const mem = await memory.stop();
    const s = await summary(apiRoot);
    return {
      mode: 'engine (Worker: wrangler dev, Queue, Durable Object)',
      rate,
      recipients: count,
      wallSeconds,
      injected: injected.total,
      ...figures(s, chats, rate, injected),
      ...mem,
    };
  } finally {
    await handle.close();
    await stack.stop();
  }
}

// ---------------------------------------------------------------------------------------------------

const mbCell = (x: number | null) => (x === null ? '—' : `${x} MB`);

function table(results: RunResult[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    '| run | limit | recipients | time | rate ÷ limit (steady) | rate ÷ limit (first→last) | 99 % served after (target) | 429 from own pace | duplicates | lost | live heap | peak heap | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.mode} | ${r.rate}/s | ${r.recipients.toLocaleString('en')} | ${r.wallSeconds.toFixed(1)} s | **${pct(r.steadyRatio)}** | ${pct(r.fullRatio)} | ${r.p99Seconds.toFixed(1)} s (≤ ${((1.1 * r.recipients) / r.rate).toFixed(1)} s) | ${r.own429} | ${r.duplicates} | ${r.lost} | ${mbCell(r.liveHeapMb)} | ${mbCell(r.peakHeapMb)} | ${r.peakRssMb} MB |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | undefined;
  const configured = process.env.DATABASE_URL?.trim();
  if (!configured) embedded = await startEmbeddedPostgres();
  const url = configured || embedded!.url;
  await migrateDatabase(url);
  const seed = createDb(url);
  await seedDemoData(seed.db);
  const [before] = await seed.db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  await seed.close();
  console.log(`database: ${embedded ? 'embedded PGlite' : 'DATABASE_URL'} (${before?.n} users before)`);

  const results: RunResult[] = [];
  try {
    for (const s of SCENARIOS.filter((x) => only === undefined || x.rate === only)) {
      if (workerOnly) {
        const worker = await runWorker(url, s.rate, s.recipients);
        console.log(table([worker]));
        results.push(worker);
        continue;
      }
      const engine = await runEngine(url, s.rate, s.recipients, Boolean(embedded));
      console.log(table([engine]));
      results.push(engine);
      if (!withLoop) continue;
      const naive = await runNaive(url, s.rate, s.recipients);
      console.log(table([naive]));
      results.push(naive);
    }
    if (viaWorker && !workerOnly) {
      const worker = await runWorker(url, 30, 1800);
      console.log(table([worker]));
      results.push(worker);
    }
  } finally {
    await embedded?.stop();
  }

  const engineRuns = results.filter((r) => r.mode.startsWith('engine'));
  const pass = engineRuns.every(
    (r) =>
      r.steadyRatio >= TARGET &&
      r.p99Seconds <= (1.1 * r.recipients) / r.rate &&
      r.lost === 0 &&
      r.duplicates === 0,
  );
  const cpu = cpus();
  const body = `Measured ${new Date().toISOString().slice(0, 10)} with \`${[...['BENCH_N30', 'BENCH_N1000', 'BENCH_MIX', 'BENCH_SECTION'].filter((k) => process.env[k]).map((k) => `${k}='${process.env[k]}'`), 'npm run bench:broadcast', ...(args.length ? ['--', ...args] : [])].join(' ')}\`${configured ? ' (DATABASE_URL: PostgreSQL 15 on the same machine)' : ' (embedded PGlite)'} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}.
The sandbox (a separate process) enforces the limit as a sliding one-second window, globally and 1/s
per chat, and ${MIX === 'blocked' ? 'answers 2 % of the recipients 502 once and 1 % 403 every time (they blocked the bot: not reachable, not lost)' : 'answers 2 % of the recipients once with an injected failure (1 % 429 retry_after 1 s,\n0.5 % 500, 0.5 % 502)'}. "Steady" is from the first message until 99 % of the recipients have theirs;
"first→last" includes the tail of retries. "429 from own pace" counts 429s that were not injected.
Target for the engine: ≥ ${TARGET * 100} % of the limit, 99 % served within 1.1 × audience ÷ rate, 0 lost, 0 duplicates — **${pass ? 'met' : 'NOT met'}**.

${table(results)}

Peak heap/RSS: the benchmark process while sending (engine and loop run in it; the sandbox does
not). For the Worker run, the RSS of the workerd process(es) (Worker, Queue consumer and Durable
Object together; V8 heap is not visible from outside).

Reading the figures:
- The limiter counts a message when it arrives, in a sliding one-second window, and nobody sees that
  moment; a send only knows it arrived after it left (never before its slot) and before its answer
  came back. So the governor lets each slot occupy the window from its slot until one second after
  its answer (less the fastest round trip seen, plus 2 ms), and grants a slot only where fewer than
  the limit can occupy its window: the engine cannot trip the limit ("429 from own pace" stays 0)
  whatever the lateness and the jitter. The price is the "mean hold" (slot → answer, less the fastest
  round trip) per second: rate ÷ limit ≈ 1000 ÷ (1000 + mean hold); a message refused (429, 5xx)
  frees its slot at once, and the governor hands it to the next consumer that asks. Slots are at
  least 0.8 × (1 s ÷ rate) apart, so after a stall the schedule catches up (up to 1.25 × the rate for
  a moment, never over the rate in any second); with strict even spacing every stall was lost
  capacity (95.7–97.4 % at 1000/s, against 98.8 % with the 0.8 spacing in the same conditions).
- At 1000/s on this 2-core machine the engine, PostgreSQL, the queue and the sandbox share the CPU:
  the event loop runs 5–30 ms late (BENCH_DEBUG=1 prints it), which is most of the hold, and the
  first second ramps up while the first send jobs are queued. On the Workers platform the consumers,
  the Durable Object, the database and Telegram are separate machines; a steady round trip to
  Telegram costs nothing, only its jitter does.
- The loop with auto-retry has no pacing: it bursts until the limiter answers 429, waits retry_after
  (1 s), and also waits out every injected 429 and 5xx in line, so it reaches about half of the limit
  at 30/s and a few percent at 1000/s, and every 429 it provokes counts against the bot with Telegram.
  It keeps no record: after a crash it cannot tell who got the message.`;
  writeResultsSection(process.env.BENCH_SECTION ?? 'Broadcast engine', body);
  console.log(`\n${pass ? 'target met' : 'target NOT met'}; bench/RESULTS.md updated`);
  if (!pass) process.exitCode = 1;
}

await main();
