// Shows campaign text written in Telegram's HTML subset the way the chat shows it. The text is parsed
// by core's Telegram parser (the one the server checks campaigns with) and its tree rendered as
// Preact elements — never given to innerHTML — so only Telegram's tags exist in the page and links
// are limited to http(s) and tg:. Text Telegram would refuse is shown refused, with the reason.
import { parseTelegramHtml, type TelegramHtmlError } from '../../../core/campaigns/telegram-html';
import { useT } from '../lib/i18n';
import { renderTelegramNodes } from './telegram-html-tree';
import './telegram-html.css';

/** What Telegram would answer instead of sending, in the reader's language, with where it stops. */
function Refused({ error, html, class: cls }: { error: TelegramHtmlError; html: string; class: string }) {
  const t = useT();
  // Characters as a person counts them (an emoji is one), from 1.
  const position = [...html.slice(0, error.offset)].length + 1;
  return (
    <div class={`${cls} tg-refused`} role="note">
      <p class="tg-refused-title">{t('publicity:html.refused')}</p>
      <p>
        {t(`publicity:html.errors.${error.code}`, {
          tag: error.tag,
          expected: error.expected ?? '',
          position,
        })}
      </p>
    </div>
  );
}

/** The text as the chat shows it; `class` adds to the container's own. */
export function TelegramHtml({ html, class: extra }: { html: string; class?: string }) {
  const cls = extra ? `tg-html ${extra}` : 'tg-html';
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) return <Refused error={parsed.error} html={html} class={cls} />;
  return <div class={cls}>{renderTelegramNodes(parsed.nodes)}</div>;
}
