// The one Telegram-HTML parser (core/campaigns/telegram-html.ts): what Telegram accepts and the tree
// of it, what it refuses and with which error (tdlib's wording), and the mini app's renderer drawing
// that tree with the same text as the server's plain-text extraction.
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import {
  checkTelegramHtml,
  htmlToPlainText,
  parseTelegramHtml,
  type TelegramHtmlErrorCode,
} from '../../../core/campaigns/telegram-html';
import { renderTelegramNodes } from '../../../miniprogram/src/components/telegram-html-tree';

/** Input → the text the reader sees. */
const VALID: [string, string][] = [
  [
    '<b>b</b><strong>st</strong><i>i</i><em>em</em><u>u</u><ins>ins</ins><s>s</s><strike>k</strike><del>d</del>',
    'bstiemuinsskd',
  ],
  ['<a href="https://example.org/?a=1&amp;b=2">link</a>', 'link'],
  ["<a href='tg://resolve?domain=x'>chat</a>", 'chat'],
  ['<a href=example.org>bare token</a>', 'bare token'],
  ['<a>https://example.org</a>', 'https://example.org'],
  ['<span class="tg-spoiler">s</span> <span class=TG-SPOILER>t</span> <tg-spoiler>u</tg-spoiler>', 's t u'],
  ['<blockquote expandable>long</blockquote><blockquote>q</blockquote>', 'longq'],
  ['<pre><code class="language-python">print(1 &lt; 2)</code></pre>', 'print(1 < 2)'],
  ['<b>bold <i>both <u>all three</u></i></b> plain', 'bold both all three plain'],
  ['<B>upper</B> <b >spaced</b > <b>short</> <b\n>newline</b>', 'upper spaced short newline'],
  ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', '👍'],
  ['<tg-emoji emoji-id="not checked when empty"></tg-emoji>x', 'x'],
  ['&lt;&gt;&amp;&quot;&#169;&#xA9;&#xa9;&#128077;', '<>&"©©©👍'],
  // Telegram reads a known reference without its ';' and keeps every other '&' as text.
  ['&amp &lt b &ltb', '& < b &ltb'],
  [
    '&#0; &#x0; &#; &nbsp; &AMP; &#X41; &#x10FFFF; &#12345678; & alone',
    '&#0; &#x0; &#; &nbsp; &AMP; &#X41; &#x10FFFF; &#12345678; & alone',
  ],
  ['关爱女孩 👍 a > b', '关爱女孩 👍 a > b'],
  ['', ''],
];

/** Input → Telegram's refusal (code and its own wording, byte offsets in UTF-8). */
const INVALID: [string, TelegramHtmlErrorCode, string][] = [
  ['a < b', 'unsupported_tag', 'Unsupported start tag "" at byte offset 2'],
  ['<div>x</div>', 'unsupported_tag', 'Unsupported start tag "div" at byte offset 0'],
  ['字<script>alert(1)</script>', 'unsupported_tag', 'Unsupported start tag "script" at byte offset 3'],
  ['<__proto__>x</__proto__>', 'unsupported_tag', 'Unsupported start tag "__proto__" at byte offset 0'],
  // ASCII case folding only: a Kelvin sign does not make a "k".
  [
    '<bloc\u212Aquote>x</blockquote>',
    'unsupported_tag',
    'Unsupported start tag "bloc\u212Aquote" at byte offset 0',
  ],
  ['<b/>', 'unsupported_tag', 'Unsupported start tag "b/" at byte offset 0'],
  ['<b>unclosed', 'missing_end_tag', `Can't find end tag corresponding to start tag "b"`],
  [
    '<b><i>crossed</b></i>',
    'unmatched_end_tag',
    'Unmatched end tag at byte offset 13, expected "</i>", found "</b>"',
  ],
  ['x</b>', 'unexpected_end_tag', 'Unexpected end tag at byte offset 1'],
  ['<b>x</b', 'unclosed_end_tag', 'Unclosed end tag at byte offset 4'],
  ['<b>x</b y>', 'unclosed_end_tag', 'Unclosed end tag at byte offset 4'],
  ['text <b', 'unclosed_start_tag', 'Unclosed start tag at byte offset 5'],
  ['<a href=', 'unclosed_start_tag', 'Unclosed start tag "a" at byte offset 0'],
  ['<a href="https://example.org>never closed', 'unclosed_start_tag', 'Unclosed start tag at byte offset 0'],
  [
    '<span>no class</span>',
    'span_without_spoiler',
    'Tag "span" must have class "tg-spoiler" at byte offset 0',
  ],
  [
    '<span class="tg-spoiler x">s</span>',
    'span_without_spoiler',
    'Tag "span" must have class "tg-spoiler" at byte offset 0',
  ],
  [
    '<a href=https://example.org>x</a>',
    'bad_attribute_value',
    'Unexpected end of name token at byte offset 8',
  ],
  ['<a href="x"/>', 'empty_attribute_name', 'Empty attribute name in the tag "a" at byte offset 0'],
  ['<b =x>y</b>', 'empty_attribute_name', 'Empty attribute name in the tag "b" at byte offset 0'],
  ['<tg-emoji emoji-id="012">x</tg-emoji>', 'bad_custom_emoji', 'Invalid custom emoji identifier specified'],
  [
    '<tg-emoji emoji-id="9223372036854775808">x</tg-emoji>',
    'bad_custom_emoji',
    'Invalid custom emoji identifier specified',
  ],
  ['&#xD83D;&#xDE00;', 'invalid_character', 'Text contains invalid Unicode characters'],
  ['<a href="&#55357;">x</a>', 'invalid_character', 'Text contains invalid Unicode characters'],
  ['a\u0000b', 'invalid_character', 'Text contains invalid Unicode characters'],
  ['lone \uD83D surrogate', 'invalid_character', 'Text contains invalid Unicode characters'],
];

