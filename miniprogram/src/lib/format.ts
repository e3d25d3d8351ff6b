// Dates and lists in the reader's language (deadlines, issue dates, village lists).
import type { Language, Translate } from './i18n';

const formats = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** '2026年11月27日' / 'Nov 27, 2026'. Accepts the API's ISO strings. */
export function formatDate(
  value: Date | string | number,
  language: Language,
  style: keyof typeof STYLES = 'date',
): string {
  const key = `${language}|${style}`;
  let format = formats.get(key);
  if (!format) {
    // Office hours and deadlines are China Standard Time wherever the reader is.
    format = new Intl.DateTimeFormat(language, { ...STYLES[style], timeZone: 'Asia/Shanghai' });
    formats.set(key, format);
  }
  return format.format(new Date(value));
}

/** Joins names with the language's separator ('、' or ', '). */
export function formatList(items: readonly string[], t: Translate): string {
  return items.join(t('ui.listSeparator'));
}
