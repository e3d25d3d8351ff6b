// Draws a parsed Telegram-HTML tree (core/campaigns/telegram-html.ts) as Preact elements, each entity
// as the chat draws it; links only to http(s) and tg: addresses. Styled by telegram-html.css, which
// the container (./telegram-html.tsx) loads.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { TelegramHtmlElement, TelegramHtmlNode } from '../../../core/campaigns/telegram-html';
import { useT } from '../lib/i18n';

/** Only links a reader can safely follow: web pages and Telegram links. */
function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return /^(https?:\/\/|tg:)/i.test(trimmed) ? trimmed : null;
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

/** The parsed tree as elements (keys are tree paths: "0", "0.1", …). */
export function renderTelegramNodes(nodes: readonly TelegramHtmlNode[], keyPrefix = ''): ComponentChildren[] {
  return nodes.map((node, index) =>
    typeof node === 'string' ? node : renderElement(node, `${keyPrefix}${index}`),
  );
}

/** One entity as the chat draws it. */
function renderElement(node: TelegramHtmlElement, key: string): ComponentChildren {
  const children = renderTelegramNodes(node.children, `${key}.`);
  switch (node.type) {
    case 'bold':
      return <b key={key}>{children}</b>;
    case 'italic':
      return <i key={key}>{children}</i>;
    case 'underline':
      return <u key={key}>{children}</u>;
    case 'strikethrough':
      return <s key={key}>{children}</s>;
    case 'code':
      return <code key={key}>{children}</code>;
    case 'pre':
      return <pre key={key}>{children}</pre>;
    case 'blockquote':
    case 'expandable_blockquote':
      return (
        <blockquote key={key} class="tg-quote">
          {children}
        </blockquote>
      );
    case 'spoiler':
      return <Spoiler key={key}>{children}</Spoiler>;
    case 'custom_emoji':
      // The emoji written inside stands in for the custom one, as in chats that lack it.
      return <span key={key}>{children}</span>;
    case 'text_link': {
      const href = safeHref(node.argument);
      if (!href) return <span key={key}>{children}</span>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    }
  }
}
