// /review/service-file/completeness — how complete the files are, per village: whole files complete
// and overdue items as stats; each item met / missing / overdue as a chart; per village the complete
// files and overdue counts as a chart; everything as a table (village × item) and as CSV.
import { useState } from 'preact/hooks';
import { ITEM_KINDS, type ItemKind } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Notice } from '../../components/card';
import { Page, Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { getVillages } from '../../lib/api/endpoints';
import {
  type Completeness,
  type CompletenessVillage,
  fetchCompletenessCsv,
  getCompleteness,
  refreshCompleteness,
} from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { BarChart, type Series } from '../review/charts';
import './service-file.css';

const COLORS = { met: '#15803d', missing: '#b45309', overdue: '#b42318', complete: '#1d63c9' } as const;

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: 'danger' }) {
  return (
    <div class={tone ? `stat stat-${tone}` : 'stat'}>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

/** Every village's figures added up (the township, or the villages in the officer's scope). */
function total(villages: readonly CompletenessVillage[]) {
  const byKind = new Map<ItemKind, { total: number; met: number; overdue: number }>();
  for (const v of villages)
    for (const i of v.items) {
      const sum = byKind.get(i.kind) ?? { total: 0, met: 0, overdue: 0 };
      sum.total += i.total;
      sum.met += i.met;
      sum.overdue += i.overdue;
      byKind.set(i.kind, sum);
    }
  return {
    files: villages.reduce((n, v) => n + v.files, 0),
    completeFiles: villages.reduce((n, v) => n + v.completeFiles, 0),
    overdueItems: villages.reduce((n, v) => n + v.overdueItems, 0),
    byKind,
  };
}

function Figures({ data }: { data: Completeness }) {
  const { t, language } = useI18n();
  const sum = total(data.villages);
  const itemSeries: Series[] = [
    { key: 'met', label: t('fileApp:completeness.series.met'), color: COLORS.met },
    { key: 'missing', label: t('fileApp:completeness.series.missing'), color: COLORS.missing },
    { key: 'overdue', label: t('fileApp:completeness.series.overdue'), color: COLORS.overdue },
  ];
  const villageSeries: Series[] = [
    { key: 'complete', label: t('fileApp:completeness.series.complete'), color: COLORS.complete },
    { key: 'incomplete', label: t('fileApp:completeness.series.incomplete'), color: COLORS.missing },
    { key: 'overdue', label: t('fileApp:completeness.series.overdue'), color: COLORS.overdue },
  ];
  const asOf = (
    <p class="muted completeness-as-of">
      {t('fileApp:completeness.computedAt', { time: formatDate(data.computedAt, language, 'time') })}
    </p>
  );
  if (!sum.files)
    return (
      <>
        {asOf}
        <p class="muted">{t('fileApp:completeness.noData')}</p>
      </>
    );
  return (
    <>
      {asOf}
      <div class="stats">
        <Stat label={t('fileApp:completeness.files')} value={sum.files} />
        <Stat label={t('fileApp:completeness.complete')} value={sum.completeFiles} />
        <Stat
          label={t('fileApp:completeness.rate')}
          value={t('fileApp:completeness.percent', { n: percent(sum.completeFiles, sum.files) })}
        />
        <Stat
          label={t('fileApp:completeness.overdue')}
          value={sum.overdueItems}
          tone={sum.overdueItems ? 'danger' : undefined}
        />
      </div>
      <Section title={t('fileApp:completeness.byItem')}>
        <div class="card">
          <BarChart
            title={t('fileApp:completeness.byItem')}
            series={itemSeries}
            rows={ITEM_KINDS.map((k) => {
              const s = sum.byKind.get(k) ?? { total: 0, met: 0, overdue: 0 };
              return { label: t(`fileApp:kind.${k}`), values: [s.met, s.total - s.met, s.overdue] };
            })}
          />
        </div>
      </Section>
      <Section title={t('fileApp:completeness.byVillage')}>
        <div class="card">
          <BarChart
            title={t('fileApp:completeness.byVillage')}
            series={villageSeries}
            rows={data.villages.map((v) => ({
              label: v.name,
              values: [v.completeFiles, v.files - v.completeFiles, v.overdueItems],
            }))}
          />
        </div>
      </Section>
      <Section title={t('fileApp:completeness.table')}>
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden">{t('fileApp:completeness.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fileApp:completeness.village')}</th>
                <th scope="col">{t('fileApp:completeness.complete')}</th>
                {ITEM_KINDS.map((k) => (
                  <th key={k} scope="col">
                    {t(`fileApp:kind.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.villages.map((v) => (
                <tr key={v.villageId}>
                  <th scope="row">{v.name}</th>
                  <td>
                    {v.completeFiles} / {v.files}
                  </td>
                  {ITEM_KINDS.map((k) => {
                    const i = v.items.find((x) => x.kind === k);
                    return (
                      <td key={k} class={i?.overdue ? 'text-danger' : undefined}>
                        {i ? `${i.met} / ${i.total}` : '—'}
                        {i?.overdue ? (
                          <span class="cell-note">
                            {' '}
                            {t('fileApp:completeness.overdueCell', { count: i.overdue })}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function CompletenessPage() {
  const { t } = useI18n();
  const { me } = useProfile();
  const [villageId, setVillageId] = useState('');
  // "Refresh now" answers the figures too: shown in place of the loaded ones until the village changes.
  const [refreshedData, setRefreshedData] = useState<Completeness | null>(null);
  const data = useResource(() => {
    setRefreshedData(null);
    return getCompleteness(villageId ? { villageId } : {});
  }, [villageId]);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refreshNow = async () => {
    setRefreshing(true);
    setRefreshError(null);
    setNotice(null);
    try {
      const { refreshed, ...figures } = await refreshCompleteness(villageId ? { villageId } : {});
      setRefreshedData(figures);
      setNotice(t(refreshed ? 'fileApp:completeness.refreshed' : 'fileApp:completeness.refreshRecent'));
    } catch (e) {
      setRefreshError(e);
    } finally {
      setRefreshing(false);
    }
  };
  const shown = refreshedData ?? data.data;
  const villages = useResource(getVillages);
  const scope = me.capabilities.review.villageIds;
  const myVillages = (villages.data ?? []).filter((v) => scope === null || scope.includes(v.id));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      download(await fetchCompletenessCsv(villageId ? { villageId } : {}), 'service-file-completeness.csv');
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Page
      title={t('fileApp:completeness.title')}
      actions={
        <Link to="/review/service-file" class="header-action">
          {t('fileApp:officer.queueShort')}
        </Link>
      }
    >
      <p class="lead">{t('fileApp:completeness.intro')}</p>
      <div class="filters completeness-filters">
        {myVillages.length > 1 ? (
          <label class="filter-select">
            <span class="visually-hidden">{t('fileApp:completeness.village')}</span>
            <select value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)}>
              <option value="">{t('fileApp:completeness.allVillages')}</option>
              {myVillages.map((v) => (
                <option key={v.id} value={String(v.id)}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button variant="secondary" busy={exporting} onClick={() => void exportCsv()}>
          {exporting ? t('fileApp:completeness.exporting') : t('fileApp:completeness.export')}
        </Button>
        <Button variant="secondary" busy={refreshing} onClick={() => void refreshNow()}>
          {t('fileApp:completeness.refresh')}
        </Button>
      </div>
      <Notice text={notice} />
      <FormError error={exportError ?? refreshError} shownFields={[]} />
      {data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : !shown ? (
        <Loading />
      ) : (
        <Figures data={shown} />
      )}
    </Page>
  );
}
