// Pure tip-off rules: screening in three languages, the receipt's shape, the signed receipt.
import { describe, expect, it } from 'vitest';
import { importSigningKey, publicKeyOf } from '../../../core/certificates/certificate-signing';
import { cryptoIds } from '../../../core/runtime';
import { signTipReceipt } from '../../../core/tipoffs/submit-tip';
import { generateReceipt } from '../../../core/tipoffs/tip-receipt';
import { tipContentHash, verifySignedTipReceipt } from '../../../core/tipoffs/tip-receipt-verdict';
import {
  formatReceipt,
  normalizeReceipt,
  TIP_CATEGORIES,
  TIP_STATUSES,
} from '../../../core/tipoffs/tipoff-schema';
import { screenTipText } from '../../../core/tipoffs/tipoff-screening';
import { TIP_CATEGORIES as DB_CATEGORIES, TIP_STATUSES as DB_STATUSES } from '../../../db/schema/tipoffs';
import { LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID } from '../../../scripts/local-config';

describe('screening a tip-off', () => {
  it.each([
    ['zh-CN', '我邻居怀孕三个月了'],
    ['zh-CN', '她怀孕了，想去查男女'],
    ['zh-TW', '隔壁王某某懷孕了'],
    ['zh-TW', '我嫂子懷上了第二胎'],
    ['en', 'my neighbour is pregnant'],
    ['en', 'She is pregnant again'],
    ['en', "My sister's abortion was last week"],
  ])('refuses text about a private person in %s: %s', (_lng, text) => {
    expect(screenTipText(text)).toBe('private_pregnancy');
  });

  it.each([
    ['zh-CN', '县医院B超室张医生收钱给孕妇做胎儿性别鉴定'],
    ['zh-CN', '村干部对超生家庭乱收费每户5000元'],
    ['zh-TW', '東街診所晚上偷偷幫孕婦驗胎兒性別，收費八百元'],
    ['en', 'The clinic on Main Street tells pregnant women the sex of the fetus for 500 yuan'],
    ['en', 'Dr Wang charged 800 yuan for a sex test'],
    ['en', 'The pharmacy sells abortion pills without a prescription'],
  ])('accepts a report about a practice or provider in %s: %s', (_lng, text) => {
    expect(screenTipText(text)).toBeNull();
  });

  it('refuses resident ID numbers and mobile numbers, but not a clinic landline', () => {
    expect(screenTipText('身份证号110101199003071234')).toBe('id_number');
    expect(screenTipText('電話 138 1234 5678')).toBe('phone_number');
    expect(screenTipText('call +86 139-1234-5678')).toBe('phone_number');
    expect(screenTipText('诊所电话 0571-88886666')).toBeNull();
  });
});

describe('the receipt', () => {
  it('is 16 random digits, shown in groups of four, typed back with spaces, dashes or full-width digits', () => {
    const receipt = generateReceipt(cryptoIds);
    expect(receipt).toMatch(/^\d{16}$/);
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(normalizeReceipt(' 1234-5678 9012–3456 ')).toBe('1234567890123456');
    expect(normalizeReceipt('１２３４５６７８９０１２３４５６')).toBe('1234567890123456');
    expect(normalizeReceipt('123456789012345')).toBeNull();
    expect(normalizeReceipt('12345678901234567')).toBeNull();
  });

  it('spreads its digits evenly (no modulo bias)', () => {
    const counts = Array<number>(10).fill(0);
    for (let i = 0; i < 500; i++) for (const d of generateReceipt(cryptoIds)) counts[Number(d)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(600);
  });
});

describe('the signed receipt (HYJB1)', () => {
  const deps = {
    config: {
      certificates: { signingKey: { seed: LOCAL_CERT_SIGNING_KEY, keyId: LOCAL_CERT_SIGNING_KEY_ID } },
    },
  } as never;
  const content = {
    category: 'abortion_drug_sales' as const,
    place: '东街药店',
    what: '无处方出售米非司酮',
    period: '2026年10月',
  };

  it('proves number, day, category and content hash with the certificates key, verifiable offline', async () => {
    const contentHash = await tipContentHash(content);
    const text = await signTipReceipt(deps, {
      townshipCode: 'demo',
      number: 7,
      day: '2026-11-27',
      category: 'abortion_drug_sales',
      contentHash,
    });
    expect(text).toMatch(/^HYJB1\|dev-1\|demo\|7\|20261127\|D\|[A-Za-z0-9_-]{43}\|[A-Za-z0-9_-]{86}$/);
    const keys = [{ kid: LOCAL_CERT_SIGNING_KEY_ID, publicKey: await publicKeyOf(LOCAL_CERT_SIGNING_KEY) }];
    expect(await verifySignedTipReceipt(text, keys)).toEqual({
      valid: true,
      kid: 'dev-1',
      townshipCode: 'demo',
      number: 7,
      day: '2026-11-27',
      category: 'abortion_drug_sales',
      contentHash,
    });
    const forged = text.replace('|7|', '|6|');
    expect(await verifySignedTipReceipt(forged, keys)).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verifySignedTipReceipt('HYJB1|x', keys)).toEqual({ valid: false, reason: 'format' });
    expect(await verifySignedTipReceipt(text.replace('dev-1', 'old-9'), keys)).toEqual({
      valid: false,
      reason: 'unknown_key',
    });
    await importSigningKey(LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID);
  });

  it('changes its content hash when any word of the content changes', async () => {
    expect(await tipContentHash(content)).not.toBe(
      await tipContentHash({ ...content, what: '无处方出售米索前列醇' }),
    );
  });
});

describe('the database and the pure schema', () => {
  it('list the same categories and statuses', () => {
    expect([...DB_CATEGORIES]).toEqual([...TIP_CATEGORIES]);
    expect([...DB_STATUSES]).toEqual([...TIP_STATUSES]);
  });
});
