// What happened to a campaign, oldest first: written, submitted, returned (with the note), approved,
// scheduled (for when), started, finished (with the figures), cancelled, resend rounds.
import type { CampaignEvent } from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n } from '../../lib/i18n';

const KNOWN = new Set([
  'created',
  'submitted',
  'withdrawn',
  'returned',
  'approved',
  'scheduled',
  'started',
  'cancelled',
  'finished',
  'resend_created',
]);

const TONE: Record<string, string> = {
  returned: 'timeline-returned',
  cancelled: 'timeline-rejected',
  finished: 'timeline-issued',
  approved: 'timeline-issued',
};

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function CampaignHistory({ history }: { history: readonly CampaignEvent[] }) {
  const { t, language } = useI18n();
  return (
    <ol class="timeline">
      {history.map((event, i) => {
        const d = event.details;
        const type = KNOWN.has(event.type) ? event.type : 'other';
        const detail =
          typeof d.note === 'string'
            ? t('publicity:history.note', { note: d.note })
            : event.type === 'scheduled' && typeof d.at === 'string'
              ? t('publicity:history.at', { date: formatDate(d.at, language, 'dateTime') })
              : event.type === 'started' && typeof d.audience === 'number'
                ? t('publicity:history.audience', { count: d.audience })
                : event.type === 'finished'
                  ? t('publicity:history.figures', {
                      sent: num(d.sent),
                      failed: num(d.failed),
                      blocked: num(d.blocked),
                    })
                  : event.type === 'resend_created' && typeof d.failed === 'number'
                    ? t('publicity:history.resend', { count: d.failed })
                    : null;
        return (
          <li key={`${event.at}-${i}`} class={`timeline-item ${TONE[event.type] ?? ''}`}>
            <span class="timeline-dot" aria-hidden="true" />
            <p class="timeline-title">{t(`publicity:history.type.${type}` as TextKey)}</p>
            <p class="timeline-meta">
              {formatDate(event.at, language, 'dateTime')}
              {event.actorName ? ` · ${event.actorName}` : ` · ${t('publicity:history.system')}`}
            </p>
            {detail ? <p class="timeline-detail">{detail}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
