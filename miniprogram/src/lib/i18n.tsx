// The mini app's translator: the same locale files as the server (core/i18n/locales), one language
// loaded at a time. A small i18next-compatible subset (nested keys, "ns:key", {{name}}, _one/_other
// plurals with `count`) instead of i18next itself, which would cost ~14 KB gzipped of a 60 KB budget.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  languageFromTelegram,
} from '../../../core/i18n/languages';
import type adminTexts from '../../../core/i18n/locales/zh-CN/admin.json';
import type appTexts from '../../../core/i18n/locales/zh-CN/app.json';
import type campaignTexts from '../../../core/i18n/locales/zh-CN/campaigns.json';
import type certificateTexts from '../../../core/i18n/locales/zh-CN/certificates.json';
import type commonTexts from '../../../core/i18n/locales/zh-CN/common.json';
import type fileAppTexts from '../../../core/i18n/locales/zh-CN/file-app.json';
import type publicityTexts from '../../../core/i18n/locales/zh-CN/publicity.json';
import type reportTexts from '../../../core/i18n/locales/zh-CN/report.json';
import type tipoffDeskTexts from '../../../core/i18n/locales/zh-CN/tipoff-desk.json';
import type tipoffTexts from '../../../core/i18n/locales/zh-CN/tipoffs.json';

