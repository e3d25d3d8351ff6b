// Telegram's HTML parse mode, parsed the way Telegram parses it (tdlib's parse_html, behind the Bot
// API): one parser for the server, which refuses a campaign Telegram would refuse when it is saved
// rather than when 20,000 messages go out, and for the mini app, which renders the same tree.
// Pure and dependency-free: the mini app bundles it.
import {
  asciiLower,
  END,
  invalidCharacterAt,
  isEmojiId,
  isSpace,
  readReference,
  telegramMessage,
} from './telegram-html-chars';

/** The entity each tag makes (Bot API names). */
export type TelegramEntityType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'text_link'
  | 'code'
  | 'pre'
  | 'blockquote'
  | 'expandable_blockquote'
  | 'custom_emoji';

/** Exactly the tags Telegram accepts; `span` only with class="tg-spoiler". A Map: no prototype keys. */
const TAGS = new Map<string, TelegramEntityType>([
  ['b', 'bold'],
  ['strong', 'bold'],
  ['i', 'italic'],
  ['em', 'italic'],
  ['u', 'underline'],
  ['ins', 'underline'],
  ['s', 'strikethrough'],
  ['strike', 'strikethrough'],
  ['del', 'strikethrough'],
  ['tg-spoiler', 'spoiler'],
  ['span', 'spoiler'],
  ['a', 'text_link'],
  ['code', 'code'],
  ['pre', 'pre'],
  ['blockquote', 'blockquote'],
  ['tg-emoji', 'custom_emoji'],
]);

export interface TelegramHtmlElement {
  type: TelegramEntityType;
  /** The tag as written, lower-cased ('strong', 'span', …). */
  tag: string;
  /**
   * text_link: the address Telegram links to (href, or the link's own text when href is absent or
   * empty); code: the language of class="language-…"; custom_emoji: emoji-id; otherwise ''.
   */
  argument: string;
  children: TelegramHtmlNode[];
}
export type TelegramHtmlNode = string | TelegramHtmlElement;

export type TelegramHtmlErrorCode =
  | 'invalid_character'
  | 'unclosed_start_tag'
  | 'unsupported_tag'
  | 'empty_attribute_name'
  | 'bad_attribute_value'
  | 'span_without_spoiler'
  | 'unexpected_end_tag'
  | 'unclosed_end_tag'
  | 'unmatched_end_tag'
  | 'missing_end_tag'
  | 'bad_custom_emoji';

export interface TelegramHtmlError {
  code: TelegramHtmlErrorCode;
  /** Index in the input (UTF-16 code units) where Telegram stops. */
  offset: number;
  /** The tag concerned ('' when none); for unmatched_end_tag the one found. */
  tag: string;
  /** unmatched_end_tag: the tag that is open. */
  expected?: string;
  /** Telegram's own wording (after "Bad Request: can't parse entities: "), for logs and tests. */
  message: string;
}

export type TelegramHtmlParse =
  | { ok: true; nodes: TelegramHtmlNode[]; text: string }
  | { ok: false; error: TelegramHtmlError };

/** Parses like Telegram: the tree of what the reader sees, or the error Telegram would answer with. */
export function parseTelegramHtml(input: string): TelegramHtmlParse {
  return new Parser(input).run();
}

export type HtmlCheck =
  | { ok: true; text: string; visibleLength: number }
  | { ok: false; error: TelegramHtmlError };

/** Whether Telegram accepts the text, and what it counts against its limits (UTF-16 units, no tags). */
export function checkTelegramHtml(input: string): HtmlCheck {
  const parsed = parseTelegramHtml(input);
  return parsed.ok ? { ok: true, text: parsed.text, visibleLength: parsed.text.length } : parsed;
}

/** Plain text → Telegram HTML (for texts that come from the locale files or the database). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text a reader sees, without tags (previews in lists); '' for text Telegram would refuse. */
export function htmlToPlainText(input: string): string {
  const parsed = parseTelegramHtml(input);
  return parsed.ok ? parsed.text : '';
}

// The parser follows tdlib's parse_html step by step, so that each refusal matches Telegram's.

const NEXT_MARKUP = /[&<]/g;

class HtmlError extends Error {
  constructor(readonly detail: Omit<TelegramHtmlError, 'message'>) {
    super(detail.code);
  }
}

interface Open {
  element: TelegramHtmlElement;
  /** Where the start tag is in the input, and how much text came before it. */
  at: number;
  textStart: number;
}

class Parser {
  private readonly root: TelegramHtmlNode[] = [];
  private readonly open: Open[] = [];
  private text = '';
  private i = 0;

  constructor(private readonly input: string) {}

  run(): TelegramHtmlParse {
    try {
      const bad = invalidCharacterAt(this.input);
      if (bad !== -1) throw new HtmlError({ code: 'invalid_character', offset: bad, tag: '' });
      while (this.i < this.input.length) {
        const c = this.input[this.i]!;
        if (c === '&') this.entity();
        else if (c === '<' && this.at(this.i + 1) === '/') this.endTag();
        else if (c === '<') this.startTag();
        else this.plain();
      }
      const last = this.open.at(-1);
      if (last) throw new HtmlError({ code: 'missing_end_tag', offset: last.at, tag: last.element.tag });
      return { ok: true, nodes: this.root, text: this.text };
    } catch (e) {
      if (!(e instanceof HtmlError)) throw e;
      return { ok: false, error: { ...e.detail, message: telegramMessage(e.detail, this.input) } };
    }
  }

  private at(i: number): string {
    return i < this.input.length ? this.input[i]! : END;
  }

  private skipSpaces() {
    while (this.i < this.input.length && isSpace(this.input[this.i]!)) this.i++;
  }

