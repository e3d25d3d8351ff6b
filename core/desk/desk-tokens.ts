// Tokens of desk sign-in (links and sessions): random, stored only as SHA-256 hashes, and the session's
// CSRF token derived from the session token (so it needs no storage and dies with the session).

/** A link is good for 10 minutes, once. */
export const DESK_LINK_TTL_MS = 10 * 60 * 1000;
/** A session ends after 8 hours without a request… */
export const DESK_SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and 12 hours after sign-in, however active. */
export const DESK_SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often (one write a minute, not one per request). */
export const DESK_TOUCH_EVERY_MS = 60 * 1000;
/** 32 random bytes, base64url: 43 characters. */
export const DESK_TOKEN_BYTES = 32;
export const DESK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The CSRF token the mini app sends back on state-changing calls: bound to this session's token. */
export function deskCsrfToken(sessionToken: string): Promise<string> {
  return sha256Hex(`desk-csrf:${sessionToken}`);
}

/** Constant-time comparison of two strings of equal length. */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
