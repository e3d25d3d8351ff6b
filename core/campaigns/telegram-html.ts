// Checks text written for Telegram's parse_mode HTML the way Telegram parses it, so a campaign that
// Telegram would refuse ("can't parse entities") is refused when it is saved, not when 20,000
// messages go out. Browser-safe and dependency-free.

const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);

export type HtmlCheck =
  | { ok: true; text: string; visibleLength: number }
  | { ok: false; error: string; offset: number };

/** Parses like Telegram: supported tags only, properly nested, entities &lt; &gt; &amp; &quot; and numeric. */
export function checkTelegramHtml(input: string): HtmlCheck {
  const stack: string[] = [];
  const startTag =
    /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/y;
  const entity = /&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);/y;
  let text = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '<' && input[i + 1] === '/') {
      const close = input.indexOf('>', i);
      if (close === -1) return { ok: false, error: 'unclosed end tag', offset: i };
      const name = input
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      if (stack.pop() !== name) return { ok: false, error: 'unmatched end tag', offset: i };
      i = close + 1;
    } else if (ch === '<') {
      startTag.lastIndex = i;
      const m = startTag.exec(input);
      const tag = m?.[1]?.toLowerCase();
      if (!m || !tag || !TAGS.has(tag)) return { ok: false, error: 'unsupported start tag', offset: i };
      if (tag === 'span' && !/\bclass\s*=\s*["']?tg-spoiler\b/.test(m[2] ?? ''))
        return { ok: false, error: 'span without tg-spoiler', offset: i };
      if (tag === 'a' && !/\bhref\s*=/.test(m[2] ?? ''))
        return { ok: false, error: 'link without href', offset: i };
      stack.push(tag);
      i += m[0].length;
    } else if (ch === '&') {
      entity.lastIndex = i;
      const m = entity.exec(input);
      text += m ? decodeEntity(m[1]!) : '&';
      i += m ? m[0].length : 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  if (stack.length > 0) return { ok: false, error: 'unclosed start tag', offset: input.length };
  return { ok: true, text, visibleLength: text.length };
}

/** The character of an entity Telegram accepts (`lt`, `gt`, `amp`, `quot`, `#65`, `#x41`); '' if none. */
export function decodeEntity(name: string): string {
  if (name === 'lt') return '<';
  if (name === 'gt') return '>';
  if (name === 'amp') return '&';
  if (name === 'quot') return '"';
  const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Plain text → Telegram HTML (for texts that come from the locale files or the database). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text a reader sees, without tags (previews in lists). */
export function htmlToPlainText(input: string): string {
  const checked = checkTelegramHtml(input);
  return checked.ok ? checked.text : input.replace(/<[^>]*>/g, '');
}
