// Sending and after: the live progress bar (polled every 1.5 s while sending: delivered, failed,
// blocked, remaining, rate, time left) and the reach figures as charts — outcomes by reason, per
// village, per language, sends per minute — with "resend to the failed only".
import { useEffect, useRef, useState } from 'preact/hooks';
import { isLanguage, LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import {
  type CampaignView,
  getProgress,
  getStats,
  type Progress,
  resendFailed,
  type Stats,
} from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { type TextKey, type Translate, useI18n, useT } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { BarChart, ColumnChart, type Series } from '../review/charts';
import { setFlash } from './flash';

const POLL_MS = 1500;
const COLORS = {
  delivered: '#15803d',
  failed: '#b42318',
  blocked: '#b45309',
  clicked: '#1d63c9',
  total: '#8b95a1',
  // The outcomes chart mixes good and bad outcomes in one series: its rows say which is which.
  neutral: '#1d63c9',
};

const reasonKey = (reason: string): TextKey =>
  `campaigns:reason.${['rate_limited', 'network', 'bad_request', 'blocked', 'lease_expired'].includes(reason) ? reason : 'unknown'}` as TextKey;

function duration(seconds: number, t: Translate): string {
  if (seconds < 60) return t('publicity:progress.seconds', { n: seconds });
  if (seconds < 3600) return t('publicity:progress.minutes', { n: Math.ceil(seconds / 60) });
  return t('publicity:progress.hours', { n: Math.round((seconds / 3600) * 10) / 10 });
}

function Figure({ label, value, tone }: { label: string; value: string | number; tone?: 'danger' }) {
  return (
    <div class={tone ? `stat stat-${tone}` : 'stat'}>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

/** The bar; while sending also the running figures (afterwards the reach figures below say it all). */
function ProgressBar({ progress }: { progress: Progress }) {
  const t = useT();
  const done = progress.delivered + progress.failed + progress.blocked + progress.cancelled;
  const percent =
    progress.total > 0
      ? Math.min(100, Math.floor((done / progress.total) * 100))
      : progress.status === 'sent'
        ? 100
        : 0;
  const part = (n: number) => (progress.total > 0 ? `${(n / progress.total) * 100}%` : '0');
  return (
    <div class="progress-card card">
      <div class="progress-head">
        <span class="progress-percent">{t('publicity:progress.percent', { n: percent })}</span>
        <span class="muted">{t('publicity:progress.ofTotal', { done, total: progress.total })}</span>
      </div>
      <div
        class="progress"
        role="progressbar"
        aria-label={t('publicity:progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('publicity:progress.percent', { n: percent })}
      >
        <span
          class="progress-part"
          style={{ width: part(progress.delivered), background: COLORS.delivered }}
        />
        <span class="progress-part" style={{ width: part(progress.failed), background: COLORS.failed }} />
        <span class="progress-part" style={{ width: part(progress.blocked), background: COLORS.blocked }} />
      </div>
      {progress.status === 'sending' ? (
        <div class="stats">
          <Figure label={t('publicity:figures.delivered')} value={progress.delivered} />
          <Figure
            label={t('publicity:figures.failed')}
            value={progress.failed}
            tone={progress.failed ? 'danger' : undefined}
          />
          <Figure label={t('publicity:figures.blocked')} value={progress.blocked} />
          <Figure label={t('publicity:figures.remaining')} value={progress.remaining} />
        </div>
      ) : null}
      {progress.status === 'sending' ? (
        <p class="note">
          {t('publicity:progress.rate', { rate: progress.ratePerSecond })}
          {' · '}
          {progress.remaining > 0
            ? t('publicity:progress.eta', { time: duration(progress.etaSeconds, t) })
            : t('publicity:progress.finishing')}
        </p>
      ) : null}
    </div>
  );
}

/** While sending: polls until the status changes, then tells the page to reload the campaign. */
export function SendingProgress({ campaignId, onFinished }: { campaignId: string; onFinished: () => void }) {
  const t = useT();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await getProgress(campaignId);
        if (!live) return;
        setProgress(next);
        setError(null);
        if (next.status !== 'sending') {
          finished.current();
          return;
        }
      } catch (e) {
        // A lost answer is retried on the next tick; the bar keeps its last figures.
        if (live) setError(e);
      }
      if (live) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [campaignId]);
  return (
    <Section title={t('publicity:progress.title')}>
      {progress ? <ProgressBar progress={progress} /> : error ? <ErrorState error={error} /> : <Loading />}
      {progress && error ? <p class="note text-warning">{t('publicity:progress.stale')}</p> : null}
    </Section>
  );
}

function StatsCharts({ stats }: { stats: Stats }) {
  const { t, language } = useI18n();
  const outcomes = [
    { label: t('publicity:figures.delivered'), value: stats.delivered },
    ...Object.entries(stats.failedByReason).map(([reason, n]) => ({
      label: t('publicity:figures.failedBecause', { reason: t(reasonKey(reason)) }),
      value: n,
    })),
    { label: t('publicity:figures.blocked'), value: stats.blocked },
    ...(stats.cancelled ? [{ label: t('publicity:figures.cancelled'), value: stats.cancelled }] : []),
  ];
  const perVillage: Series[] = [
    { key: 'delivered', label: t('publicity:figures.delivered'), color: COLORS.delivered },
    { key: 'failed', label: t('publicity:figures.failed'), color: COLORS.failed },
    { key: 'blocked', label: t('publicity:figures.blocked'), color: COLORS.blocked },
    { key: 'clicked', label: t('publicity:figures.clicked'), color: COLORS.clicked },
  ];
  const perLanguage: Series[] = [
    { key: 'delivered', label: t('publicity:figures.delivered'), color: COLORS.delivered },
    { key: 'total', label: t('publicity:figures.recipients'), color: COLORS.total },
  ];
  const minute = (iso: string) =>
    formatDate(iso, language, 'dateTime').replace(/^.*?(\d{1,2}:\d{2}).*$/, '$1');
  return (
    <>
      <div class="stats">
        <Figure label={t('publicity:figures.delivered')} value={stats.delivered} />
        <Figure
          label={t('publicity:figures.failed')}
          value={stats.failed}
          tone={stats.failed ? 'danger' : undefined}
        />
        <Figure label={t('publicity:figures.blocked')} value={stats.blocked} />
        <Figure
          label={t('publicity:figures.clicks', { people: stats.clicks.people })}
          value={stats.clicks.total}
        />
      </div>
      <Section title={t('publicity:stats.outcomes')}>
        <div class="card">
          <BarChart
            title={t('publicity:stats.outcomes')}
            series={[{ key: 'n', label: t('publicity:stats.people'), color: COLORS.neutral }]}
            rows={outcomes.map((o) => ({ label: o.label, values: [o.value] }))}
          />
        </div>
      </Section>
      <Section title={t('publicity:stats.perVillage')}>
        <div class="card">
          {stats.byVillage.length ? (
            <BarChart
              title={t('publicity:stats.perVillage')}
              series={perVillage}
              rows={stats.byVillage.map((v) => ({
                label: v.villageName ?? t('publicity:stats.noVillage'),
                values: [v.delivered, v.failed, v.blocked, v.clicked],
              }))}
            />
          ) : (
            <p class="muted">{t('dashboard.noData')}</p>
          )}
        </div>
      </Section>
      <Section title={t('publicity:stats.perLanguage')}>
        <div class="card">
          {stats.byLanguage.length ? (
            <BarChart
              title={t('publicity:stats.perLanguage')}
              series={perLanguage}
              rows={stats.byLanguage.map((l) => ({
                label: isLanguage(l.language) ? LANGUAGE_NAMES[l.language] : l.language,
                values: [l.delivered, l.total],
              }))}
            />
          ) : (
            <p class="muted">{t('dashboard.noData')}</p>
          )}
        </div>
      </Section>
      {stats.timeline.length ? (
        <Section title={t('publicity:stats.timeline')}>
          <div class="card">
            <ColumnChart
              title={t('publicity:stats.timeline')}
              series={[{ key: 'sent', label: t('publicity:figures.delivered'), color: COLORS.delivered }]}
              groups={stats.timeline.slice(-12).map((m) => ({ label: minute(m.minute), values: [m.sent] }))}
            />
            <p class="field-hint">{t('publicity:stats.timelineHint')}</p>
          </div>
        </Section>
      ) : null}
    </>
  );
}

/** After sending (or a cancel during it): the final bar, the figures and "resend to the failed". */
export function CampaignResults({ view }: { view: CampaignView }) {
  const t = useT();
  const progress = useResource(() => getProgress(view.id), [view.id, view.status]);
  const stats = useResource(() => getStats(view.id), [view.id, view.status]);
  const [resending, setResending] = useState(false);
  const [resendError, setResendError] = useState<unknown>(null);
  const resend = async () => {
    setResending(true);
    setResendError(null);
    try {
      const round = await resendFailed(view.id);
      setFlash(t('publicity:stats.resendCreated', { count: round.recipients }));
      navigate(`/publicity/campaigns/${round.id}`);
    } catch (e) {
      setResendError(e);
      setResending(false);
    }
  };
  return (
    <>
      <Section title={t('publicity:progress.title')}>
        {progress.error ? (
          <ErrorState error={progress.error} onRetry={progress.reload} />
        ) : progress.data ? (
          <ProgressBar progress={progress.data} />
        ) : (
          <Loading />
        )}
      </Section>
      <Section title={t('publicity:stats.title')}>
        {stats.error ? (
          <ErrorState error={stats.error} onRetry={stats.reload} />
        ) : stats.data ? (
          <>
            <StatsCharts stats={stats.data} />
            {view.can.resendFailed && stats.data.failed > 0 ? (
              <div class="stack">
                <Button variant="secondary" block busy={resending} onClick={() => void resend()}>
                  {t('publicity:stats.resend', { count: stats.data.failed })}
                </Button>
                <p class="field-hint">{t('publicity:stats.resendHint')}</p>
                <FormError error={resendError} shownFields={[]} />
              </div>
            ) : null}
          </>
        ) : (
          <Loading />
        )}
      </Section>
    </>
  );
}
