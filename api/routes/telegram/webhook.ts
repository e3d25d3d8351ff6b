import { BotError } from 'grammy';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { errorSummary, logEvent } from '../../../core/log';
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
 * effect. Anything short of "handled and recorded" answers 5xx so Telegram redelivers the update:
 * the database away (503, Retry-After), or another delivery of it still holding the claim's lease.
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
  const claimed = await claimUpdate({ deps, updateId: envelope.data.update_id });
  if (claimed.outcome === 'done') return c.json({ ok: true, duplicate: true });
  if (claimed.outcome === 'in_progress') {
    const seconds = claimed.retryAfterSeconds;
    throw new AppError('temporarily_unavailable', { retryAfterSeconds: seconds, params: { seconds } });
  }
  const { claim } = claimed;
  try {
    await bot().handleUpdate(envelope.data as never);
  } catch (e) {
    // Only infrastructure failures get here (the bot's error boundary answers everything else).
    if (!(await releaseUpdate({ deps, claim })))
      logEvent('warn', 'update claim not released; its lease will expire', { updateId: claim.updateId });
    throw e instanceof BotError ? e.error : e;
  }
  // Handled and answered: a 200 now, even if recording it fails — a 503 would only get the person
  // the same answer again. The claim then stays until its lease ends; only a redelivery of an update
  // whose 200 was also lost on the way would be handled twice (at least once, never lost).
  const completed = await completeUpdate({ deps, claim }).catch((e: unknown) => {
    logEvent('warn', 'update handled, completion not recorded', {
      updateId: claim.updateId,
      ...errorSummary(e),
    });
    return true;
  });
  if (!completed) logEvent('warn', 'update handled after its claim expired', { updateId: claim.updateId });
  return c.json({ ok: true });
});
