// A Cloudflare Queue in a process of its own for bench/broadcast.ts, so the benchmark process holds
// what a consumer holds in production — the batches delivered to it — and not the queue's backlog.
// The contract of Queues: messages with delays, delivered in batches of at most `max` to consumers
// that acknowledge or retry each message (a retried message comes back after its delay; after
// `maxRetries` retries it goes to the dead-letter count). Prints its URL as one JSON line, then
// serves until it is terminated. Bodies are kept as the JSON text they arrived in.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Entry {
  id: number;
  body: string;
  visibleAt: number;
  attempts: number;
}

const MAX_RETRIES = Number(process.env.QUEUE_MAX_RETRIES ?? 10);
let nextId = 1;
let backlog: Entry[] = [];
const inFlight = new Map<number, Entry>();
let deadLetters = 0;
let sent = 0;
let peakBacklog = 0;
const waiters = new Set<() => void>();

function wakeWaiters() {
  for (const w of [...waiters]) w();
}

function take(max: number): Entry[] {
  const now = Date.now();
  const out: Entry[] = [];
  const rest: Entry[] = [];
  for (const e of backlog) {
    if (out.length < max && e.visibleAt <= now) out.push(e);
    else rest.push(e);
  }
  if (out.length === 0) return out;
  backlog = rest;
  for (const e of out) {
    e.attempts += 1;
    inFlight.set(e.id, e);
  }
  return out;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function reply(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  void (async () => {
    const route = `${req.method} ${req.url?.split('?')[0]}`;
    if (route === 'POST /send') {
      const messages = (await readJson(req)) as { body: unknown; delaySeconds?: number }[];
      const now = Date.now();
      for (const m of messages) {
        backlog.push({
          id: nextId++,
          body: JSON.stringify(m.body),
          visibleAt: now + (m.delaySeconds ?? 0) * 1000,
          attempts: 0,
        });
      }
      sent += messages.length;
      peakBacklog = Math.max(peakBacklog, backlog.length);
      wakeWaiters();
      return reply(res, '{"ok":true}');
    }
    if (route === 'POST /pull') {
      // Long poll: answers as soon as a message is ready, or after waitMs with none.
      const { max = 4, waitMs = 0 } = (await readJson(req)) as { max?: number; waitMs?: number };
      const deadline = Date.now() + waitMs;
      let batch = take(max);
      while (batch.length === 0 && Date.now() < deadline) {
        const nextVisible = Math.min(...backlog.map((e) => e.visibleAt), deadline);
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, Math.max(1, nextVisible - Date.now()));
          waiters.add(done);
        });
        batch = take(max);
      }
      const messages = batch.map((e) => `{"id":${e.id},"attempts":${e.attempts},"body":${e.body}}`);
      return reply(res, `{"messages":[${messages.join(',')}]}`);
    }
    if (route === 'POST /settle') {
      const { acks = [], retries = [] } = (await readJson(req)) as {
        acks?: number[];
        retries?: { id: number; delaySeconds?: number }[];
      };
      for (const id of acks) inFlight.delete(id);
      const now = Date.now();
      for (const r of retries) {
        const e = inFlight.get(r.id);
        if (!e) continue;
        inFlight.delete(r.id);
        if (e.attempts > MAX_RETRIES) deadLetters += 1;
        else backlog.push({ ...e, visibleAt: now + (r.delaySeconds ?? 0) * 1000 });
      }
      wakeWaiters();
      return reply(res, '{"ok":true}');
    }
    if (route === 'GET /stats') {
      return reply(
        res,
        JSON.stringify({ backlog: backlog.length, inFlight: inFlight.size, deadLetters, sent, peakBacklog }),
      );
    }
    res.writeHead(404).end();
  })().catch((e: unknown) => {
    res.writeHead(500).end(String(e));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
