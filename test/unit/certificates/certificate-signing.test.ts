// Ed25519 signing of the certificate QR payload (format HYZM1), checked against independent verifiers.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as noble from '@noble/ed25519';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCertificatePayload,
  type CertificatePayloadFields,
  generateSigningSeed,
  importSigningKey,
  parseCertificatePayload,
  publicKeyOf,
  type SigningKey,
  verifyCertificatePayload,
} from '../../../core/certificates/certificate-signing';
import { LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID } from '../../../scripts/local-config';

// The documented example: male, as the ID's odd 17th digit says (GB 11643), with a valid check digit.
const fields: CertificatePayloadFields = {
  serial: 'HY-2026-000123',
  name: '张小明',
  sex: 'male',
  idNumber: '110105194912310011',
  maritalStatus: 'first_marriage',
  childrenCount: 2,
  issuerCode: '361102101',
  issueDate: '2026-11-25',
  validUntil: '2027-11-24',
};

const b64url = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const otherSeed = Buffer.alloc(32, 7).toString('base64url');

let key: SigningKey;
let payload: string;
beforeAll(async () => {
  key = await importSigningKey(LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID);
  payload = await buildCertificatePayload(fields, key);
});
const published = () => [{ kid: key.kid, publicKey: key.publicKey }];

