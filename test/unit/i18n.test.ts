// Every text a person sees comes from the locale files: every key exists in every language (with the
// plural forms that language's rules use), with the same {{placeholders}}, and nothing is left empty;
// English counts are worded with plural forms, never "item(s)".
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, translator } from '../../core/i18n';
import { NAMESPACES, resources } from '../../core/i18n/resources';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

// Flattened once per language and namespace: looking every key up in every language stays linear.
const flattened = new Map<string, Map<string, string>>();
const textOf = (lng: string, ns: string, key: string) => {
  let texts = flattened.get(`${lng}|${ns}`);
  if (!texts) {
    texts = flatten((resources[lng as keyof typeof resources] as Record<string, Tree>)[ns]!);
    flattened.set(`${lng}|${ns}`, texts);
  }
  return texts.get(key) ?? '';
};

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

// Plural forms (i18next's key_one, key_other…): each language has the forms its own rules use.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (texts: Map<string, string>) =>
  [...new Set([...texts.keys()].map((k) => k.replace(PLURAL, '')))].sort();
const pluralForms = (texts: Map<string, string>, base: string) =>
  [...texts.keys()]
    .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
    .map((k) => PLURAL.exec(k)![1])
    .sort();

describe('locale files', () => {
  for (const ns of NAMESPACES) {
    const reference = flatten((resources[DEFAULT_LANGUAGE] as Record<string, Tree>)[ns]!);
    for (const lng of SUPPORTED_LANGUAGES) {
      it(`has every ${ns} key in ${lng}, using only placeholders the code passes, and no empty text`, () => {
        const texts = flatten((resources[lng] as Record<string, Tree>)[ns]!);
        expect(baseKeys(texts)).toEqual(baseKeys(reference));
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        for (const base of baseKeys(texts)) {
          const forms = pluralForms(texts, base);
          if (forms.length > 0 || pluralForms(reference, base).length > 0)
            expect(forms, `${lng}/${ns}: plural forms of ${base}`).toEqual([...categories].sort());
        }
        for (const [key, text] of texts) {
          expect(text.trim(), `${lng}/${ns}: ${key}`).not.toBe('');
          // A language may leave a value out (e.g. a date written as {{iso}} instead of its parts), but
          // never use one that no language uses: the code would not pass it.
          const forms = (l: string) =>
            ['', '_zero', '_one', '_two', '_few', '_many', '_other'].map((f) =>
              textOf(l, ns, key.replace(PLURAL, '') + f),
            );
          const known = new Set(SUPPORTED_LANGUAGES.flatMap((l) => forms(l).flatMap(placeholders)));
          for (const p of placeholders(text))
            expect(known.has(p), `${lng}/${ns}: ${key} uses {{${p}}}`).toBe(true);
        }
      });
    }
  }

  it('falls back to Simplified Chinese, never to a bare key, for a language it does not know', () => {
    const t = translator('fr' as never, 'bot');
    expect(t('help')).toBe(translator('zh-CN', 'bot')('help'));
  });
});

describe('locale files on disk', () => {
  // JSON.parse keeps the last of two equal keys silently: a merge that leaves both hides a text.
  it('have no key twice in one object', () => {
    const root = new URL('../../core/i18n/locales/', import.meta.url);
    const twice: string[] = [];
    for (const lng of readdirSync(root)) {
      for (const file of readdirSync(new URL(`${lng}/`, root))) {
        const text = readFileSync(new URL(`${lng}/${file}`, root), 'utf8');
        const seen: Set<string>[] = [];
        // Strings are matched whole, so braces inside texts ({{count}}) are not taken for objects.
        for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"(\s*:)?|[{}]/g)) {
          if (m[0] === '{') seen.push(new Set());
          else if (m[0] === '}') seen.pop();
          else if (!m[2]) continue;
          else if (seen.at(-1)?.has(m[1]!)) twice.push(`${lng}/${file}: ${m[1]}`);
          else seen.at(-1)?.add(m[1]!);
        }
      }
    }
    expect(twice).toEqual([]);
  });
});

describe('counts in English', () => {
  it('are written with plural forms, never as "(s)"', () => {
    const en = [...NAMESPACES].flatMap((ns) => [
      ...flatten((resources.en as Record<string, Tree>)[ns]!).entries(),
    ]);
    expect(en.filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
    expect(translator('en', 'app')('review.queue.total', { count: 0 })).toBe('0 applications');
    expect(translator('en', 'app')('review.queue.total', { count: 1 })).toBe('1 application');
    expect(translator('zh-CN', 'app')('review.queue.total', { count: 1 })).toMatch(/^共 ?1/);
  });

  it('use no full-width punctuation in English texts', () => {
    const en = [...NAMESPACES].flatMap((ns) => [
      ...flatten((resources.en as Record<string, Tree>)[ns]!).entries(),
    ]);
    expect(en.filter(([, text]) => /[\u3000-\u303f\uff01-\uff1f]/.test(text)).map(([key]) => key)).toEqual(
      [],
    );
  });
});
