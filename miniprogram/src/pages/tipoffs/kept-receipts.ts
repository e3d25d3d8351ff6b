// Receipts the reporter chose to keep on the phone (Telegram SecureStorage, else DeviceStorage; see
// telegram/phone-storage.ts): one value holding a short list, newest first. The pure half (parse,
// add, remove within SecureStorage's 4,096-character limit) is tested on its own.
import { normalizeReceipt } from '../../../../core/tipoffs/tipoff-schema';
import {
  type PhoneStore,
  readPhoneValue,
  removePhoneValue,
  savePhoneValue,
} from '../../telegram/phone-storage';

export interface KeptReceipt {
  receipt: string;
  number: number;
  day: string;
}

export const KEPT_RECEIPTS_KEY = 'tipoff_receipts';
/** SecureStorage holds values of at most 4,096 characters. */
export const KEPT_RECEIPTS_MAX_CHARS = 4096;
export const KEPT_RECEIPTS_MAX = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the phone holds, keeping only well-formed entries (fail closed: anything else is dropped). */
export function parseKeptReceipts(value: string | null | undefined): KeptReceipt[] {
  if (!value) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: KeptReceipt[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const { receipt, number, day } = item as Record<string, unknown>;
    const digits = typeof receipt === 'string' ? normalizeReceipt(receipt) : null;
    if (!digits || !Number.isInteger(number) || (number as number) < 1) continue;
    if (typeof day !== 'string' || !DAY.test(day)) continue;
    if (out.some((k) => k.receipt === digits)) continue;
    out.push({ receipt: digits, number: number as number, day });
  }
  return out;
}

/** The list with `entry` first (once), cut to the count and size the storage takes. */
export function addKeptReceipt(list: readonly KeptReceipt[], entry: KeptReceipt): KeptReceipt[] {
  const next = [entry, ...list.filter((k) => k.receipt !== entry.receipt)].slice(0, KEPT_RECEIPTS_MAX);
  while (next.length > 1 && JSON.stringify(next).length > KEPT_RECEIPTS_MAX_CHARS) next.pop();
  return next;
}

export function removeKeptReceipt(list: readonly KeptReceipt[], receipt: string): KeptReceipt[] {
  return list.filter((k) => k.receipt !== receipt);
}

// --- on the phone ------------------------------------------------------------------------------

export async function readKeptReceipts(): Promise<{ list: KeptReceipt[]; store: PhoneStore | null }> {
  const found = await readPhoneValue(KEPT_RECEIPTS_KEY);
  return { list: parseKeptReceipts(found?.value), store: found?.store ?? null };
}

/** Adds a receipt to the phone's list; returns where it was kept, or null when it could not be. */
export async function keepReceiptOnPhone(entry: KeptReceipt): Promise<PhoneStore | null> {
  const { list } = await readKeptReceipts();
  return savePhoneValue(KEPT_RECEIPTS_KEY, JSON.stringify(addKeptReceipt(list, entry)));
}

export async function forgetReceiptOnPhone(receipt: string): Promise<KeptReceipt[]> {
  const { list } = await readKeptReceipts();
  const next = removeKeptReceipt(list, receipt);
  if (next.length) await savePhoneValue(KEPT_RECEIPTS_KEY, JSON.stringify(next));
  else await removePhoneValue(KEPT_RECEIPTS_KEY);
  return next;
}
