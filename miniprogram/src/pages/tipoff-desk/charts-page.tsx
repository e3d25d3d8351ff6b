// /cases/charts — tip-offs in figures (counts only, nothing about anyone): tips per category per month,
// time to triage in working days, the share substantiated, rewards paid per month, and what is overdue.
// The same hand-drawn charts as the certificates dashboard, each with its table.
import { useState } from 'preact/hooks';
import { TIP_CATEGORIES } from '../../../../core/tipoffs/tipoff-schema';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { getTipCharts } from '../../lib/api/tipoff-desk';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { BarChart, ColumnChart, type Series } from '../review/charts';
import { categoryLabel, formatYuan } from './labels';
import './tipoff-desk.css';

const CATEGORY_COLORS = ['#b42318', '#c2410c', '#7c3aed', '#1d63c9', '#15803d'] as const;
const PERIODS = [6, 12] as const;

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: 'danger' }) {
  return (
    <div class={tone ? `stat stat-${tone}` : 'stat'}>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

/** 'YYYY-MM' → '11/2026' style short labels in the reader's language. */
function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { year: '2-digit', month: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)),
  );
}

export function TipChartsPage() {
  const { t, language } = useI18n();
  const [months, setMonths] = useState<(typeof PERIODS)[number]>(6);
  const data = useResource(() => getTipCharts(months), [months]);
  const period = (
    <fieldset class="segmented">
      <legend class="visually-hidden">{t('tipoffDesk:charts.period')}</legend>
      <div class="segmented-options">
        {PERIODS.map((p) => (
          <label key={p} class={months === p ? 'segment segment-on' : 'segment'}>
            <input type="radio" name="charts-months" checked={months === p} onChange={() => setMonths(p)} />
            <span>{t('tipoffDesk:charts.months', { count: p })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
  if (data.error) {
    return (
      <Page title={t('tipoffDesk:charts.title')}>
        <ErrorState error={data.error} onRetry={data.reload} />
      </Page>
    );
  }
  if (!data.data) return <Loading />;
  const d = data.data;
  const series: Series[] = TIP_CATEGORIES.map((c, i) => ({
    key: c,
    label: t(`tipoffDesk:categoryShort.${c}`),
    color: CATEGORY_COLORS[i] ?? '#1d63c9',
  }));
  const countsOf = (c: string) => d.perCategory.find((p) => p.category === c)?.counts ?? [];
  const totals = TIP_CATEGORIES.map((c) => countsOf(c).reduce((s, n) => s + n, 0));
  const days = (n: number | null) => (n === null ? '—' : String(Math.round(n * 10) / 10));
  const share = d.substantiated.share === null ? null : Math.round(d.substantiated.share * 100);
  const paidTotal = d.rewardsPaid.reduce((s, r) => s + r.amountYuan, 0);
  const paidCount = d.rewardsPaid.reduce((s, r) => s + r.count, 0);
  return (
    <Page title={t('tipoffDesk:charts.title')}>
      {period}
      <div class="stats">
        <Stat
          label={t('tipoffDesk:charts.triageMedian', { count: d.triage.count })}
          value={days(d.triage.medianWorkingDays)}
        />
        <Stat label={t('tipoffDesk:charts.triageAverage')} value={days(d.triage.averageWorkingDays)} />
        <Stat
          label={t('tipoffDesk:charts.substantiatedShare', {
            substantiated: d.substantiated.substantiated,
            decided: d.substantiated.decided,
          })}
          value={share === null ? '—' : `${share}%`}
        />
        <Stat
          label={t('tipoffDesk:charts.overdueOpen', { escalations: d.overdue.escalations })}
          value={d.overdue.open}
          tone={d.overdue.open > 0 ? 'danger' : undefined}
        />
        <Stat
          label={t('tipoffDesk:charts.rewardsPaid', { count: paidCount })}
          value={formatYuan(paidTotal, language)}
        />
      </div>
      <p class="note">{t('tipoffDesk:charts.countsOnly')}</p>

      <Section title={t('tipoffDesk:charts.perMonth')}>
        <div class="card">
          <ColumnChart
            title={t('tipoffDesk:charts.perMonth')}
            series={series}
            groupHeading={t('tipoffDesk:charts.month')}
            groups={d.months.map((m, i) => ({
              label: monthLabel(m, language),
              values: TIP_CATEGORIES.map((c) => countsOf(c)[i] ?? 0),
            }))}
          />
        </div>
      </Section>

      <Section title={t('tipoffDesk:charts.perCategory')}>
        <div class="card">
          <BarChart
            title={t('tipoffDesk:charts.perCategory')}
            series={[{ key: 'n', label: t('tipoffDesk:charts.tips'), color: '#1d63c9' }]}
            rows={TIP_CATEGORIES.map((c, i) => ({ label: categoryLabel(c, t), values: [totals[i] ?? 0] }))}
          />
        </div>
      </Section>

      <Section title={t('tipoffDesk:charts.rewardsPerMonth')}>
        <div class="card">
          <ColumnChart
            title={t('tipoffDesk:charts.rewardsPerMonth')}
            series={[{ key: 'yuan', label: t('tipoffDesk:charts.yuan'), color: '#15803d' }]}
            groupHeading={t('tipoffDesk:charts.month')}
            groups={d.rewardsPaid.map((r) => ({
              label: monthLabel(r.month, language),
              values: [r.amountYuan],
            }))}
          />
          <p class="field-hint">{t('tipoffDesk:charts.rewardsHint')}</p>
        </div>
      </Section>
    </Page>
  );
}
