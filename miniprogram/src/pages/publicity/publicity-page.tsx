// /publicity — the publicity officer's campaigns by stage: drafts, awaiting approval, ready or
// scheduled, sending, sent, cancelled (counts on the open stages). "New campaign" is the main action
// for publicity officers; admins come here to approve and read the figures.
import { useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { type CampaignListItem, exportCampaignReach, listCampaigns } from '../../lib/api/campaigns';
import { getVillages } from '../../lib/api/endpoints';
import { formatDate } from '../../lib/format';
import { type Translate, useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link, navigate } from '../../lib/router';
import { saveBlob } from '../../lib/save-blob';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { topicKey } from '../campaigns/published-row';
import { audienceText, CampaignStatusBadge } from './campaign-labels';
import { openStageCounts, STAGES, type StageId, stageWithWork } from './stages';
import './publicity.css';

const PAGE = 30;

// Kept for the session: coming back from a campaign shows the same stage. Until the officer picks
// one, the list opens where there is work (stageWithWork).
let rememberedStage: StageId | null = null;

function when(item: CampaignListItem, language: Parameters<typeof formatDate>[1], t: Translate): string {
  const at = (d: string) => formatDate(d, language, 'dateTime');
  if (item.status === 'scheduled' && item.scheduledAt)
    return t('publicity:list.scheduledFor', { date: at(item.scheduledAt) });
  if (item.status === 'sent' && item.finishedAt)
    return t('publicity:list.sentAt', { date: at(item.finishedAt) });
  if (item.status === 'sending' && item.startedAt)
    return t('publicity:list.startedAt', { date: at(item.startedAt) });
  return t('publicity:list.updatedAt', { date: at(item.updatedAt) });
}

function CampaignRow({ item }: { item: CampaignListItem }) {
  const { t, language } = useI18n();
  const villages = useResource(getVillages);
  const audience = audienceText(item.audience, villages.data ?? [], t);
  return (
    <Link to={`/publicity/campaigns/${item.id}`} class="card card-link campaign-row">
      <span class="card-body">
        <span class="card-title">{item.title}</span>
        <span class="status-line">
          <CampaignStatusBadge status={item.status} />
          <span class="badge badge-neutral">{t(topicKey(item.topic))}</span>
        </span>
        <span class="card-summary">{audience.villages}</span>
        <span class="card-summary">{when(item, language, t)}</span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function PublicityPage() {
  const { t } = useI18n();
  const { me } = useProfile();
  const counts = useResource(openStageCounts);
  const [picked, setPicked] = useState<StageId | null>(rememberedStage);
  const composes = me.capabilities.campaigns.compose;
  // Without the counts (still loading: wait; failed: drafts) there is no stage with work to open.
  const stage: StageId | null =
    picked ?? (counts.data ? stageWithWork(counts.data, composes) : counts.error ? 'draft' : null);
  const setStage = (next: StageId) => {
    rememberedStage = next;
    setPicked(next);
  };
  const statuses = stage ? STAGES.find((s) => s.id === stage)!.statuses.join(',') : '';
  const list = useResource(
    () =>
      statuses ? listCampaigns({ status: statuses, limit: String(PAGE) }) : new Promise<never>(() => {}),
    [statuses],
  );
  const [older, setOlder] = useState<{ stage: StageId; items: CampaignListItem[]; done: boolean } | null>(
    null,
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const extra = older?.stage === stage ? older : null;
  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const mayHaveMore = extra ? !extra.done : (list.data?.items.length ?? 0) >= PAGE;

  const loadMore = async () => {
    const last = items.at(-1);
    if (!last || !stage) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await listCampaigns({ status: statuses, before: last.updatedAt, limit: String(PAGE) });
      setOlder({ stage, items: [...(extra?.items ?? []), ...next.items], done: next.items.length < PAGE });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  useMainButton(
    composes ? { text: t('publicity:list.new'), onClick: () => navigate('/publicity/campaigns/new') } : null,
  );

  return (
    <Page
      title={t('publicity:list.title')}
      actions={
        <>
          <button
            type="button"
            class="header-action"
            disabled={!stage}
            onClick={() => {
              const statuses = stage ? STAGES.find((s) => s.id === stage)!.statuses : [];
              void exportCampaignReach({ status: [...statuses] }).then((blob) =>
                saveBlob(blob, 'campaign-reach.csv'),
              );
            }}
          >
            {t('review.export.button')}
          </button>
          <Link to="/guide" class="header-action">
            {t('publicity:list.guide')}
          </Link>
        </>
      }
    >
      <fieldset class="chips">
        <legend class="visually-hidden">{t('publicity:list.stageLegend')}</legend>
        <div class="chips-row">
          {STAGES.map((s) => {
            const n = counts.data?.[s.id];
            return (
              <label key={s.id} class={stage === s.id ? 'chip chip-on' : 'chip'}>
                <input
                  type="radio"
                  name="campaign-stage"
                  value={s.id}
                  checked={stage === s.id}
                  onChange={() => setStage(s.id)}
                />
                <span>{t(`publicity:list.stages.${s.id}`)}</span>
                {n ? <span class="chip-count">{n}</span> : null}
              </label>
            );
          })}
        </div>
      </fieldset>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data || !stage ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('publicity:list.emptyTitle')} body={t(`publicity:list.empty.${stage}`)} />
      ) : (
        <>
          <div class="card-stack">
            {items.map((item) => (
              <CampaignRow key={item.id} item={item} />
            ))}
          </div>
          {mayHaveMore ? (
            <div class="stack">
              <Button variant="secondary" block busy={loadingMore} onClick={() => void loadMore()}>
                {t('publicity:list.more')}
              </Button>
            </div>
          ) : null}
          <FormError error={moreError} shownFields={[]} />
        </>
      )}
    </Page>
  );
}
