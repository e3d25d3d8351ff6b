// A tip's history for its handlers, newest first: each step, when and by whom, its note, and whether
// the reporter sees it (hand-overs, overdue marks and reward internals they do not).
import type { TipEvent } from '../../lib/api/tipoff-desk';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n } from '../../lib/i18n';

export function CaseTimeline({ events }: { events: readonly TipEvent[] }) {
  const { t, language } = useI18n();
  const newestFirst = [...events].reverse();
  return (
    <ol class="timeline">
      {newestFirst.map((e, i) => (
        <li key={`${e.day}-${i}`} class={`timeline-item timeline-tip-${e.type}`}>
          <span class="timeline-dot" aria-hidden="true" />
          <p class="timeline-title">{t(`tipoffDesk:event.${e.type}` as TextKey)}</p>
          <p class="timeline-meta">
            <time dateTime={e.at ?? e.day}>
              {e.at ? formatDate(e.at, language, 'dateTime') : formatDate(e.day, language)}
            </time>
            {' · '}
            {e.actorName ??
              t(e.type === 'received' ? 'tipoffDesk:event.byReporter' : 'tipoffDesk:event.bySystem')}
            {e.visible ? null : (
              <>
                {' · '}
                <span class="text-warning">{t('tipoffDesk:event.internal')}</span>
              </>
            )}
          </p>
          {e.note ? <p class="timeline-detail">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
