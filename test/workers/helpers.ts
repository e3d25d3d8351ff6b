// Helpers for tests running inside workerd: talk to the sandbox over HTTP, make a db per test.
import { env } from 'cloudflare:test';
import { createDb } from '../../db/client';

export const bindings = env as unknown as Record<string, unknown> & {
  DATABASE_URL: string;
  TELEGRAM_API_ROOT: string;
  TELEGRAM_WEBHOOK_SECRET: string;
  FILES: R2Bucket;
  JOBS: Queue;
};

/** A fresh client for this test's own I/O (workerd forbids sharing sockets across requests). */
export function testDb() {
  return createDb(bindings.DATABASE_URL).db;
}

export interface SandboxCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  status: number;
  /** What the sandbox answered (the sent message, for a sendMessage). */
  response: unknown;
}

export async function sandboxCalls(options: { since?: number; chatId?: number; waitMs?: number } = {}) {
  const q = new URLSearchParams({ since: String(options.since ?? 0) });
  if (options.chatId !== undefined) q.set('chat_id', String(options.chatId));
  if (options.waitMs) q.set('wait', String(options.waitMs));
  const res = await fetch(`${bindings.TELEGRAM_API_ROOT}/__sandbox/calls?${q}`);
  return ((await res.json()) as { calls: SandboxCall[] }).calls;
}

/** Polls until `count` calls for the chat arrived (or the time is up) and returns them. */
export async function waitForChatCalls(chatId: number, count: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let calls: SandboxCall[] = [];
  while (Date.now() < deadline) {
    calls = await sandboxCalls({ chatId });
    if (calls.length >= count) return calls;
    await new Promise((r) => setTimeout(r, 100));
  }
  return calls;
}

export function randomTelegramId(): number {
  return 100_000_000 + Math.floor(Math.random() * 800_000_000);
}
