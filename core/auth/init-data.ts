// Telegram Mini App init data: validation exactly as https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
// secret_key = HMAC_SHA256(key "WebAppData", bot_token); hash = hex(HMAC_SHA256(secret_key, data_check_string)).
import { z } from 'zod';
import { AppError } from '../errors';

export const ZInitDataUserSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string().max(256).default(''),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
  language_code: z.string().max(35).optional(),
});
export type TInitDataUser = z.infer<typeof ZInitDataUserSchema>;

export interface ValidInitData {
  user: TInitDataUser;
  authDate: Date;
  queryId?: string;
  startParam?: string;
}

const encoder = new TextEncoder();

async function hmac(key: Uint8Array<ArrayBuffer> | ArrayBuffer, message: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, encoder.encode(message));
}

function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

async function expectedHash(params: URLSearchParams, botToken: string): Promise<string> {
  const secret = await hmac(encoder.encode('WebAppData'), botToken);
  return toHex(await hmac(secret, dataCheckString(params)));
}

/** Constant-time comparison of two hex strings of equal length. */
function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function verifyInitData(options: {
  initData: string;
  botToken: string;
  maxAgeSeconds: number;
  now: Date;
}): Promise<ValidInitData> {
  const params = new URLSearchParams(options.initData);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) throw new AppError('init_data_invalid');
  if (!safeEqual(hash, await expectedHash(params, options.botToken))) throw new AppError('init_data_invalid');

  const authDate = Number(params.get('auth_date'));
  if (!Number.isInteger(authDate) || authDate <= 0) throw new AppError('init_data_invalid');
  const ageSeconds = options.now.getTime() / 1000 - authDate;
  // A little clock skew into the future is tolerated; more is as suspicious as a stale one.
  if (ageSeconds > options.maxAgeSeconds || ageSeconds < -60) throw new AppError('init_data_expired');

  let rawUser: unknown;
  try {
    rawUser = JSON.parse(params.get('user') ?? 'null');
  } catch {
    throw new AppError('init_data_invalid');
  }
  const user = ZInitDataUserSchema.safeParse(rawUser);
  if (!user.success) throw new AppError('init_data_invalid');

  return {
    user: user.data,
    authDate: new Date(authDate * 1000),
    queryId: params.get('query_id') ?? undefined,
    startParam: params.get('start_param') ?? undefined,
  };
}

/**
 * Signs init data the way Telegram does. Used by the dev login page (with the local bot token)
 * and by tests; never exposed when the environment is production.
 */
export async function signInitData(options: {
  user: TInitDataUser;
  botToken: string;
  authDate: Date;
  extra?: Record<string, string>;
}): Promise<string> {
  const params = new URLSearchParams({
    auth_date: String(Math.floor(options.authDate.getTime() / 1000)),
    user: JSON.stringify(options.user),
    ...options.extra,
  });
  params.set('hash', await expectedHash(params, options.botToken));
  return params.toString();
}