/** The text a tree of Preact elements shows (what textContent would be). */
function shownText(children: unknown): string {
  if (children == null || typeof children === 'boolean') return '';
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(shownText).join('');
  return shownText((children as VNode<{ children?: unknown }>).props.children);
}

/** Every element type in a rendered tree, with its href when it has one. */
function elements(children: unknown): string[] {
  if (Array.isArray(children)) return children.flatMap(elements);
  if (children == null || typeof children !== 'object') return [];
  const vnode = children as VNode<{ children?: unknown; href?: string }>;
  const name = typeof vnode.type === 'string' ? vnode.type : vnode.type.name;
  return [vnode.props.href ? `${name} ${vnode.props.href}` : name, ...elements(vnode.props.children)];
}

const render = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return renderTelegramNodes(parsed.nodes);
};

describe('the Telegram HTML parser', () => {
  it.each(VALID)('accepts %j as Telegram does', (html, text) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed).toMatchObject({ ok: true, text });
    expect(checkTelegramHtml(html)).toEqual({ ok: true, text, visibleLength: text.length });
  });

  it.each(INVALID)('refuses %j as Telegram does', (html, code, message) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ code, message });
    expect(checkTelegramHtml(html).ok).toBe(false);
    expect(htmlToPlainText(html)).toBe('');
  });

  it('never turns &#0; into a NUL', () => {
    for (const html of ['&#0;', '&#00;', '&#x0;', '<a href="&#0;">x</a>']) {
      const parsed = parseTelegramHtml(html);
      expect(JSON.stringify(parsed)).not.toContain('\\u0000');
    }
    expect(htmlToPlainText('&#0;')).toBe('&#0;');
  });

  it('gives the tree of entities, synonyms folded, links with the address Telegram uses', () => {
    const parsed = parseTelegramHtml(
      '<strong>a <em>b</em></strong><a href="https://x.org/?q=1&amp;r=2">c</a><a>https://y.org</a>' +
        '<span class="tg-spoiler">d</span><blockquote expandable>e</blockquote>' +
        '<pre><code class="language-js">f</code></pre>',
    );
    expect(parsed).toEqual({
      ok: true,
      text: 'a bchttps://y.orgdef',
      nodes: [
        {
          type: 'bold',
          tag: 'strong',
          argument: '',
          children: ['a ', { type: 'italic', tag: 'em', argument: '', children: ['b'] }],
        },
        { type: 'text_link', tag: 'a', argument: 'https://x.org/?q=1&r=2', children: ['c'] },
        { type: 'text_link', tag: 'a', argument: 'https://y.org', children: ['https://y.org'] },
        { type: 'spoiler', tag: 'span', argument: '', children: ['d'] },
        { type: 'expandable_blockquote', tag: 'blockquote', argument: '', children: ['e'] },
        {
          type: 'pre',
          tag: 'pre',
          argument: '',
          children: [{ type: 'code', tag: 'code', argument: 'js', children: ['f'] }],
        },
      ],
    });
  });

  it('points at the character where Telegram stops, counted in UTF-16 like the input', () => {
    const parsed = parseTelegramHtml('👍 <b>x</i>');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatchObject({ code: 'unmatched_end_tag', offset: 7, tag: 'i', expected: 'b' });
      expect(parsed.error.message).toContain('byte offset 9');
    }
  });

  it('counts what the reader sees against the limits, not the markup', () => {
    expect(checkTelegramHtml(`<b>${'字'.repeat(10)}</b>&amp;`)).toMatchObject({ visibleLength: 11 });
    expect(checkTelegramHtml('👍')).toMatchObject({ visibleLength: 2 });
  });
});

describe("the mini app's renderer of the tree", () => {
  it.each(VALID)('shows %j with the same text as the server extracts', (html) => {
    expect(shownText(render(html))).toBe(htmlToPlainText(html));
  });

  it('draws each entity with its own element, synonyms alike', () => {
    expect(
      elements(render('<strong>a</strong><em>b</em><ins>c</ins><del>d</del><code>e</code><pre>f</pre>')),
    ).toEqual(['b', 'i', 'u', 's', 'code', 'pre']);
    expect(elements(render('<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>'))).toEqual([
      'blockquote',
      'Spoiler',
    ]);
  });

  it('links only http(s) and tg: addresses, and the text itself when it is one', () => {
    expect(
      elements(
        render(
          '<a href=" https://x.org ">a</a><a href="tg://resolve?domain=x">b</a><a>http://y.org</a>' +
            '<a href="javascript:alert(1)">c</a><a href="mailto:a@b.org">d</a><a>example.org</a><a href="data:text/html,x">e</a>',
        ),
      ),
    ).toEqual([
      'a https://x.org',
      'a tg://resolve?domain=x',
      'a http://y.org',
      'span',
      'span',
      'span',
      'span',
    ]);
  });
});
