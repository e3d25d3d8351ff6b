// Every text a person sees comes from the locale files: every key exists in every language, with the
// same {{placeholders}}, and nothing is left empty.
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

const textOf = (lng: string, ns: string, key: string) =>
  flatten((resources[lng as keyof typeof resources] as Record<string, Tree>)[ns]!).get(key) ?? '';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  for (const ns of NAMESPACES) {
    const reference = flatten((resources[DEFAULT_LANGUAGE] as Record<string, Tree>)[ns]!);
    for (const lng of SUPPORTED_LANGUAGES) {
      it(`has every ${ns} key in ${lng}, using only placeholders the code passes, and no empty text`, () => {
        const texts = flatten((resources[lng] as Record<string, Tree>)[ns]!);
        expect([...texts.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, text] of texts) {
          expect(text.trim(), `${lng}/${ns}: ${key}`).not.toBe('');
          // A language may leave a value out (e.g. a date written as {{iso}} instead of its parts), but
          // never use one that no language uses: the code would not pass it.
          const known = new Set(SUPPORTED_LANGUAGES.flatMap((l) => placeholders(textOf(l, ns, key))));
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
