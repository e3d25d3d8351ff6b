// Small pieces every publicity page shares: the status badge (words first, colour repeats them),
// the audience in words, and the live audience count (debounced while the officer edits).
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import {
  type Audience,
  type AudienceCount,
  type AudienceQuery,
  type CampaignStatus,
  countAudience,
} from '../../lib/api/campaigns';
import type { Village } from '../../lib/api/endpoints';
import { formatList } from '../../lib/format';
import { type TextKey, type Translate, useT } from '../../lib/i18n';

const TONES: Record<CampaignStatus, string> = {
  draft: 'neutral',
  submitted: 'warning',
  approved: 'info',
  scheduled: 'info',
  sending: 'info',
  sent: 'success',
  cancelled: 'danger',
};

export function statusKey(status: CampaignStatus): TextKey {
  return `campaigns:status.${status}`;
}

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useT();
  return <span class={`badge badge-${TONES[status]}`}>{t(statusKey(status))}</span>;
}

/** "东山村、西山村" / "All villages" and the same for languages and population groups. */
export function audienceText(audience: Audience, villages: readonly Village[], t: Translate) {
  return {
    villages: audience.villageIds.length
      ? formatList(
          audience.villageIds.map((id) => villages.find((v) => v.id === id)?.name ?? `#${id}`),
          t,
        )
      : t('publicity:audience.allVillages'),
    languages: audience.languages.length
      ? formatList(
          audience.languages.map((l) => LANGUAGE_NAMES[l]),
          t,
        )
      : t('publicity:audience.allLanguages'),
    statuses: audience.statuses.length
      ? formatList(
          audience.statuses.map((s) => t(`common:populationStatus.${s}`)),
          t,
        )
      : t('publicity:audience.allStatuses'),
  };
}

export interface CountState {
  count?: AudienceCount;
  error?: unknown;
  loading: boolean;
}

/** How many people the audience reaches now; asked again 400 ms after the last change. */
export function useAudienceCount(query: AudienceQuery | null): CountState {
  const [state, setState] = useState<CountState>({ loading: query !== null });
  const key = query ? JSON.stringify(query) : '';
  useEffect(() => {
    if (!query) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ count: s.count, loading: true }));
    const timer = setTimeout(() => {
      countAudience(query).then(
        (count) => {
          if (live) setState({ count, loading: false });
        },
        (error: unknown) => {
          if (live) setState({ error, loading: false });
        },
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** The count as the officer reads it, announced politely when it changes. */
export function AudienceCountView({
  state,
  topicChosen,
  sticky,
}: {
  state: CountState;
  topicChosen: boolean;
  /** Stays at the top of the screen while its card scrolls (never under the bottom button). */
  sticky?: boolean;
}) {
  const t = useT();
  const count = state.count;
  return (
    <div
      class={sticky ? 'audience-count audience-count-sticky' : 'audience-count'}
      role="status"
      aria-live="polite"
      aria-busy={state.loading || undefined}
    >
      {!topicChosen ? (
        <p class="muted">{t('publicity:audience.chooseTopic')}</p>
      ) : state.error && !count ? (
        <p class="text-danger">{t('publicity:audience.countFailed')}</p>
      ) : count ? (
        <>
          <p class="audience-count-total">{t('publicity:audience.count', { count: count.total })}</p>
          <p class="audience-count-detail">
            {t('publicity:audience.byLanguage', {
              zhCN: count.byLanguage['zh-CN'] ?? 0,
              zhTW: count.byLanguage['zh-TW'] ?? 0,
              en: count.byLanguage.en ?? 0,
            })}
            {state.loading ? ` · ${t('publicity:audience.updating')}` : ''}
          </p>
        </>
      ) : (
        <p class="muted">{t('publicity:audience.counting')}</p>
      )}
      <p class="field-hint">{t('publicity:audience.countHint')}</p>
    </div>
  );
}
