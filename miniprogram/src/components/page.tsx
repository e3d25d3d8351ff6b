// The frame of every screen: heading, an in-page back link where Telegram's own back button is
// not available (a plain browser), and the content.
import type { ComponentChildren } from 'preact';
import { useT } from '../lib/i18n';
import { goBack } from '../lib/router';
import { useInTelegram } from '../telegram/telegram-context';

export interface PageProps {
  title: string;
  /** Shown above the title (e.g. the app name on the home page). */
  eyebrow?: string;
  /** Right side of the header (e.g. a settings link). */
  actions?: ComponentChildren;
  /** false on the home page: nowhere to go back to. */
  back?: boolean;
  children: ComponentChildren;
}

export function Page({ title, eyebrow, actions, back = true, children }: PageProps) {
  const t = useT();
  const inTelegram = useInTelegram();
  return (
    <main class="page">
      {back && !inTelegram ? (
        <button type="button" class="back-link" onClick={goBack}>
          <span aria-hidden="true">‹</span> {t('ui.back')}
        </button>
      ) : null}
      <header class="page-header">
        <div class="page-heading">
          {eyebrow ? <p class="eyebrow">{eyebrow}</p> : null}
          <h1 tabIndex={-1}>{title}</h1>
        </div>
        {actions}
      </header>
      {children}
    </main>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="section">
      <h2 class="section-title">{title}</h2>
      {children}
    </section>
  );
}
