// The officers' words for a tip-off and its reward: category, status and reward badges (the meaning in
// words, the colour only repeats it), the stage a deadline belongs to, money in yuan, the tip's number.
import type { RewardStatus, TipCategory, TipStatus } from '../../lib/api/tipoff-desk';
import type { Language, Translate } from '../../lib/i18n';
import { useT } from '../../lib/i18n';

const STATUS_TONES: Record<TipStatus, string> = {
  received: 'info',
  acknowledged: 'info',
  accepted: 'info',
  investigating: 'warning',
  out_of_scope: 'neutral',
  duplicate: 'neutral',
  substantiated: 'success',
  unsubstantiated: 'neutral',
  closed: 'neutral',
};

const REWARD_TONES: Record<RewardStatus, string> = {
  proposed: 'warning',
  awaiting_second: 'warning',
  approved: 'info',
  claimed: 'info',
  paid: 'success',
  declined: 'neutral',
  lapsed: 'neutral',
};

// Categories and statuses in the words every channel uses (the tipoffs namespace, shared with the
// reporter's screens and the bot).
// (A reward's category comes typed as a plain string; it is always one of TIP_CATEGORIES.)
export const categoryLabel = (category: TipCategory | string, t: Translate) =>
  t(`tipoffs:category.${category as TipCategory}`);
export const statusLabel = (status: TipStatus, t: Translate) => t(`tipoffs:status.${status}`);

/** '#12' — the per-township running number officers and the reporter both use. */
export const tipNumber = (n: number) => `#${n}`;

const money = new Map<Language, Intl.NumberFormat>();
/** '¥5,000' in the reader's language (whole yuan). */
export function formatYuan(amount: number, language: Language): string {
  let f = money.get(language);
  if (!f) {
    // narrowSymbol: '¥6,000' in every language, not 'CN¥6,000'.
    f = new Intl.NumberFormat(language, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 0,
    });
    money.set(language, f);
  }
  return f.format(amount);
}

export function TipStatusBadge({ status }: { status: TipStatus }) {
  const t = useT();
  return <span class={`badge badge-${STATUS_TONES[status]}`}>{statusLabel(status, t)}</span>;
}

export function RewardBadge({ status }: { status: RewardStatus }) {
  const t = useT();
  return <span class={`badge badge-${REWARD_TONES[status]}`}>{t(`tipoffDesk:rewardStatus.${status}`)}</span>;
}

/** Overdue: which promised step is late, in words. */
export function TipOverdueBadge({ stage }: { stage?: string | null }) {
  const t = useT();
  return (
    <span class="badge badge-danger">
      <span aria-hidden="true">! </span>
      {stage === 'acknowledge' || stage === 'triage' || stage === 'outcome'
        ? t(`tipoffDesk:overdueStage.${stage}`)
        : t('tipoffDesk:overdue')}
    </span>
  );
}

/** Officers' names in the language's list style: "A, B and C", "A、B和C". */
export function nameList(names: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
}
