// The one classifier of transient infrastructure failures (the database away, its connection lost):
// the API answers them 503 with Retry-After, the bot's error boundary rethrows them so the webhook
// answers 503 and Telegram redelivers, and the queue consumer retries the job later.
import { AppError } from './errors';

/** How long a client should wait before trying again after the database went away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean "the server cannot serve this now": class 08 (connection exception),
 * 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections),
 * 55000 (seen from a server shutting down behind a pooler), and serialization failure / deadlock,
 * which the same statement may survive when tried again.
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '55000', '40001', '40P01']);
const TRANSIENT_SQLSTATE_CLASSES = ['08'];

/** postgres.js's own connection errors and the socket errors of Node. */
const TRANSIENT_DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * workerd's socket errors carry no code, only a message. Matched at the start of the message of an
 * error without a code, never inside a driver's "Failed query: …" text, which may quote a value.
 */
const TRANSIENT_MESSAGES = [
  /^network connection lost/i,
  /^stream was cancell?ed/i,
  /^socket (was )?closed/i,
  /^connection (lost|reset|refused|closed)/i,
  /^proxy request failed/i,
];

const MAX_CAUSE_DEPTH = 5;

function codeOf(e: object): string | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isTransientOne(e: unknown): boolean {
  if (e instanceof AppError) return e.code === 'database_unavailable';
  if (typeof e !== 'object' || e === null) return false;
  const code = codeOf(e);
  if (code !== undefined) {
    return (
      TRANSIENT_DRIVER_CODES.has(code) ||
      TRANSIENT_SQLSTATES.has(code) ||
      TRANSIENT_SQLSTATE_CLASSES.some((c) => code.length === 5 && code.startsWith(c))
    );
  }
  // drizzle wraps driver errors ("Failed query: <sql> params: <values>"): only its cause counts.
  if ((e as { name?: unknown }).name === 'DrizzleQueryError') return false;
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message));
}

/**
 * True when the failure is the database being unavailable or the connection to it lost: trying the
 * same thing again later may well succeed. Follows `cause` (drizzle wraps the driver's error).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  let current: unknown = e;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    if (isTransientOne(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