describe('buildCertificatePayload', () => {
  it('lays out the twelve fields in the documented order and encodings', () => {
    const parts = payload.split('|');
    expect(parts).toHaveLength(12);
    expect(parts.slice(0, 11)).toEqual([
      'HYZM1',
      'dev-1',
      'HY-2026-000123',
      '张小明',
      'M',
      '110105194912310011',
      'F',
      '2',
      '361102101',
      '20261125',
      '20271124',
    ]);
    expect(parts[11]).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it.each([
    ['unmarried', 'U'],
    ['first_marriage', 'F'],
    ['remarried', 'R'],
    ['divorced', 'D'],
    ['widowed', 'W'],
  ] as const)('writes marital status %s as %s', async (maritalStatus, code) => {
    const text = await buildCertificatePayload({ ...fields, maritalStatus }, key);
    expect(text.split('|')[6]).toBe(code);
  });

  it('writes a woman as F and no children as 0', async () => {
    const text = await buildCertificatePayload({ ...fields, sex: 'female', childrenCount: 0 }, key);
    expect(text.split('|')[4]).toBe('F');
    expect(text.split('|')[7]).toBe('0');
  });

  it('signs deterministically: the same fields and key give the same payload', async () => {
    expect(await buildCertificatePayload(fields, key)).toBe(payload);
  });

  it.each([
    ['a name', { name: '张|明' }],
    ['a serial', { serial: 'HY|1' }],
    ['an issuer code', { issuerCode: '36|1102' }],
  ])('refuses "|" in %s', async (_, change) => {
    await expect(buildCertificatePayload({ ...fields, ...change }, key)).rejects.toThrow(/"\|"/);
  });

  it.each([
    ['a line break in the name', { name: '张\n明' }],
    ['an empty serial', { serial: '' }],
    ['an impossible issue date', { issueDate: '2026-02-30' }],
    ['a compact valid-until date', { validUntil: '20271124' }],
    ['a lowercase x in the ID', { idNumber: '11010519491231002x' }],
    ['a negative number of children', { childrenCount: -1 }],
    ['a fractional number of children', { childrenCount: 1.5 }],
  ])('refuses %s', async (_, change) => {
    await expect(buildCertificatePayload({ ...fields, ...change }, key)).rejects.toThrow();
  });
});

describe('verifyCertificatePayload', () => {
  it('accepts a payload it signed and returns its fields', async () => {
    expect(await verifyCertificatePayload(payload, published())).toEqual({
      valid: true,
      kid: 'dev-1',
      fields,
    });
  });

  it('rejects a payload in which any signed field was changed', async () => {
    // A well-formed replacement for each of fields 3–11, so only the signature can catch it.
    const replacements: Record<number, string> = {
      2: 'HY-2026-000124',
      3: '张小朋',
      4: 'F',
      5: '110105194912310039',
      6: 'U',
      7: '3',
      8: '361102102',
      9: '20261126',
      10: '20371124',
    };
    for (const [index, value] of Object.entries(replacements)) {
      const parts = payload.split('|');
      parts[Number(index)] = value;
      const result = await verifyCertificatePayload(parts.join('|'), published());
      expect(result, `field ${index}`).toEqual({ valid: false, reason: 'bad_signature' });
    }
  });

  it('rejects a changed signature', async () => {
    const sig = payload.slice(-86);
    const tampered = payload.slice(0, -86) + sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    expect(await verifyCertificatePayload(tampered, published())).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a payload whose kid is not among the published keys', async () => {
    expect(await verifyCertificatePayload(payload, [{ kid: '2026a', publicKey: key.publicKey }])).toEqual({
      valid: false,
      reason: 'unknown_key',
    });
    expect(await verifyCertificatePayload(payload, [])).toEqual({ valid: false, reason: 'unknown_key' });
  });

  it('rejects a payload re-labelled with another published kid', async () => {
    const other = await importSigningKey(otherSeed, '2026a');
    const keys = [...published(), { kid: other.kid, publicKey: other.publicKey }];
    const relabelled = payload.replace('|dev-1|', '|2026a|');
    expect(await verifyCertificatePayload(relabelled, keys)).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('picks the key by kid when several are published (key rotation)', async () => {
    const other = await importSigningKey(otherSeed, '2026a');
    const keys = [{ kid: other.kid, publicKey: other.publicKey }, ...published()];
    const newer = await buildCertificatePayload(fields, other);
    expect(await verifyCertificatePayload(newer, keys)).toMatchObject({ valid: true, kid: '2026a' });
    expect(await verifyCertificatePayload(payload, keys)).toMatchObject({ valid: true, kid: 'dev-1' });
  });

  it('rejects the right kid with the wrong public key', async () => {
    const wrong = await publicKeyOf(otherSeed);
    expect(await verifyCertificatePayload(payload, [{ kid: 'dev-1', publicKey: wrong }])).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['an empty text', ''],
    ['a URL', 'https://example.com/verify?x=1'],
    ['a missing field', () => payload.replace('|M|', '|')],
    ['an extra field', () => payload.replace('|M|', '|M|x|')],
    ['a trailing newline', () => `${payload}\n`],
    ['another version', () => payload.replace('HYZM1', 'HYZM2')],
  ])('answers "format" for %s', async (_, text) => {
    const value = typeof text === 'function' ? text() : text;
    expect(await verifyCertificatePayload(value, published())).toEqual({ valid: false, reason: 'format' });
  });

  it('throws on a misconfigured public key rather than calling certificates forged', async () => {
    await expect(
      verifyCertificatePayload(payload, [{ kid: 'dev-1', publicKey: 'too-short' }]),
    ).rejects.toThrow(/32 bytes/);
  });
});

describe('parseCertificatePayload', () => {
  it('returns the fields, the signed part and the signature', () => {
    const parsed = parseCertificatePayload(payload);
    expect(parsed).toEqual({
      ok: true,
      kid: 'dev-1',
      fields,
      signedPart: payload.slice(0, payload.lastIndexOf('|')),
      signature: payload.slice(-86),
    });
  });

  it('tells another version of the format apart from garbage', () => {
    expect(parseCertificatePayload(payload.replace('HYZM1', 'HYZM2'))).toEqual({
      ok: false,
      reason: 'version',
    });
    expect(parseCertificatePayload('hello|world')).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['sex X', 4, 'X'],
    ['marital status M', 6, 'M'],
    ['children with a leading zero', 7, '02'],
    ['an impossible date', 9, '20260230'],
    ['an ISO date', 10, '2027-11-24'],
    ['an ID with lowercase x', 5, '11010519491231002x'],
    ['a kid with a space', 1, 'dev 1'],
    ['an empty name', 3, ''],
    ['a padded signature', 11, `${'A'.repeat(86)}==`],
    ['a signature of 63 bytes', 11, 'A'.repeat(84)],
    ['a base64 (not base64url) signature', 11, `${'+'.repeat(85)}A`],
  ])('rejects %s as malformed', (_, index, value) => {
    const parts = payload.split('|');
    parts[index] = value;
    expect(parseCertificatePayload(parts.join('|'))).toEqual({ ok: false, reason: 'format' });
  });

  it('rejects a non-canonical base64url signature (unused trailing bits set)', () => {
    // 64 bytes → 86 characters whose last one carries 4 unused bits; 'B' sets one of them.
    const sig = payload.slice(-86);
    const canonicalLast = sig.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical = alphabet[alphabet.indexOf(canonicalLast) + 1]!;
    expect(parseCertificatePayload(payload.slice(0, -1) + nonCanonical)).toEqual({
      ok: false,
      reason: 'format',
    });
  });
});

describe('signing keys', () => {
  it('imports the seed as a private key that cannot be exported', async () => {
    expect(key.privateKey.extractable).toBe(false);
    expect(key.privateKey.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
  });

  it('derives the public key of RFC 8032 test vector 1 from its seed', async () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const expected = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
    expect(await publicKeyOf(seed.toString('base64url'))).toBe(expected.toString('base64url'));
  });

  it('generates distinct random 32-byte seeds that import', async () => {
    const a = generateSigningSeed();
    const b = generateSigningSeed();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b64url(a)).toHaveLength(32);
    await expect(importSigningKey(a, 'k1')).resolves.toMatchObject({ kid: 'k1' });
  });

  it.each([
    ['a 31-byte seed', Buffer.alloc(31, 1).toString('base64url')],
    ['a 33-byte seed', Buffer.alloc(33, 1).toString('base64url')],
    ['a hex seed', Buffer.alloc(32, 1).toString('hex')],
    ['an empty seed', ''],
  ])('refuses %s', async (_, seed) => {
    await expect(importSigningKey(seed, 'k1')).rejects.toThrow(/CERT_SIGNING_KEY/);
  });

  it('refuses a kid that could not be written into the payload', async () => {
    await expect(importSigningKey(LOCAL_CERT_SIGNING_KEY, 'a|b')).rejects.toThrow(/CERT_SIGNING_KEY_ID/);
    await expect(importSigningKey(LOCAL_CERT_SIGNING_KEY, '')).rejects.toThrow(/CERT_SIGNING_KEY_ID/);
  });
});

describe('independent verification', () => {
  it('verifies with @noble/ed25519, a plain Ed25519 implementation', async () => {
    const cut = payload.lastIndexOf('|');
    const message = new TextEncoder().encode(payload.slice(0, cut));
    const signature = b64url(payload.slice(cut + 1));
    expect(await noble.verifyAsync(signature, message, b64url(key.publicKey))).toBe(true);
    // And noble derives the same public key from the seed.
    expect(
      Buffer.from(await noble.getPublicKeyAsync(b64url(LOCAL_CERT_SIGNING_KEY))).toString('base64url'),
    ).toBe(key.publicKey);
    const tampered = new TextEncoder().encode(payload.slice(0, cut).replace('张小明', '张小朋'));
    expect(await noble.verifyAsync(signature, tampered, b64url(key.publicKey))).toBe(false);
  });

  it("verifies with node:crypto's verify and a JWK public key", () => {
    const cut = payload.lastIndexOf('|');
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey },
      format: 'jwk',
    });
    const ok = nodeVerify(
      null,
      Buffer.from(payload.slice(0, cut), 'utf8'),
      publicKey,
      Buffer.from(payload.slice(cut + 1), 'base64url'),
    );
    expect(ok).toBe(true);
  });
});

describe('docs/certificate-qr-format.md', () => {
  const doc = readFileSync(new URL('../../../docs/certificate-qr-format.md', import.meta.url), 'utf8');

  it('publishes the public key of the local test key', () => {
    const documented = /public key \(base64url\): (\S+)/.exec(doc)?.[1];
    expect(documented).toBe(key.publicKey);
  });

  it('shows an example payload that verifies and that this code produces', async () => {
    const example = /^(HYZM1\|dev-1\|.+)$/m.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(await verifyCertificatePayload(example!, published())).toEqual({
      valid: true,
      kid: 'dev-1',
      fields,
    });
    expect(example).toBe(payload);
    expect(doc).toContain(`${new TextEncoder().encode(example!).length} bytes of UTF-8`);
  });
});
