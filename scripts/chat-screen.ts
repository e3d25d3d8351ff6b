// What `npm run chat` shows: a bot message's Telegram HTML as terminal text (bold, italic, underline,
// strikethrough, code and links with ANSI styles; entities decoded), and one numbering of the buttons
// on screen — the buttons of two messages never share a number.
import { styleText } from 'node:util';
import {
  parseTelegramHtml,
  type TelegramEntityType,
  type TelegramHtmlNode,
} from '../core/campaigns/telegram-html';

type Style = Parameters<typeof styleText>[0];
export type Styler = (style: Style, text: string) => string;

/** The terminal style of each entity the one parser (core/campaigns/telegram-html.ts) reports. */
const STYLE_OF: Partial<Record<TelegramEntityType, Style>> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strikethrough: 'strikethrough',
  code: 'inverse',
  pre: 'inverse',
  spoiler: 'dim',
  blockquote: 'dim',
  expandable_blockquote: 'dim',
};

/**
 * Telegram HTML (parse_mode HTML) → terminal text, through the same parser as the server and the
 * mini app. Text Telegram would refuse is shown as it is, so the transcript shows what the bot sent.
 */
export function telegramHtmlToTerminal(html: string, style: Styler = styleText): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) return html;
  const render = (node: TelegramHtmlNode): string => {
    if (typeof node === 'string') return node;
    const text = node.children.map(render).join('');
    if (node.type === 'text_link')
      return node.argument && node.argument !== text
        ? `${style('underline', text)} (${node.argument})`
        : style('underline', text);
    const look = STYLE_OF[node.type];
    return look ? style(look, text) : text;
  };
  return parsed.nodes.map(render).join('');
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
