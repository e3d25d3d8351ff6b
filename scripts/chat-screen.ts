// What `npm run chat` shows: a bot message's Telegram HTML as terminal text (bold, italic, underline,
// strikethrough, code and links with ANSI styles; entities decoded), and one numbering of the buttons
// on screen — the buttons of two messages never share a number.
import { styleText } from 'node:util';
import { checkTelegramHtml, decodeEntity } from '../core/campaigns/telegram-html';

type Style = Parameters<typeof styleText>[0];
export type Styler = (style: Style, text: string) => string;

const STYLE_OF: Record<string, Style> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'inverse',
  pre: 'inverse',
  'tg-spoiler': 'dim',
  blockquote: 'dim',
};

/**
 * Telegram HTML (parse_mode HTML) → terminal text. Text Telegram would refuse is shown as it is,
 * so the transcript shows what the bot really sent.
 */
export function telegramHtmlToTerminal(html: string, style: Styler = styleText): string {
  if (!checkTelegramHtml(html).ok) return html;
  // Each element's text is collected, then styled as a whole when its end tag closes it.
  const stack: { tag: string; href?: string; parts: string[] }[] = [{ tag: '', parts: [] }];
  const token =
    /<\/([a-z-]+)\s*>|<([a-z-]+)((?:\s[^>]*)?)>|&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);|([^<&]+|[<&])/giy;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const top = stack.at(-1)!;
    if (m[1]) {
      const done = stack.pop()!;
      const text = done.parts.join('');
      const spoilered = done.tag === 'span' ? 'tg-spoiler' : done.tag;
      const styled = STYLE_OF[spoilered] ? style(STYLE_OF[spoilered], text) : text;
      const link = done.href && done.href !== text ? `${style('underline', text)} (${done.href})` : undefined;
      stack.at(-1)!.parts.push(done.tag === 'a' ? (link ?? style('underline', text)) : styled);
    } else if (m[2]) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[3] ?? '');
      stack.push({ tag: m[2].toLowerCase(), href: href?.[1] ?? href?.[2] ?? href?.[3], parts: [] });
    } else if (m[4]) {
      top.parts.push(decodeEntity(m[4].toLowerCase().startsWith('#x') ? `#x${m[4].slice(2)}` : m[4]));
    } else {
      top.parts.push(m[5] ?? '');
    }
  }
  return stack[0]!.parts.join('');
}

/**
 * Numbers the buttons on screen across messages: a new keyboard continues the numbering, an edited
 * one gets new numbers (its old ones stop working), and typing a new message starts again at 1.
 */
export class ButtonNumbers<T> {
  private slots: { messageId: number | undefined; item: T | undefined }[] = [];

  /** Adds a message's buttons; returns their numbers. Buttons it had before are retired. */
  add(messageId: number | undefined, items: readonly T[]): number[] {
    if (messageId !== undefined) this.retire(messageId);
    return items.map((item) => this.slots.push({ messageId, item }));
  }

  /** The message's buttons are gone (Telegram drops a keyboard an edit does not repeat). */
  retire(messageId: number): void {
    for (const slot of this.slots) if (slot.messageId === messageId) slot.item = undefined;
  }

  has(messageId: number): boolean {
    return this.slots.some((s) => s.messageId === messageId && s.item !== undefined);
  }

  get(n: number): T | undefined {
    return this.slots[n - 1]?.item;
  }

  clear(): void {
    this.slots = [];
  }
}
