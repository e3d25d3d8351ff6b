// The receipts a reporter keeps on the phone (Telegram SecureStorage/DeviceStorage): one short list,
// newest first, each receipt once, within SecureStorage's 4,096 characters; whatever else the storage
// holds is dropped rather than shown.
import { describe, expect, it } from 'vitest';
import {
  addKeptReceipt,
  KEPT_RECEIPTS_MAX,
  KEPT_RECEIPTS_MAX_CHARS,
  type KeptReceipt,
  parseKeptReceipts,
  removeKeptReceipt,
} from '../../../miniprogram/src/pages/tipoffs/kept-receipts';

const receipt = (n: number) => String(n).padStart(16, '0');
const kept = (n: number): KeptReceipt => ({ receipt: receipt(n), number: n, day: '2026-11-30' });

describe('receipts kept on the phone', () => {
  it('puts the newest first and keeps each receipt once', () => {
    let list = addKeptReceipt([], kept(1));
    list = addKeptReceipt(list, kept(2));
    list = addKeptReceipt(list, kept(1));
    expect(list.map((k) => k.number)).toEqual([1, 2]);
  });

  it('keeps at most the newest twenty, within what SecureStorage takes', () => {
    let list: KeptReceipt[] = [];
    for (let n = 1; n <= 40; n++) list = addKeptReceipt(list, kept(n));
    expect(list).toHaveLength(KEPT_RECEIPTS_MAX);
    expect(list[0]?.number).toBe(40);
    expect(JSON.stringify(list).length).toBeLessThanOrEqual(KEPT_RECEIPTS_MAX_CHARS);
  });

  it('reads back what it wrote, normalising receipts typed with spaces or dashes', () => {
    const stored = JSON.stringify([
      { receipt: '1234 5678-9012 3456', number: 7, day: '2026-11-02' },
      { receipt: receipt(3), number: 3, day: '2026-10-01' },
    ]);
    expect(parseKeptReceipts(stored)).toEqual([
      { receipt: '1234567890123456', number: 7, day: '2026-11-02' },
      { receipt: receipt(3), number: 3, day: '2026-10-01' },
    ]);
  });

  it('drops anything that is not a well-formed entry instead of showing it', () => {
    expect(parseKeptReceipts(null)).toEqual([]);
    expect(parseKeptReceipts('not json')).toEqual([]);
    expect(parseKeptReceipts('{"receipt":"1234567890123456"}')).toEqual([]);
    const stored = JSON.stringify([
      { receipt: '12345', number: 1, day: '2026-11-02' },
      { receipt: receipt(1), number: 0, day: '2026-11-02' },
      { receipt: receipt(2), number: 2, day: '2 Nov' },
      { receipt: receipt(3), number: 3, day: '2026-11-02' },
      { receipt: receipt(3), number: 3, day: '2026-11-02' },
      null,
    ]);
    expect(parseKeptReceipts(stored).map((k) => k.number)).toEqual([3]);
  });

  it('forgets one receipt and leaves the others', () => {
    const list = [kept(1), kept(2), kept(3)];
    expect(removeKeptReceipt(list, receipt(2)).map((k) => k.number)).toEqual([1, 3]);
  });
});