  private append(s: string) {
    const list = this.open.at(-1)?.element.children ?? this.root;
    const last = list.at(-1);
    if (typeof last === 'string') list[list.length - 1] = last + s;
    else list.push(s);
    this.text += s;
  }

  /** Text up to the next tag or character reference. */
  private plain() {
    NEXT_MARKUP.lastIndex = this.i;
    const end = NEXT_MARKUP.exec(this.input)?.index ?? this.input.length;
    this.append(this.input.slice(this.i, end));
    this.i = end;
  }

  private entity() {
    const ref = this.reference();
    this.append(ref ? ref.char : '&');
    this.i = ref ? ref.end : this.i + 1;
  }

  /**
   * The character reference at the '&' here, or null when Telegram keeps the '&'. A surrogate
   * refuses the text: Telegram refuses an unpaired one, and a pair is refused here too (fail closed).
   */
  private reference(): { char: string; end: number } | null {
    const ref = readReference(this.input, this.i);
    if (!ref) return null;
    if (ref.code >= 0xd800 && ref.code <= 0xdfff)
      throw new HtmlError({ code: 'invalid_character', offset: this.i, tag: '' });
    return { char: String.fromCodePoint(ref.code), end: ref.end };
  }

  private startTag() {
    const at = this.i++;
    while (!isSpace(this.at(this.i)) && this.at(this.i) !== '>') this.i++;
    if (this.i >= this.input.length) throw new HtmlError({ code: 'unclosed_start_tag', offset: at, tag: '' });
    const tag = asciiLower(this.input.slice(at + 1, this.i));
    const type = TAGS.get(tag);
    if (!type) throw new HtmlError({ code: 'unsupported_tag', offset: at, tag });
    const element: TelegramHtmlElement = { type, tag, argument: '', children: [] };
    let spanClass = '';
    while (this.at(this.i) !== '>') {
      const attribute = this.attribute(at, tag);
      if (!attribute) continue;
      const { name, value } = attribute;
      if (tag === 'blockquote' && name === 'expandable') element.type = 'expandable_blockquote';
      else if (value === null) continue;
      else if (tag === 'a' && name === 'href') element.argument = value;
      else if (tag === 'code' && name === 'class' && value.startsWith('language-'))
        element.argument = value.slice('language-'.length);
      else if (tag === 'span' && name === 'class' && value.startsWith('tg-')) spanClass = value;
      else if (tag === 'tg-emoji' && name === 'emoji-id') element.argument = value;
    }
    if (tag === 'span' && spanClass !== 'tg-spoiler')
      throw new HtmlError({ code: 'span_without_spoiler', offset: at, tag });
    this.i++;
    (this.open.at(-1)?.element.children ?? this.root).push(element);
    this.open.push({ element, at, textStart: this.text.length });
  }

  /** One attribute of a start tag; a value-less one (`expandable`) has the value null. */
  private attribute(at: number, tag: string): { name: string; value: string | null } | null {
    this.skipSpaces();
    if (this.at(this.i) === '>') return null;
    const nameStart = this.i;
    while (!isSpace(this.at(this.i)) && !'=>/"\''.includes(this.at(this.i))) this.i++;
    const name = this.input.slice(nameStart, this.i);
    if (!name) throw new HtmlError({ code: 'empty_attribute_name', offset: at, tag });
    this.skipSpaces();
    if (this.i >= this.input.length) throw new HtmlError({ code: 'unclosed_start_tag', offset: at, tag });
    if (this.at(this.i) !== '=') return { name, value: null };
    this.i++;
    this.skipSpaces();
    if (this.i >= this.input.length) throw new HtmlError({ code: 'unclosed_start_tag', offset: at, tag });
    let value = '';
    const quote = this.at(this.i);
    if (quote !== '"' && quote !== "'") {
      // A name token: letters, digits, '.' and '-', case-insensitive, ending at a space or '>'.
      const start = this.i;
      while (/[a-zA-Z0-9.-]/.test(this.at(this.i))) this.i++;
      value = asciiLower(this.input.slice(start, this.i));
      if (!isSpace(this.at(this.i)) && this.at(this.i) !== '>')
        throw new HtmlError({ code: 'bad_attribute_value', offset: start, tag });
    } else {
      this.i++;
      while (this.i < this.input.length && this.input[this.i] !== quote) {
        const ref = this.input[this.i] === '&' ? this.reference() : null;
        value += ref ? ref.char : this.input[this.i];
        this.i = ref ? ref.end : this.i + 1;
      }
      if (this.i < this.input.length) this.i++;
    }
    if (this.i >= this.input.length) throw new HtmlError({ code: 'unclosed_start_tag', offset: at, tag: '' });
    return { name, value };
  }

  private endTag() {
    const at = this.i;
    const top = this.open.at(-1);
    if (!top) throw new HtmlError({ code: 'unexpected_end_tag', offset: at, tag: '' });
    this.i += 2;
    while (!isSpace(this.at(this.i)) && this.at(this.i) !== '>') this.i++;
    const name = asciiLower(this.input.slice(at + 2, this.i));
    this.skipSpaces();
    if (this.at(this.i) !== '>') throw new HtmlError({ code: 'unclosed_end_tag', offset: at, tag: name });
    // "</>" closes whatever is open.
    const { element } = top;
    if (name && name !== element.tag)
      throw new HtmlError({ code: 'unmatched_end_tag', offset: at, tag: name, expected: element.tag });
    const inner = this.text.slice(top.textStart);
    // Telegram checks an emoji's id only when the entity has text; an empty link has no address.
    if (element.type === 'custom_emoji' && inner && !isEmojiId(element.argument))
      throw new HtmlError({ code: 'bad_custom_emoji', offset: top.at, tag: element.tag });
    if (element.type === 'text_link' && !element.argument) element.argument = inner;
    this.open.pop();
    this.i++;
  }
}
