// The pure rules of checking a certificate: check codes, the signed list of revoked certificates, the
// one verdict a scanned QR gets on the verifier's device and how a scanned text is read.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCertificatePayload,
  generateSigningSeed,
  importSigningKey,
  type PublicKeyEntry,
  parseCertificatePayload,
  type SigningKey,
} from '../../../core/certificates/certificate-signing';
import {
  checkCodeFromToken,
  formatCheckCode,
  normalizeCheckCode,
  sameCheckCode,
} from '../../../core/certificates/check-code';
import { judgeQrPayload } from '../../../core/certificates/qr-verdict';
import { withCheckDigit } from '../../../core/certificates/resident-id';
import { readScannedQr } from '../../../core/certificates/scanned-qr';
import { buildStatusList, verifyStatusList } from '../../../core/certificates/status-list';
import { base64url, cryptoIds } from '../../../core/runtime';

const NOW = new Date('2026-11-27T02:00:00Z');
let key: SigningKey;
let keys: PublicKeyEntry[];
let payload: string;
const FIELDS = {
  serial: 'DEMO-2026-000007',
  name: '张小明',
  sex: 'male' as const,
  idNumber: withCheckDigit('11010519900315001'),
  maritalStatus: 'unmarried' as const,
  childrenCount: 0,
  issuerCode: 'demo',
  issueDate: '2026-11-27',
  validUntil: '2029-11-26',
};

beforeAll(async () => {
  key = await importSigningKey(generateSigningSeed(), 'k1');
  keys = [{ kid: key.kid, publicKey: key.publicKey }];
  payload = await buildCertificatePayload(FIELDS, key);
});

