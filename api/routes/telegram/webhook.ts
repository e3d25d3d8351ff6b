import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { claimUpdate, completeUpdate, releaseUpdate } from '../../../core/telegram/claim-update';
import type { AppEnv } from '../../context';

const ZUpdateEnvelope = z.looseObject({ update_id: z.number().int().nonnegative() });

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Telegram's webhook: the secret header proves the call comes from Telegram (the one we gave
 * setWebhook); each update_id is handled once, so a redelivered or replayed update has no second
 * effect. A failure before the bot handled the update answers 5xx so Telegram redelivers it.
 */
export const telegramWebhook = new Hono<AppEnv>().post('/telegram/webhook', async (c) => {
  const { config, deps, bot } = c.get('services');
  const secret = c.req.header('X-Telegram-Bot-Api-Secret-Token') ?? '';
  if (!constantTimeEqual(secret, config.TELEGRAM_WEBHOOK_SECRET))
    throw new AppError('webhook_secret_invalid');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('bad_request');
  }
  const envelope = ZUpdateEnvelope.safeParse(body);
  if (!envelope.success) throw new AppError('bad_request');
  const updateId = envelope.data.update_id;
  if (!(await claimUpdate({ deps, updateId }))) return c.json({ ok: true, duplicate: true });
  try {
    await bot().handleUpdate(envelope.data as never);
  } catch (e) {
    await releaseUpdate({ deps, updateId });
    throw e;
  }
  await completeUpdate({ deps, updateId });
  return c.json({ ok: true });
});
