// The `certificates` namespace: registered, complete in every language, and covering every key the
// certificate code can produce.
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KINDS,
  MARITAL_STATUSES,
  SEXES,
  VALIDATION_KEYS,
} from '../../../core/certificates/application-schema';
import { getI18n, SUPPORTED_LANGUAGES, translator } from '../../../core/i18n';
import { NAMESPACES, resources } from '../../../core/i18n/resources';

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
}

const flat = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((lng) => [lng, flatten(resources[lng].certificates as unknown as Tree)]),
);

describe('certificates locale namespace', () => {
  it('is registered with i18next', () => {
    expect(NAMESPACES).toContain('certificates');
  });

  it('has exactly the same keys in zh-CN, zh-TW and en', () => {
    // Plural forms differ by language (en: _one/_other, Chinese: _other); test/unit/i18n.test.ts checks them.
    const keys = (lng: string) =>
      [...new Set(Object.keys(flat[lng]!).map((k) => k.replace(/_(one|other)$/, '')))].sort();
    for (const lng of SUPPORTED_LANGUAGES) expect(keys(lng), lng).toEqual(keys('zh-CN'));
  });

  it('has no empty text', () => {
    for (const lng of SUPPORTED_LANGUAGES)
      for (const [key, text] of Object.entries(flat[lng]!)) expect(text.trim(), `${lng} ${key}`).not.toBe('');
  });

  it('has a message for every validation key the schemas can produce, in every language', () => {
    for (const lng of SUPPORTED_LANGUAGES)
      for (const key of VALIDATION_KEYS) expect(flat[lng], lng).toHaveProperty([`validation.${key}`]);
  });

  it('names every sex, marital status and document kind', () => {
    for (const lng of SUPPORTED_LANGUAGES) {
      const t = translator(lng, 'certificates');
      for (const sex of SEXES) expect(t(`sex.${sex}`)).not.toBe(`sex.${sex}`);
      for (const status of MARITAL_STATUSES)
        expect(t(`maritalStatus.${status}`)).not.toBe(`maritalStatus.${status}`);
      for (const kind of DOCUMENT_KINDS) expect(t(`documentKind.${kind}`)).not.toBe(`documentKind.${kind}`);
    }
  });

  it('resolves a schema message (namespace:key) to a sentence in each language', () => {
    const i18n = getI18n();
    expect(i18n.t('certificates:validation.idCheckDigit', { lng: 'zh-CN' })).toBe(
      '身份证号码最后一位校验码不正确，请逐位核对号码。',
    );
    expect(i18n.t('certificates:validation.idCheckDigit', { lng: 'zh-TW' })).toContain('身分證');
    expect(i18n.t('certificates:validation.idCheckDigit', { lng: 'en' })).toContain('check digit');
  });

  it('formats the certificate date the Chinese way and the ISO way in English', () => {
    const args = { year: '2026', month: 11, day: 5, iso: '2026-11-05' };
    expect(translator('zh-CN', 'certificates')('pdf.date', args)).toBe('2026年11月5日');
    expect(translator('en', 'certificates')('pdf.date', args)).toBe('2026-11-05');
  });
});