describe('check codes', () => {
  it('makes 8 Crockford base32 characters from 5 random bytes, the same bytes always the same code', () => {
    expect(checkCodeFromToken(base64url(new Uint8Array([0, 0, 0, 0, 0])))).toBe('00000000');
    expect(checkCodeFromToken(base64url(new Uint8Array([255, 255, 255, 255, 255])))).toBe('ZZZZZZZZ');
    const codes = new Set(Array.from({ length: 200 }, () => checkCodeFromToken(cryptoIds.token(5))));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('reads the code as people type it, and refuses anything else', () => {
    expect(normalizeCheckCode('7kq2-m9xd')).toBe('7KQ2M9XD');
    expect(normalizeCheckCode(' 7KQ2 M9XD ')).toBe('7KQ2M9XD');
    expect(normalizeCheckCode('OIL2M9XD')).toBe('0112M9XD');
    for (const bad of ['', '7KQ2M9X', '7KQ2M9XDD', '7KQ2M9XU', '7KQ2_M9XD', null, undefined]) {
      expect(normalizeCheckCode(bad)).toBeNull();
    }
    expect(formatCheckCode('7KQ2M9XD')).toBe('7KQ2-M9XD');
    expect(sameCheckCode('7KQ2M9XD', '7KQ2M9XD')).toBe(true);
    expect(sameCheckCode('7KQ2M9XD', '7KQ2M9XE')).toBe(false);
    expect(sameCheckCode('7KQ2M9XD', '7KQ2M9X')).toBe(false);
  });
});

describe('the status list', () => {
  it('cannot pass for a QR payload, nor a payload for a list', async () => {
    const list = await buildStatusList({ revokedSerials: [FIELDS.serial], key, now: NOW });
    expect(parseCertificatePayload(list)).toMatchObject({ ok: false });
    expect(await verifyStatusList(payload, keys, NOW)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses an unknown key, another spelling of the signature and a serial it could not have signed', async () => {
    const list = await buildStatusList({ revokedSerials: ['A-1'], key, now: NOW });
    const other = await importSigningKey(generateSigningSeed(), 'k1');
    expect(await verifyStatusList(list, [{ kid: 'k1', publicKey: other.publicKey }], NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyStatusList(list, [], NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    const last = list.at(-1)!;
    const respelled = `${list.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`;
    expect((await verifyStatusList(respelled, keys, NOW)).ok).toBe(false);
    await expect(buildStatusList({ revokedSerials: ['A,1'], key, now: NOW })).rejects.toThrow();
  });
});

describe('the verdict on a scanned QR', () => {
  const judge = async (options: Partial<Parameters<typeof judgeQrPayload>[0]> = {}) =>
    judgeQrPayload({ payload, keys, statusList: null, now: NOW, expectedSerial: FIELDS.serial, ...options });

  it('is "not genuine" for an altered payload, a foreign key and another certificate’s QR', async () => {
    expect(await judge({ payload: payload.replace('|张小明|', '|张小红|') })).toEqual({
      state: 'not_genuine',
      reason: 'bad_signature',
    });
    expect(await judge({ keys: [] })).toEqual({ state: 'not_genuine', reason: 'unknown_key' });
    expect(await judge({ expectedSerial: 'DEMO-2026-000008' })).toEqual({
      state: 'not_genuine',
      reason: 'serial_mismatch',
    });
  });

  it('is revoked when the register or a fresh signed list says so', async () => {
    const list = await buildStatusList({ revokedSerials: [FIELDS.serial], key, now: NOW });
    expect(await judge({ statusList: list })).toMatchObject({ state: 'revoked', revocationSource: 'list' });
    expect(await judge({ register: 'revoked' })).toMatchObject({
      state: 'revoked',
      revocationSource: 'register',
    });
  });

  it('is valid only when revocation was checked; otherwise revocation is unknown, never "fine"', async () => {
    const empty = await buildStatusList({ revokedSerials: [], key, now: NOW });
    expect(await judge({ statusList: empty })).toMatchObject({ state: 'valid', revocationSource: 'list' });
    expect(await judge({ register: 'valid' })).toMatchObject({
      state: 'valid',
      revocationSource: 'register',
    });
    expect(await judge()).toMatchObject({ state: 'revocation_unknown' });
    const stale = await buildStatusList({
      revokedSerials: [FIELDS.serial],
      key,
      now: new Date('2026-11-26T00:00:00Z'),
    });
    expect(await judge({ statusList: stale })).toMatchObject({ state: 'revocation_unknown' });
  });

  it('is expired after its last valid day (China time)', async () => {
    const empty = await buildStatusList({ revokedSerials: [], key, now: new Date('2029-11-26T17:00:00Z') });
    expect(await judge({ statusList: empty, now: new Date('2029-11-26T17:00:00Z') })).toMatchObject({
      state: 'expired',
    });
  });
});

describe('reading a scanned QR text', () => {
  const address = `https://township.example/verify/${FIELDS.serial}?c=7kq2-m9xd`;

  it('takes the payload after "#" and the serial and check code of the address; a bare payload too', () => {
    expect(readScannedQr(`${address}#${encodeURIComponent(payload)}`)).toEqual({
      payload,
      serial: FIELDS.serial,
      checkCode: '7KQ2M9XD',
    });
    expect(readScannedQr(` ${payload}\n`)).toEqual({ payload, checkCode: null });
    // Without a usable code there is nothing to ask the register; the payload is still judged.
    expect(readScannedQr(`https://x.example/verify/A-1?c=nope#${encodeURIComponent(payload)}`)).toEqual({
      payload,
      serial: 'A-1',
      checkCode: null,
    });
  });

  it('refuses what is not a certificate QR: no payload, another path or scheme, broken encoding', () => {
    for (const text of [
      '',
      'hello',
      address,
      `${address}#`,
      `https://township.example/other/${FIELDS.serial}#x`,
      `https://township.example/verify/${FIELDS.serial}/more#x`,
      `javascript://township.example/verify/A-1#x`,
      `https://township.example/verify/A-1#%E4%B8`,
      'HYZR1|k1|20261127T020000Z|20261127T080000Z||sig',
    ]) {
      expect(readScannedQr(text), text).toBeNull();
    }
  });

  it('judges a QR whose address names another serial than its payload as not genuine', async () => {
    const scanned = readScannedQr(
      `https://x.example/verify/DEMO-2026-000008#${encodeURIComponent(payload)}`,
    )!;
    expect(
      await judgeQrPayload({
        payload: scanned.payload,
        keys,
        statusList: null,
        now: NOW,
        expectedSerial: scanned.serial,
      }),
    ).toEqual({ state: 'not_genuine', reason: 'serial_mismatch' });
  });
});
