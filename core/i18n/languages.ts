// Supported languages; zh-CN is the default and the fallback for every missing text.
export const SUPPORTED_LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
};

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(v);
}

/** Maps a Telegram `language_code` (IETF tag, e.g. "zh-hans", "zh-TW", "en-US") to ours. */
export function languageFromTelegram(code: string | undefined | null): Language {
  if (!code) return DEFAULT_LANGUAGE;
  const c = code.toLowerCase();
  if (c === 'zh-tw' || c === 'zh-hk' || c === 'zh-mo' || c.startsWith('zh-hant')) return 'zh-TW';
  if (c.startsWith('zh')) return 'zh-CN';
  if (c.startsWith('en')) return 'en';
  return DEFAULT_LANGUAGE;
}
