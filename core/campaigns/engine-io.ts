// How the delivery engine waits and retries: the pacing clock, bounded retries with backoff for the
// database and the governor, and the coded error a failed send batch ends with.
import { errorSummary, logEvent } from '../log';

/** Wall-clock time for pacing (slots are epoch ms); injected so tests drive it without sleeping. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const realPacingClock: PacingClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** Where a send batch failed: the code its error carries and the job's log line shows. */
export type BatchStage =
  | 'read'
  | 'governor'
  | 'claim'
  | 'send'
  | 'record'
  | 'enqueue'
  | 'finish'
  /** Not one of the above (a bug): still a coded failure, with its cause's class in the log. */
  | 'internal';

/**
 * A send batch that gave up. Whatever it sent is recorded and whatever it claimed without sending
 * is released before this is thrown, so the queue's retry of the job carries on at once. `cause` is
 * logged by class and code only (driver messages can carry personal data).
 */
export class CampaignBatchError extends Error {
  readonly code: `${BatchStage}_failed`;

  constructor(
    readonly stage: BatchStage,
    cause: unknown,
  ) {
    super(`campaign batch failed: ${stage}`, { cause });
    this.name = 'CampaignBatchError';
    this.code = `${stage}_failed`;
  }
}

/** The error as a CampaignBatchError of this stage (kept as is when it already is one). */
export function batchError(stage: BatchStage, e: unknown): CampaignBatchError {
  return e instanceof CampaignBatchError ? e : new CampaignBatchError(stage, e);
}

/** 50 ms, 100 ms, 200 ms … at most 1 s: quick while a connection is being replaced, gentle after. */
export function backoffMs(failures: number): number {
  return Math.min(1000, 50 * 2 ** Math.max(0, failures - 1));
}

/** How long a read, a claim or an enqueue keeps trying before the batch gives up on it. */
export const RETRY_FOR_MS = 10_000;

/**
 * Runs `fn`, retrying with backoff for up to `forMs` while it throws (a dropped connection, a
 * restarting Durable Object); then throws a CampaignBatchError of this stage. Only for operations
 * that are safe to repeat: reads, fenced writes, claims under one lease id, enqueues (a duplicate
 * send job is skipped by the claim).
 */
export async function withRetries<T>(
  time: PacingClock,
  stage: BatchStage,
  fn: () => Promise<T>,
  forMs = RETRY_FOR_MS,
): Promise<T> {
  const started = time.now();
  for (let failures = 1; ; failures++) {
    try {
      return await fn();
    } catch (e) {
      if (time.now() - started >= forMs) throw batchError(stage, e);
      // Once per operation: under connection churn every retry would flood the log.
      if (failures === 1) logEvent('warn', 'campaign batch retrying', { stage, ...errorSummary(e) });
      await time.sleep(backoffMs(failures));
    }
  }
}
