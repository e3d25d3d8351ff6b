// Small values kept on this phone through the Telegram client (Bot API 9.0+): SecureStorage (the
// phone's Keychain/Keystore) where the client has it, else DeviceStorage (the app's storage on this
// device). Never CloudStorage — that lives on Telegram's servers — and never our server. Desktop and
// web clients answer SecureStorage with an error; a client that does not answer at all counts as
// "not available" after a short wait.
import { type IncomingEvents, type OutgoingEvents, onEvent, postEvent } from './bridge';
import type { TelegramClient } from './telegram-context';

export type PhoneStore = 'secure' | 'device';

const ANSWER_WAIT_MS = 4000;

/** Storage needs a Telegram client of Bot API 9.0 or later. */
export function phoneStorageSupported(client: TelegramClient, inTelegram: boolean): boolean {
  const [major = 0] = client.version.split('.').map(Number);
  return inTelegram && major >= 9;
}

type Answer<T> = { ok: true; data: T } | { ok: false };

function ask<K extends keyof IncomingEvents>(
  method: keyof OutgoingEvents,
  params: Record<string, unknown>,
  success: K,
  failure: keyof IncomingEvents,
): Promise<Answer<IncomingEvents[K]>> {
  const reqId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return new Promise((resolve) => {
    const done = (answer: Answer<IncomingEvents[K]>) => {
      clearTimeout(timer);
      stopOk();
      stopFail();
      resolve(answer);
    };
    const stopOk = onEvent(success, (data) => {
      if ((data as { req_id?: string } | undefined)?.req_id === reqId) done({ ok: true, data });
    });
    const stopFail = onEvent(failure, (data) => {
      if ((data as { req_id?: string } | undefined)?.req_id === reqId) done({ ok: false });
    });
    const timer = setTimeout(() => done({ ok: false }), ANSWER_WAIT_MS);
    postEvent(method, { req_id: reqId, ...params } as never);
  });
}

async function save(store: PhoneStore, key: string, value: string | null): Promise<boolean> {
  const answer =
    store === 'secure'
      ? await ask(
          'web_app_secure_storage_save_key',
          { key, value },
          'secure_storage_key_saved',
          'secure_storage_failed',
        )
      : await ask(
          'web_app_device_storage_save_key',
          { key, value },
          'device_storage_key_saved',
          'device_storage_failed',
        );
  return answer.ok;
}

async function read(store: PhoneStore, key: string): Promise<string | null> {
  const answer =
    store === 'secure'
      ? await ask(
          'web_app_secure_storage_get_key',
          { key },
          'secure_storage_key_received',
          'secure_storage_failed',
        )
      : await ask(
          'web_app_device_storage_get_key',
          { key },
          'device_storage_key_received',
          'device_storage_failed',
        );
  return answer.ok && typeof answer.data?.value === 'string' ? answer.data.value : null;
}

/** Saves `value` under `key`: in SecureStorage if the client can, else DeviceStorage; null if neither. */
export async function savePhoneValue(key: string, value: string): Promise<PhoneStore | null> {
  if (await save('secure', key, value)) return 'secure';
  if (await save('device', key, value)) return 'device';
  return null;
}

/** The value under `key` and where it was found (SecureStorage first), or null. */
export async function readPhoneValue(key: string): Promise<{ value: string; store: PhoneStore } | null> {
  const secure = await read('secure', key);
  if (secure !== null) return { value: secure, store: 'secure' };
  const device = await read('device', key);
  return device === null ? null : { value: device, store: 'device' };
}

/** Removes `key` from both stores (a value may sit in either). */
export async function removePhoneValue(key: string): Promise<void> {
  await Promise.all([save('secure', key, null), save('device', key, null)]);
}