export type { Language };

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type StripPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
/** Every leaf key of a locale file as "a.b.c" (plural variants collapsed to their base key). */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${StripPlural<K>}`
    : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Keys of app.json bare, other namespaces prefixed: t('home.greeting'), t('common:roles.admin'). */
export type TextKey =
  | Leaves<typeof appTexts>
  | `common:${Leaves<typeof commonTexts>}`
  | `certificates:${Leaves<typeof certificateTexts>}`
  | `campaigns:${Leaves<typeof campaignTexts>}`
  | `publicity:${Leaves<typeof publicityTexts>}`
  | `tipoffDesk:${Leaves<typeof tipoffDeskTexts>}`
  | `report:${Leaves<typeof reportTexts>}`
  | `tipoffs:${Leaves<typeof tipoffTexts>}`
  | `fileApp:${Leaves<typeof fileAppTexts>}`
  | `admin:${Leaves<typeof adminTexts>}`;
export type TextParams = Record<string, string | number>;
export type Translate = (key: TextKey, params?: TextParams) => string;

type Tree = { readonly [key: string]: unknown };
interface Bundle {
  app: Tree;
  common: Tree;
}

// One chunk per language (see ./locales): the first screen downloads only the language in use.
const loaders: Record<Language, () => Promise<Bundle>> = {
  'zh-CN': () => import('./locales/zh-cn'),
  'zh-TW': () => import('./locales/zh-tw'),
  en: () => import('./locales/en'),
};
const loaded = new Map<Language, Promise<Bundle>>();

/**
 * Namespaces only some pages need: the certificate vocabulary (sexes, marital statuses, validation
 * messages), the campaign vocabulary shared with the bot (topics, statuses, failure reasons) and the
 * publicity pages' own texts, the tip-off vocabulary shared with the bot (tipoffs), the reporter's
 * tip-off screens (report, shared with the login-free /report page), the tip-off officers' pages
 * (tipoffDesk) and the service-file pages (fileApp). They load with those pages (lazyPage's
 * `namespaces`), never with the first screen.
 */
export type ExtraNamespace =
  | 'certificates'
  | 'campaigns'
  | 'publicity'
  | 'report'
  | 'tipoffDesk'
  | 'tipoffs'
  | 'fileApp'
  | 'admin';
const extraLoaders: Record<ExtraNamespace, Record<Language, () => Promise<Tree>>> = {
  certificates: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/certificates.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/certificates.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/certificates.json').then((m) => m.default),
  },
  campaigns: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/campaigns.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/campaigns.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/campaigns.json').then((m) => m.default),
  },
  publicity: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/publicity.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/publicity.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/publicity.json').then((m) => m.default),
  },
  tipoffDesk: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/tipoff-desk.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/tipoff-desk.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/tipoff-desk.json').then((m) => m.default),
  },
  report: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/report.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/report.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/report.json').then((m) => m.default),
  },
  tipoffs: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/tipoffs.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/tipoffs.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/tipoffs.json').then((m) => m.default),
  },
  fileApp: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/file-app.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/file-app.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/file-app.json').then((m) => m.default),
  },
  admin: {
    'zh-CN': () => import('../../../core/i18n/locales/zh-CN/admin.json').then((m) => m.default),
    'zh-TW': () => import('../../../core/i18n/locales/zh-TW/admin.json').then((m) => m.default),
    en: () => import('../../../core/i18n/locales/en/admin.json').then((m) => m.default),
  },
};
const extraTrees = new Map<string, Tree>();
const extraRequests = new Map<string, Promise<Tree>>();
// Every namespace asked for so far: a language switch loads them too, so open pages keep their texts.
const wantedNamespaces = new Set<ExtraNamespace>();

/** Loads one extra namespace for a language (cached; a failed download can be retried). */
export function loadNamespace(language: Language, ns: ExtraNamespace): Promise<void> {
  wantedNamespaces.add(ns);
  const key = `${language}|${ns}`;
  let request = extraRequests.get(key);
  if (!request) {
    request = extraLoaders[ns][language]();
    extraRequests.set(key, request);
    request.then(
      (tree) => extraTrees.set(key, tree),
      () => extraRequests.delete(key),
    );
  }
  return request.then(() => undefined);
}

export function hasNamespace(language: Language, ns: ExtraNamespace): boolean {
  return extraTrees.has(`${language}|${ns}`);
}

function lookup(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

export function createTranslator(language: Language, bundle: Bundle): Translate {
  const plurals = new Intl.PluralRules(language);
  return (key, params) => {
    const colon = key.indexOf(':');
    const ns = colon > 0 ? key.slice(0, colon) : 'app';
    const tree =
      ns === 'app'
        ? bundle.app
        : ns === 'common'
          ? bundle.common
          : (extraTrees.get(`${language}|${ns}`) ?? {});
    const path = colon > 0 ? key.slice(colon + 1) : key;
    let text: unknown;
    if (typeof params?.count === 'number') {
      text = lookup(tree, `${path}_${plurals.select(params.count)}`) ?? lookup(tree, `${path}_other`);
    }
    text ??= lookup(tree, path);
    // A missing text shows its key: visible in screenshots and tests, never a blank UI.
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
  };
}

export interface I18n {
  language: Language;
  t: Translate;
}

/** Loads one language's texts (cached) and returns its translator. */
export async function loadI18n(language: Language): Promise<I18n> {
  let bundle = loaded.get(language);
  if (!bundle) {
    bundle = loaders[language]();
    loaded.set(language, bundle);
    // A failed chunk download must be retryable, not cached forever.
    bundle.catch(() => loaded.delete(language));
  }
  const [texts] = await Promise.all([
    bundle,
    ...[...wantedNamespaces].map((ns) => loadNamespace(language, ns)),
  ]);
  return { language, t: createTranslator(language, texts) };
}

const STORAGE_KEY = 'app.language';

/** Remembers the person's language so the next launch starts in it before /api/me answers. */
export function rememberLanguage(userId: number | undefined, language: Language): void {
  try {
    localStorage.setItem(`${STORAGE_KEY}.${userId ?? 'anonymous'}`, language);
  } catch {
    // storage can be disabled in some webviews; the language then comes from /api/me
  }
}

/** Best guess before the server is asked: remembered choice, Telegram's language_code, the browser. */
export function initialLanguage(
  userId: number | undefined,
  telegramLanguageCode: string | undefined,
): Language {
  try {
    const stored = localStorage.getItem(`${STORAGE_KEY}.${userId ?? 'anonymous'}`);
    if (isLanguage(stored)) return stored;
  } catch {
    // ignore: no storage
  }
  if (telegramLanguageCode) return languageFromTelegram(telegramLanguageCode);
  const browser = navigator.languages?.find((l) => /^(zh|en)\b/i.test(l));
  return browser ? languageFromTelegram(browser) : DEFAULT_LANGUAGE;
}

export const I18nContext = createContext<I18n & { setLanguage: (language: Language) => Promise<void> }>({
  language: DEFAULT_LANGUAGE,
  t: (key) => key,
  setLanguage: async () => {},
});

export function useI18n() {
  return useContext(I18nContext);
}

/** The current translator; components re-render when the language changes. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}
