// Where a send batch keeps what Telegram answered until the database has it: outcomes are buffered in
// memory, written in groups (one statement per group, fenced by the lease id), and kept and retried
// with backoff while the database is away — a delivery whose send succeeded is never left to look
// unsent, so nobody gets it twice because a connection dropped.
import { sql } from 'drizzle-orm';
import type { CoreDeps } from '../deps';
import { errorSummary, logEvent } from '../log';
import type { SendOutcome } from './campaign-sender';
import { releaseDeliveries } from './delivery-lease';
import { backoffMs, batchError, type PacingClock } from './engine-io';

/**
 * Results are written in groups: at most this many, or this long after the last write, await
 * recording (a killed consumer may send those again: at most once more per recipient). At 1000/s
 * every statement on an invocation's one connection adds to the wait of its jobs' next claims.
 */
const FLUSH_EVERY = 50;
const FLUSH_AFTER_MS = 1000;
/** Rows per statement when a backlog built up while the database was away. */
const GROUP_LIMIT = 500;
/**
 * How long outcomes are kept and retried while the database does not answer, before the batch gives
 * up (a queue consumer invocation may run 15 minutes). Past the lease a new claim could race the
 * write, but it needs the same database, a cron tick and a queue delivery: the write, retried every
 * second, lands first.
 */
export const OUTCOME_PATIENCE_MS = 10 * 60_000;

export type Recorded = SendOutcome | { kind: 'cancelled' };

export interface BatchResult {
  sent: number;
  failed: number;
  blocked: number;
  retried: number;
  cancelled: number;
  /** Deliveries already done, held by another consumer's live lease, or taken over from this one. */
  skipped: number;
}

export function emptyResult(): BatchResult {
  return { sent: 0, failed: 0, blocked: 0, retried: 0, cancelled: 0, skipped: 0 };
}

/** A delivery this batch holds: `attempts` counts the current claim. */
export interface ClaimedDelivery {
  id: number;
  userId: string;
  attempts: number;
  leaseId: string;
}

interface Item {
  id: number;
  userId: string;
  leaseId: string;
  row: OutcomeRow;
  /** For a retry: when it may be sent, on the pacing clock (epoch ms). */
  retryAt?: number;
}

export function outcomeWriter(options: {
  deps: CoreDeps;
  campaignId: string;
  result: BatchResult;
  time: PacingClock;
  patienceMs?: number;
}) {
  const { deps, campaignId, result, time } = options;
  const patience = options.patienceMs ?? OUTCOME_PATIENCE_MS;
  const settings = deps.config.campaigns;
  const outcomes: Item[] = [];
  const releases: { ids: number[]; leaseId: string }[] = [];
  const retries = new Map<number, number>();
  let pumping: Promise<void> | undefined;
  let lastKick = time.now();
  let gaveUp = false;
  let closing = false;
  let lastError: unknown;

  /** Writes one group of outcomes, then the releases; removes them from the buffer once written. */
  const writeSome = async () => {
    const items = outcomes.slice(0, GROUP_LIMIT);
    if (items.length > 0) {
      const applied = await writeOutcomes(deps, campaignId, items);
      outcomes.splice(0, items.length);
      for (const item of items) {
        const status = applied.get(item.id);
        // Not applied: the delivery was taken over, and its new lease holder records it.
        if (status === undefined) result.skipped += 1;
        else countOutcome(result, status);
        if (status === 'pending' && item.retryAt !== undefined) retries.set(item.id, item.retryAt);
      }
    }
    while (releases.length > 0) {
      await releaseDeliveries(deps, releases[0]!.ids, releases[0]!.leaseId);
      releases.shift();
    }
  };

  const pump = async () => {
    let failures = 0;
    let failingSince: number | undefined;
    let first = true;
    while (!gaveUp && (outcomes.length > 0 || releases.length > 0)) {
      // What came in meanwhile waits for a full group or FLUSH_AFTER_MS (add() kicks again), unless
      // the last write failed, something is to be released, or the batch is closing.
      if (!first && failures === 0 && !closing && releases.length === 0 && outcomes.length < FLUSH_EVERY)
        break;
      first = false;
      try {
        await writeSome();
        failures = 0;
        failingSince = undefined;
      } catch (e) {
        lastError = e;
        failures += 1;
        failingSince ??= time.now();
        if (failures === 1) logEvent('warn', 'campaign outcomes kept for retry', errorSummary(e));
        if (time.now() - failingSince >= patience) gaveUp = true;
        else await time.sleep(backoffMs(failures));
      }
    }
  };

  const kick = (): Promise<void> => {
    lastKick = time.now();
    pumping ??= pump().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };

  return {
    add(delivery: ClaimedDelivery, outcome: Recorded) {
      const now = deps.clock.now();
      const row = outcomeRow(delivery.attempts, outcome, now, settings.maxAttempts);
      outcomes.push({
        id: delivery.id,
        userId: delivery.userId,
        leaseId: delivery.leaseId,
        row,
        ...(row.notBefore ? { retryAt: time.now() + row.notBefore.getTime() - now.getTime() } : {}),
      });
      if (outcomes.length >= FLUSH_EVERY || time.now() - lastKick >= FLUSH_AFTER_MS) void kick();
    },
    /** Claimed under this lease but not sent: give them back (see releaseDeliveries). */
    release(ids: number[], leaseId: string) {
      releases.push({ ids, leaseId });
      void kick();
    },
    /** Writes everything still buffered; throws a 'record' CampaignBatchError if it had to give up. */
    async close(): Promise<void> {
      closing = true;
      while (!gaveUp && (outcomes.length > 0 || releases.length > 0 || pumping)) await kick();
      if (gaveUp) throw batchError('record', lastError);
    },
    /** Deliveries put back to 'pending' with a not-before time (pacing clock, epoch ms). */
    retries: () => retries,
  };
}

