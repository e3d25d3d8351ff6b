// Character-level rules of Telegram's HTML parse mode (tdlib's parse_html), used by the parser in
// ./telegram-html.ts: what counts as space, character references, ASCII-only case folding, custom
// emoji ids, and Telegram's wording of each error.
import type { TelegramHtmlError } from './telegram-html';

// tdlib reads a C string: the terminating NUL counts as space, so "end of input" is END here. A NUL
// inside the text is refused up front (the edge guard refuses it too), so END is never ambiguous.
export const END = '\0';
export const isSpace = (c: string) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === END;
const NAMED = new Map([
  ['lt', 0x3c],
  ['gt', 0x3e],
  ['amp', 0x26],
  ['quot', 0x22],
]);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The character reference at input[i] (an '&'), as Telegram reads it: &lt; &gt; &amp; &quot; and
 * &#NNN; / &#xHH; with the ';' optional; null when Telegram keeps the '&' as text — another name,
 * &#0; (never a NUL), a number of 10 or more characters, U+10FFFF or beyond.
 */
export function readReference(input: string, i: number): { code: number; end: number } | null {
  let end = i + 1;
  let code: number | undefined;
  if (input[end] === '#') {
    const hex = input[end + 1] === 'x';
    end += hex ? 2 : 1;
    const digits = hex ? /[0-9a-fA-F]*/y : /[0-9]*/y;
    digits.lastIndex = end;
    const number = digits.exec(input)?.[0] ?? '';
    end += number.length;
    if (end - i >= 10 || !number) return null;
    code = Number.parseInt(number, hex ? 16 : 10);
    if (code === 0 || code >= 0x10ffff) return null;
  } else {
    const letters = /[a-zA-Z]*/y;
    letters.lastIndex = end;
    const name = letters.exec(input)?.[0] ?? '';
    end += name.length;
    code = NAMED.get(name);
    if (code === undefined) return null;
  }
  if (input[end] === ';') end++;
  return { code, end };
}

/**
 * Telegram lower-cases ASCII only: with toLowerCase() "<bloc\u212Aquote>" (a Kelvin sign) would pass
 * as a blockquote that Telegram refuses.
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Where the text has a NUL or half of a surrogate pair (not UTF-8 encodable), or -1. */
export function invalidCharacterAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || (c >= 0xdc00 && c <= 0xdfff)) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    }
  }
  return -1;
}

/** Telegram wants a non-zero 64-bit integer written plainly (no '+', no leading zeros). */
export function isEmojiId(id: string): boolean {
  if (!/^-?[1-9][0-9]{0,18}$/.test(id)) return false;
  const n = BigInt(id);
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}

export function telegramMessage(e: Omit<TelegramHtmlError, 'message'>, input: string): string {
  const bytes = `at byte offset ${new TextEncoder().encode(input.slice(0, e.offset)).length}`;
  const tag = e.tag ? ` "${e.tag}"` : '';
  switch (e.code) {
    case 'invalid_character':
      return 'Text contains invalid Unicode characters';
    case 'unclosed_start_tag':
      return `Unclosed start tag${tag} ${bytes}`;
    case 'unsupported_tag':
      return `Unsupported start tag "${e.tag}" ${bytes}`;
    case 'empty_attribute_name':
      return `Empty attribute name in the tag${tag} ${bytes}`;
    case 'bad_attribute_value':
      return `Unexpected end of name token ${bytes}`;
    case 'span_without_spoiler':
      return `Tag "span" must have class "tg-spoiler" ${bytes}`;
    case 'unexpected_end_tag':
      return `Unexpected end tag ${bytes}`;
    case 'unclosed_end_tag':
      return `Unclosed end tag ${bytes}`;
    case 'unmatched_end_tag':
      return `Unmatched end tag ${bytes}, expected "</${e.expected}>", found "</${e.tag}>"`;
    case 'missing_end_tag':
      return `Can't find end tag corresponding to start tag${tag}`;
    case 'bad_custom_emoji':
      return 'Invalid custom emoji identifier specified';
  }
}
