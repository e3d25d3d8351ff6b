// Shows campaign text written in Telegram's HTML subset (b, i, u, s, a, code, pre, blockquote,
// tg-spoiler) the way the chat shows it. The markup is parsed into Preact elements — never given to
// innerHTML — so only those tags exist in the page, links are limited to http(s)/tg/mailto, and
// anything else (other tags, attributes, scripts) is shown as the text it is.
import { type ComponentChildren, h, type VNode } from 'preact';
import { useState } from 'preact/hooks';
import { decodeEntity } from '../../../core/campaigns/telegram-html';
import { useT } from '../lib/i18n';
import './telegram-html.css';

type HtmlNode = string | { tag: string; attrs: Record<string, string>; children: HtmlNode[] };

/** Telegram's tags and their synonyms, mapped to what we render. */
const TAGS: Record<string, string> = {
  b: 'b',
  strong: 'b',
  i: 'i',
  em: 'i',
  u: 'u',
  ins: 'u',
  s: 's',
  strike: 's',
  del: 's',
  a: 'a',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-spoiler': 'tg-spoiler',
  span: 'span',
  'tg-emoji': 'tg-emoji',
};

const START_TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/y;
const ATTRIBUTE = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);/y;

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attrs[m[1]!.toLowerCase()] = value.replace(/&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);/g, (_, e: string) =>
      decodeEntity(e),
    );
  }
  return attrs;
}

/**
 * Parses leniently: the server already refuses malformed campaign text, but the officer's preview
 * shows half-typed markup too. An unknown or stray tag stays visible as text; unclosed tags close at
 * the end.
 */
export function parseTelegramHtml(input: string): HtmlNode[] {
  const root: HtmlNode[] = [];
  const stack: { tag: string; attrs: Record<string, string>; children: HtmlNode[] }[] = [];
  const current = () => stack.at(-1)?.children ?? root;
  const text = (s: string) => {
    const list = current();
    const last = list.at(-1);
    if (typeof last === 'string') list[list.length - 1] = last + s;
    else list.push(s);
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '<' && input[i + 1] === '/') {
      const close = input.indexOf('>', i);
      const name =
        close === -1
          ? ''
          : input
              .slice(i + 2, close)
              .trim()
              .toLowerCase();
      const depth = stack.map((e) => e.tag).lastIndexOf(name);
      if (close !== -1 && depth !== -1) {
        stack.length = depth;
        i = close + 1;
        continue;
      }
    } else if (ch === '<') {
      START_TAG.lastIndex = i;
      const m = START_TAG.exec(input);
      const tag = m?.[1]?.toLowerCase();
      if (m && tag && tag in TAGS) {
        const element = { tag, attrs: parseAttributes(m[2] ?? ''), children: [] };
        current().push(element);
        stack.push(element);
        i += m[0].length;
        continue;
      }
    } else if (ch === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(input);
      if (m) {
        text(decodeEntity(m[1]!));
        i += m[0].length;
        continue;
      }
    }
    text(ch);
    i += 1;
  }
  return root;
}

/** Only links a reader can safely follow: web pages, Telegram links, e-mail. */
function safeHref(href: string | undefined): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  return /^(https?:\/\/|tg:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

function Spoiler({ children }: { children: ComponentChildren }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  if (shown) return <span class="tg-spoiler tg-spoiler-shown">{children}</span>;
  return (
    <button
      type="button"
      class="tg-spoiler"
      aria-label={t('publicity:html.revealSpoiler')}
      onClick={() => setShown(true)}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}

function render(nodes: readonly HtmlNode[], keyPrefix = ''): ComponentChildren[] {
  return nodes.map((node, index): ComponentChildren => {
    if (typeof node === 'string') return node;
    const key = `${keyPrefix}${index}`;
    const children = render(node.children, `${key}.`);
    const tag = TAGS[node.tag]!;
    switch (tag) {
      case 'a': {
        const href = safeHref(node.attrs.href);
        if (!href) return <span key={key}>{children}</span>;
        return (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {children}
          </a>
        );
      }
      case 'span':
        return node.attrs.class?.split(/\s+/).includes('tg-spoiler') ? (
          <Spoiler key={key}>{children}</Spoiler>
        ) : (
          <span key={key}>{children}</span>
        );
      case 'tg-spoiler':
        return <Spoiler key={key}>{children}</Spoiler>;
      case 'tg-emoji':
        return <span key={key}>{children}</span>;
      case 'blockquote':
        return (
          <blockquote key={key} class="tg-quote">
            {children}
          </blockquote>
        );
      default:
        return h(tag, { key }, children) as VNode;
    }
  });
}

/** The text as the chat shows it; `class` adds to the container's own. */
export function TelegramHtml({ html, class: extra }: { html: string; class?: string }) {
  return <div class={extra ? `tg-html ${extra}` : 'tg-html'}>{render(parseTelegramHtml(html))}</div>;
}
