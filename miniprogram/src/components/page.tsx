// The frame of every screen: heading, an in-page back link where Telegram's own back button is
// not available (a plain browser), and the content.
import type { ComponentChildren } from 'preact';
import { usePane } from '../lib/desktop';
import { useT } from '../lib/i18n';
import { goBack, Link } from '../lib/router';
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
  const pane = usePane();
  const header = (
    <header class="page-header">
      <div class="page-heading">
        {eyebrow ? <p class="eyebrow">{eyebrow}</p> : null}
        <h1 tabIndex={-1}>{title}</h1>
      </div>
      {actions}
    </header>
  );
  // A queue beside a record (desk layout): "back" leaves the queue for the workbench, since the
  // browser's history holds the records opened from it; the record's pane needs no back link at all.
  if (pane === 'list') {
    return (
      <section class="page" aria-label={title}>
        {back && !inTelegram ? (
          <Link to="/workbench" class="back-link">
            <span aria-hidden="true">‹</span> {t('workbench.title')}
          </Link>
        ) : null}
        {header}
        {children}
      </section>
    );
  }
  return (
    <main class="page">
      {back && !inTelegram && pane !== 'detail' ? (
        <button type="button" class="back-link" onClick={goBack}>
          <span aria-hidden="true">‹</span> {t('ui.back')}
        </button>
      ) : null}
      {header}
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
