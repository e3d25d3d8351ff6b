// Cards: a whole-card link to a page (service entries) and a plain panel for grouped content.
import type { ComponentChildren } from 'preact';
import { Link } from '../lib/router';

export interface LinkCardProps {
  to: string;
  title: string;
  summary?: string;
  icon?: ComponentChildren;
  badge?: string;
  /** A badge that warns (e.g. overdue items); its text must say so too. */
  badgeTone?: 'danger';
}

export function LinkCard({ to, title, summary, icon, badge, badgeTone }: LinkCardProps) {
  return (
    <Link to={to} class="card card-link">
      {icon ? (
        <span class="card-icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span class="card-body">
        <span class="card-title">
          {title}
          {badge ? <span class={badgeTone ? `badge badge-${badgeTone}` : 'badge'}>{badge}</span> : null}
        </span>
        {summary ? <span class="card-summary">{summary}</span> : null}
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function Panel({
  children,
  tone,
  class: extra,
}: {
  children: ComponentChildren;
  tone?: 'info' | 'warning';
  class?: string;
}) {
  return (
    <div class={['card', tone ? `panel-${tone}` : '', extra ?? ''].filter(Boolean).join(' ')}>{children}</div>
  );
}

/** The outcome of the last action on a page ("已保存…"), read out by screen readers; nothing when empty. */
export function Notice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <Panel tone="info">
      <p class="lead" role="status">
        {text}
      </p>
    </Panel>
  );
}
