import { describe, expect, it } from 'vitest';
import { openSealedReceipt, sealReceipt } from '../../../core/conversations/sealed-receipt';

const secret = 'unit-test-secret-for-sealing';
const iv = () => crypto.getRandomValues(new Uint8Array(12));
const now = new Date('2026-11-30T06:00:00Z');
const later = new Date('2026-11-30T06:30:00Z');

describe('a receipt sealed into a chat button', () => {
  it('opens to the same digits, leading zeros included, and fits a callback button with a prefix', async () => {
    for (const receipt of ['0012345678901234', '98765432109876543210', '000000000000000000000001']) {
      const token = await sealReceipt({ secret, receipt, expiresAt: later, iv: iv() });
      expect(`tf:m:${token}`.length).toBeLessThanOrEqual(64);
      expect(token).not.toContain(receipt);
      expect(await openSealedReceipt({ secret, token, now })).toBe(receipt);
    }
  });

  it('does not open once expired, with another secret, or after any change', async () => {
    const token = await sealReceipt({ secret, receipt: '1234567812345678', expiresAt: later, iv: iv() });
    expect(await openSealedReceipt({ secret, token, now: later })).toBeUndefined();
    expect(await openSealedReceipt({ secret: 'another-secret-entirely', token, now })).toBeUndefined();
    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(await openSealedReceipt({ secret, token: flipped, now })).toBeUndefined();
    expect(await openSealedReceipt({ secret, token: 'not a token', now })).toBeUndefined();
    expect(await openSealedReceipt({ secret, token: '', now })).toBeUndefined();
  });

  it('gives two different tokens for the same receipt (fresh iv each time)', async () => {
    const a = await sealReceipt({ secret, receipt: '1111222233334444', expiresAt: later, iv: iv() });
    const b = await sealReceipt({ secret, receipt: '1111222233334444', expiresAt: later, iv: iv() });
    expect(a).not.toBe(b);
  });
});
