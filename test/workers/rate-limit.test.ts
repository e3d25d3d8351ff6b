// Rate limits in the real Workers runtime: the RateLimiter Durable Object over RPC counts every
// isolate's requests, keeps only hashed keys, and a limiter that cannot be reached fails each policy
// the way it was declared (anonymous checks closed, Telegram's webhook open).
import {
  createExecutionContext,
  env,
  runInDurableObject,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../api/index';
import type { RateLimiter } from '../../api/rate-limiter';
import { textUpdate } from '../harness/telegram-updates';
import { bindings, randomTelegramId } from './helpers';

const limiters = (env as unknown as { RATE_LIMITER: DurableObjectNamespace<RateLimiter> }).RATE_LIMITER;
const SERIAL = 'DEMO-2026-999998';
/** An address of its own per test (the Durable Object outlives a single test). */
const address = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

// The payload check of a malformed payload: a check that needs no database, so the test measures the
// limiter alone (65 quick connections to the embedded PGlite reset some of them under load).
const verify = (ip: string) =>
  SELF.fetch('http://worker.test/api/certificates/verify-payload', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'CF-Connecting-IP': ip },
    body: JSON.stringify({ payload: 'not-a-certificate' }),
  });

const webhook = (ip: string, secret: string) =>
  SELF.fetch('http://worker.test/telegram/webhook', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'CF-Connecting-IP': ip,
      'X-Telegram-Bot-Api-Secret-Token': secret,
    },
    body: JSON.stringify(textUpdate({ id: randomTelegramId(), first_name: 'W' }, '/help')),
  });

describe('the RateLimiter Durable Object', () => {
  it('answers 60 anonymous checks a minute from one address, then 429 with Retry-After', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await verify(ip)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual([429, 429, 429, 429, 429]);
    const refused = await verify(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(60);
    expect((await verify(address())).status).toBe(200);

    // The policy's own instance holds the counts, under hashed keys only.
    const stub = limiters.get(limiters.idFromName('verify'));
    const keys = await runInDurableObject(stub, (instance: RateLimiter) => instance.keys('verify'));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.filter((k) => k.includes('198.18') || k.includes('ip:'))).toEqual([]);
    // Other policies live in other instances.
    expect(await runInDurableObject(stub, (instance: RateLimiter) => instance.keys('auth_failures'))).toEqual(
      [],
    );
  });

  it('refuses wrong webhook secrets after 20 and never the right one', async () => {
    const ip = address();
    const wrong: number[] = [];
    for (let i = 0; i < 22; i++) wrong.push((await webhook(ip, 'wrong-secret-0000000')).status);
    expect(wrong.filter((s) => s === 401)).toHaveLength(20);
    expect(wrong.slice(20)).toEqual([429, 429]);
    expect((await webhook(ip, bindings.TELEGRAM_WEBHOOK_SECRET)).status).toBe(200);
  });

  it('fails closed for anonymous checks and open for Telegram when the limiter cannot be reached', async () => {
    const broken = {
      idFromName: () => {
        throw new Error('no limiter here');
      },
      get: () => {
        throw new Error('no limiter here');
      },
    };
    const run = async (request: Request) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(request, { ...bindings, RATE_LIMITER: broken }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const check = await run(new Request(`http://worker.test/api/certificates/${SERIAL}/verify`));
    expect(check.status).toBe(503);
    expect(check.headers.get('Retry-After')).toBe('5');
    const update = await run(
      new Request('http://worker.test/telegram/webhook', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Telegram-Bot-Api-Secret-Token': bindings.TELEGRAM_WEBHOOK_SECRET,
        },
        body: JSON.stringify(textUpdate({ id: randomTelegramId(), first_name: 'W' }, '/help')),
      }),
    );
    expect(update.status).toBe(200);
  });
});
