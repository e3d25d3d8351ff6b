// Time and randomness are injected so deadlines, retention and receipts are testable without sleeping.

export interface Clock {
  now(): Date;
}
export interface Ids {
  /** A random UUID v4. */
  uuid(): string;
  /** A URL-safe random token of `bytes` random bytes. */
  token(bytes?: number): string;
}

export const systemClock: Clock = { now: () => new Date() };

export const cryptoIds: Ids = {
  uuid: () => crypto.randomUUID(),
  token(bytes = 16) {
    const buf = crypto.getRandomValues(new Uint8Array(bytes));
    return base64url(buf);
  },
};

export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
