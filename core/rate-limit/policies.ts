// The named rate-limit policies and what each protects. Limits come from the env (api/env.ts); the
// shape — per key, an optional global cap, 'failures' mode with doubling lockouts — is what later
// surfaces (receipt lookups, tip-off submissions) reuse by adding a policy here.
import type { RateLimitRule } from './rate-limit-table';

export interface RateLimitSettings {
  /** Anonymous certificate checks (page, JSON, signed-payload check) per client network per minute. */
  verifyPerMinute: number;
  /** The same checks from everyone together per minute: a scraper with many addresses still stops. */
  verifyGlobalPerMinute: number;
  /** Campaign link-button redirects (/c/…, anonymous, each one writes a click) per client network. */
  linksPerMinute: number;
  /** Failed sign-ins (mini app init data) and wrong webhook secrets per client network per minute. */
  authFailuresPerMinute: number;
  /** Document and campaign-image uploads per signed-in person per minute. */
  uploadsPerMinute: number;
  /** Costly signed-in calls (test send, certificate PDF, audience count) per person and call per minute. */
  costlyPerMinute: number;
  /** Wrong tip-off receipts per client network (or chat user) per hour, then a doubling lockout. */
  tipReceiptFailuresPerHour: number;
  /** Wrong receipts from everyone together per hour: guessing with many addresses still stops. */
  tipReceiptFailuresGlobalPerHour: number;
  /** Tip-off submissions per client network (or person) per hour. */
  tipSubmissionsPerHour: number;
  /** Tip-off submissions from everyone together per hour (a spam flood stops; the office sees ~10 a month). */
  tipSubmissionsGlobalPerHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  verifyPerMinute: 60,
  verifyGlobalPerMinute: 3000,
  linksPerMinute: 120,
  authFailuresPerMinute: 20,
  uploadsPerMinute: 30,
  costlyPerMinute: 30,
  tipReceiptFailuresPerHour: 10,
  tipReceiptFailuresGlobalPerHour: 1000,
  tipSubmissionsPerHour: 5,
  tipSubmissionsGlobalPerHour: 200,
};

export interface RateLimitPolicy extends RateLimitRule {
  /**
   * What to do when the limiter cannot be reached. 'closed' (503) where the throttle is the only
   * protection of something worth protecting; 'open' where refusing would stop people who proved who
   * they are, or Telegram itself, and something else already protects the call.
   */
  whenUnavailable: 'open' | 'closed';
}

export type RateLimitPolicyName =
  | 'verify'
  | 'links'
  | 'auth_failures'
  | 'webhook_failures'
  | 'uploads'
  | 'costly'
  | 'tip_receipt_failures'
  | 'tip_submissions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function rateLimitPolicies(s: RateLimitSettings): Record<RateLimitPolicyName, RateLimitPolicy> {
  return {
    // Serials are guessable (<TOWNSHIP>-<YEAR>-<NNNNNN>): unthrottled, the page would let anyone walk
    // the register's masked data. Without the limiter, refusing for a moment is the lesser harm.
    verify: {
      name: 'verify',
      mode: 'requests',
      limit: s.verifyPerMinute,
      globalLimit: s.verifyGlobalPerMinute,
      windowMs: MINUTE,
      whenUnavailable: 'closed',
    },
    // Tokens are signed (no walking), so a flood only inflates one's own clicks: keep the link working.
    links: {
      name: 'links',
      mode: 'requests',
      limit: s.linksPerMinute,
      windowMs: MINUTE,
      whenUnavailable: 'open',
    },
    // Init data is HMAC-signed (not guessable); the throttle only sheds load, so sign-ins keep working.
    auth_failures: {
      name: 'auth_failures',
      mode: 'failures',
      limit: s.authFailuresPerMinute,
      windowMs: MINUTE,
      maxLockoutMs: HOUR,
      whenUnavailable: 'open',
    },
    // Telegram must always get through; the secret is 16–256 random characters, not guessable.
    webhook_failures: {
      name: 'webhook_failures',
      mode: 'failures',
      limit: s.authFailuresPerMinute,
      windowMs: MINUTE,
      maxLockoutMs: HOUR,
      whenUnavailable: 'open',
    },
    // Signed-in people: the size cap and the document count still bound what one can store.
    uploads: {
      name: 'uploads',
      mode: 'requests',
      limit: s.uploadsPerMinute,
      windowMs: MINUTE,
      whenUnavailable: 'open',
    },
    costly: {
      name: 'costly',
      mode: 'requests',
      limit: s.costlyPerMinute,
      windowMs: MINUTE,
      whenUnavailable: 'open',
    },
    // A receipt is the only key to a tip (16 digits, ~53 bits): wrong ones are counted per key and
    // for everyone, each lockout twice as long (up to a day), and a locked key is refused before it
    // tries (checkFirst). Without the limiter, guessing must not go unthrottled: fail closed.
    tip_receipt_failures: {
      name: 'tip_receipt_failures',
      mode: 'failures',
      limit: s.tipReceiptFailuresPerHour,
      globalLimit: s.tipReceiptFailuresGlobalPerHour,
      windowMs: HOUR,
      maxLockoutMs: DAY,
      whenUnavailable: 'closed',
    },
    // Anonymous submissions: the office reads every one, so a flood is the harm; fail closed.
    tip_submissions: {
      name: 'tip_submissions',
      mode: 'requests',
      limit: s.tipSubmissionsPerHour,
      globalLimit: s.tipSubmissionsGlobalPerHour,
      windowMs: HOUR,
      whenUnavailable: 'closed',
    },
  };
}
