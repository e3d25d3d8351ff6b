// /review/dashboard — how the promises are kept (限时办结): applications by status, what is overdue
// now, overdue and late decisions per officer and per village, median time to decision, and
// submissions vs decisions over the last 8 weeks.
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { getReviewDashboard } from '../../lib/api/certificates';
import { type Translate, useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { BarChart, ColumnChart, type Series } from './charts';

const COLORS = {
  primary: '#1d63c9',
  decided: '#15803d',
  overdue: '#b42318',
  late: '#b45309',
} as const;

const STATUSES = ['submitted', 'in_review', 'returned', 'issued', 'revoked', 'rejected'] as const;

function duration(hours: number | null, t: Translate): string {
  if (hours === null) return '—';
  if (hours < 48) return t('dashboard.hours', { n: Math.round(hours * 10) / 10 });
  return t('dashboard.days', { n: Math.round((hours / 24) * 10) / 10 });
}

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: 'danger' }) {
  return (
    <div class={tone ? `stat stat-${tone}` : 'stat'}>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

export function DashboardPage() {
  const t = useT();
  const data = useResource(getReviewDashboard);
  if (data.error) {
    return (
      <Page title={t('dashboard.title')}>
        <ErrorState error={data.error} onRetry={data.reload} />
      </Page>
    );
  }
  if (!data.data) return <Loading />;
  const d = data.data;
  const open = d.byStatus.submitted + d.byStatus.in_review;
  const counts: Series[] = [
    { key: 'open', label: t('dashboard.series.open'), color: COLORS.primary },
    { key: 'overdue', label: t('dashboard.series.overdue'), color: COLORS.overdue },
    { key: 'late', label: t('dashboard.series.decidedLate'), color: COLORS.late },
  ];
  const weekly: Series[] = [
    { key: 'submitted', label: t('dashboard.series.submitted'), color: COLORS.primary },
    { key: 'decided', label: t('dashboard.series.decided'), color: COLORS.decided },
  ];
  return (
    <Page
      title={t('dashboard.title')}
      actions={
        <Link to="/review" class="header-action">
          {t('review.queue.short')}
        </Link>
      }
    >
      <div class="stats">
        <Stat label={t('dashboard.openNow')} value={open} />
        <Stat
          label={t('dashboard.overdueNow')}
          value={d.overdueNow}
          tone={d.overdueNow > 0 ? 'danger' : undefined}
        />
        <Stat label={t('dashboard.medianTime')} value={duration(d.decisions.medianHours, t)} />
        <Stat
          label={t('dashboard.decidedLate', { days: d.decisions.windowDays })}
          value={`${d.decisions.late} / ${d.decisions.decided}`}
          tone={d.decisions.late > 0 ? 'danger' : undefined}
        />
      </div>
      <p class="note">{t('dashboard.window', { days: d.decisions.windowDays })}</p>

      <Section title={t('dashboard.byStatus')}>
        <div class="card">
          <BarChart
            title={t('dashboard.byStatus')}
            series={[{ key: 'n', label: t('dashboard.series.count'), color: COLORS.primary }]}
            rows={STATUSES.map((s) => ({ label: t(`certStatus.${s}`), values: [d.byStatus[s]] }))}
          />
        </div>
      </Section>

      <Section title={t('dashboard.weekly')}>
        <div class="card">
          <ColumnChart
            title={t('dashboard.weekly')}
            series={weekly}
            groups={d.weekly.map((w) => ({
              label: `${Number(w.week.slice(5, 7))}/${Number(w.week.slice(8, 10))}`,
              values: [w.submitted, w.decided],
            }))}
          />
          <p class="field-hint">{t('dashboard.weeklyHint')}</p>
        </div>
      </Section>

      <Section title={t('dashboard.perOfficer')}>
        <div class="card">
          {d.perOfficer.length ? (
            <BarChart
              title={t('dashboard.perOfficer')}
              series={counts}
              rows={d.perOfficer.map((o) => ({ label: o.name, values: [o.open, o.overdue, o.decidedLate] }))}
            />
          ) : (
            <p class="muted">{t('dashboard.noData')}</p>
          )}
        </div>
      </Section>

      <Section title={t('dashboard.perVillage')}>
        <div class="card">
          {d.perVillage.length ? (
            <BarChart
              title={t('dashboard.perVillage')}
              series={counts}
              rows={d.perVillage.map((v) => ({ label: v.name, values: [v.open, v.overdue, v.decidedLate] }))}
            />
          ) : (
            <p class="muted">{t('dashboard.noData')}</p>
          )}
        </div>
      </Section>
    </Page>
  );
}
