// An application's history (view.history) as a timeline: what happened, when, by whom, and the
// details the applicant is entitled to read (the checklist of a return, a reason, the deadline).
import type { HistoryEvent } from '../../lib/api/certificates';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n } from '../../lib/i18n';
import { labelOfPath, pathOfTarget } from './form-fields';

const KNOWN = new Set([
  'created',
  'submitted',
  'claimed',
  'handed_over',
  'returned',
  'resubmitted',
  'rerouted',
  'issued',
  'rejected',
  'revoked',
  'overdue',
]);

function text(details: Record<string, unknown>, key: string): string | undefined {
  const v = details[key];
  return typeof v === 'string' && v ? v : undefined;
}

export function HistoryTimeline({
  history,
  forOfficer,
}: {
  history: readonly HistoryEvent[];
  forOfficer?: boolean;
}) {
  const { t, language } = useI18n();
  // Newest first: what the person wants to know is what happened last.
  const events = [...history].reverse();
  return (
    <ol class="timeline">
      {events.map((e, i) => {
        const type = KNOWN.has(e.type) ? e.type : 'other';
        const by =
          forOfficer && e.actorName
            ? e.actorName
            : t(`history.by.${forOfficer && e.by === 'applicant' ? 'applicantForOfficer' : e.by}`);
        const items = Array.isArray(e.details.items)
          ? (e.details.items as { target?: unknown; note?: unknown }[])
          : [];
        const deadline = text(e.details, 'deadlineAt');
        const reason = text(e.details, 'reason');
        const note = text(e.details, 'note');
        const serial = text(e.details, 'serial');
        // A village change on resubmission: where it went, and whether the same officer continues.
        const movedTo = type === 'rerouted' ? text(e.details, 'toVillageName') : undefined;
        return (
          <li key={`${e.at}-${i}`} class={`timeline-item timeline-${type}`}>
            <span class="timeline-dot" aria-hidden="true" />
            <p class="timeline-title">{t(`history.type.${type}` as TextKey)}</p>
            <p class="timeline-meta">
              <time dateTime={e.at}>{formatDate(e.at, language, 'dateTime')}</time> · {by}
            </p>
            {deadline ? (
              <p class="timeline-detail">
                {t('history.deadline', { date: formatDate(deadline, language, 'dateTime') })}
              </p>
            ) : null}
            {serial && type === 'issued' ? (
              <p class="timeline-detail">{t('history.serial', { serial })}</p>
            ) : null}
            {movedTo ? <p class="timeline-detail">{t('history.reroutedTo', { village: movedTo })}</p> : null}
            {type === 'rerouted' && e.details.ownerReleased === false ? (
              <p class="timeline-detail">{t('history.reroutedKept')}</p>
            ) : null}
            {reason ? <p class="timeline-detail">{t('history.reason', { reason })}</p> : null}
            {note && forOfficer ? <p class="timeline-detail">{t('history.note', { note })}</p> : null}
            {items.length ? (
              <ul class="timeline-items">
                {items.map((item, n) => {
                  const path = typeof item.target === 'string' ? pathOfTarget(item.target) : null;
                  return (
                    <li key={n}>
                      <strong>{path ? labelOfPath(path, t) : t('review.return.other')}</strong>
                      {typeof item.note === 'string' ? `${t('ui.labelSeparator')}${item.note}` : ''}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