/**
 * One statement: the outcomes where this batch still holds the lease (or already wrote the same
 * status, when an earlier attempt's answer was lost), and for those who blocked the bot (403) the
 * unsubscription — they get no more campaigns until they /start again. Returns id → status applied.
 */
async function writeOutcomes(
  deps: CoreDeps,
  campaignId: string,
  items: Item[],
): Promise<Map<number, string>> {
  const now = deps.clock.now().toISOString();
  // One JSON parameter whatever the group's size: the statement's text never changes, so a
  // connection that prepares statements parses it once, and the driver binds one value, not 8 a row.
  const values = JSON.stringify(
    items.map(({ id, leaseId, row }) => ({
      id,
      lease_id: leaseId,
      status: row.status,
      message_id: row.messageId,
      sent_at: row.sentAt?.toISOString() ?? null,
      error_code: row.errorCode,
      error_reason: row.errorReason,
      not_before: row.notBefore?.toISOString() ?? null,
    })),
  );
  const rows = await deps.db.execute<{ id: string; status: string }>(sql`
    with v as (
      select * from jsonb_to_recordset(${values}::jsonb) as v(
        id bigint, lease_id uuid, status text, message_id bigint, sent_at timestamptz,
        error_code text, error_reason text, not_before timestamptz)
    ), done as (
      update campaign_deliveries as d set
        status = v.status,
        telegram_message_id = v.message_id,
        sent_at = v.sent_at,
        error_code = v.error_code,
        error_reason = v.error_reason,
        not_before = v.not_before,
        updated_at = ${now}::timestamptz
      from v
      where d.id = v.id and d.campaign_id = ${campaignId}
        and d.lease_id = v.lease_id and d.status in ('sending', v.status)
      returning d.id, d.user_id, d.status
    ), blocked as (
      update users set broadcast_blocked_at = ${now}::timestamptz
      where id in (select user_id from done where status = 'blocked') and broadcast_blocked_at is null
    ), unsubscribed as (
      delete from subscriptions where user_id in (select user_id from done where status = 'blocked')
    )
    select id::text, status from done`);
  return new Map(rows.map((r) => [Number(r.id), r.status]));
}

function countOutcome(result: BatchResult, status: string): void {
  if (status === 'sent') result.sent += 1;
  else if (status === 'failed') result.failed += 1;
  else if (status === 'blocked') result.blocked += 1;
  else if (status === 'cancelled') result.cancelled += 1;
  else if (status === 'pending') result.retried += 1;
}

export interface OutcomeRow {
  status: 'sent' | 'failed' | 'blocked' | 'pending' | 'cancelled';
  messageId: number | null;
  sentAt: Date | null;
  errorCode: string | null;
  errorReason: string | null;
  notBefore: Date | null;
}

/** What the delivery row becomes after one attempt. */
export function outcomeRow(attempts: number, outcome: Recorded, now: Date, maxAttempts: number): OutcomeRow {
  const base = { messageId: null, sentAt: null, errorCode: null, errorReason: null, notBefore: null };
  switch (outcome.kind) {
    case 'sent':
      return { ...base, status: 'sent', messageId: outcome.messageId, sentAt: now };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'blocked':
      return {
        ...base,
        status: 'blocked',
        errorCode: 'blocked',
        errorReason: outcome.description.slice(0, 200),
      };
    case 'bad_request':
      return {
        ...base,
        status: 'failed',
        errorCode: 'bad_request',
        errorReason: outcome.description.slice(0, 200),
      };
    case 'rate_limited':
      if (attempts >= maxAttempts)
        return { ...base, status: 'failed', errorCode: 'rate_limited', errorReason: 'Too Many Requests' };
      return {
        ...base,
        status: 'pending',
        errorCode: 'rate_limited',
        notBefore: new Date(now.getTime() + Math.max(1, outcome.retryAfterSeconds) * 1000),
      };
    case 'transient':
      if (attempts >= maxAttempts)
        return {
          ...base,
          status: 'failed',
          errorCode: 'network',
          errorReason: outcome.description.slice(0, 200),
        };
      return {
        ...base,
        status: 'pending',
        errorCode: 'network',
        errorReason: outcome.description.slice(0, 200),
        // 1, 2, 4, 8 … seconds, at most a minute.
        notBefore: new Date(now.getTime() + Math.min(60, 2 ** (attempts - 1)) * 1000),
      };
  }
}
