// The reward on a substantiated tip, from the handler's side: its standing when one exists, else the
// proposal form — an amount within the category's published range (checked here and by the API). Only
// the first substantiated tip of a matter may have one; a category without a cash reward says so.
// The standing names the officers: who proposed, who approved, who may approve it now.
import { useState } from 'preact/hooks';
import { NOTE_MAX_CHARS } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { isApiError } from '../../lib/api/api-error';
import { type HandlerTipView, proposeReward } from '../../lib/api/tipoff-desk';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ActionForm } from './action-form';
import { formatYuan, RewardBadge } from './labels';
import { RewardPeople } from './reward-card';

export function CaseReward({ view, onDone }: { view: HandlerTipView; onDone: (message: string) => void }) {
  const { t, language } = useI18n();
  const [proposing, setProposing] = useState(false);
  const [amount, setAmount] = useState('');
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const { minYuan, maxYuan } = view.tier;
  const reward = view.reward;
  if (reward) {
    return (
      <div class="card reward-summary">
        <div class="status-line">
          <RewardBadge status={reward.status} />
        </div>
        <p class="reward-amount">{formatYuan(reward.amountYuan, language)}</p>
        <p class="field-hint">
          {t('tipoffDesk:reward.proposedOn', { date: formatDate(reward.proposedAt, language) })}
          {reward.needsSecondApproval ? ` · ${t('tipoffDesk:reward.needsSecond')}` : ''}
        </p>
        {reward.claimDeadline && reward.status === 'approved' ? (
          <p class="field-hint">
            {t('tipoffDesk:reward.claimBy', { date: formatDate(reward.claimDeadline, language) })}
          </p>
        ) : null}
        <RewardPeople reward={reward} />
        {reward.declineReason ? (
          <p>{t('tipoffDesk:reward.declined', { reason: reward.declineReason })}</p>
        ) : null}
      </div>
    );
  }
  if (!view.can.proposeReward) {
    return (
      <p class="muted">
        {view.status === 'substantiated' || view.finding === 'substantiated'
          ? t('tipoffDesk:reward.notYours')
          : t('tipoffDesk:reward.onlySubstantiated')}
      </p>
    );
  }
  if (maxYuan <= 0) return <p class="muted">{t('tipoffDesk:reward.noCashReward')}</p>;
  const range = {
    min: formatYuan(Math.max(1, minYuan), language),
    max: formatYuan(maxYuan, language),
  };
  if (!proposing) {
    return (
      <div class="action-buttons">
        <p class="note">{t('tipoffDesk:reward.proposeIntro', range)}</p>
        <Button block onClick={() => setProposing(true)}>
          {t('tipoffDesk:reward.propose')}
        </Button>
      </div>
    );
  }
  const n = Number(amount);
  const valid = /^\d+$/.test(amount.trim()) && n >= Math.max(1, minYuan) && n <= maxYuan;
  return (
    <ActionForm
      id="tip-reward"
      title={t('tipoffDesk:reward.propose')}
      intro={t('tipoffDesk:reward.proposeFormIntro')}
      textLabel={t('tipoffDesk:reward.noteLabel')}
      textHint={t('tipoffDesk:reward.noteHint')}
      textOptional
      maxChars={NOTE_MAX_CHARS}
      submit={t('tipoffDesk:reward.proposeSubmit')}
      invalid={!valid}
      shownFields={['amountYuan']}
      onAttempt={() => setTried(true)}
      send={(note) =>
        proposeReward(view.id, n, note || undefined).catch((e: unknown) => {
          setServerError(e);
          throw e;
        })
      }
      onCancel={() => setProposing(false)}
      onDone={() => onDone(t('tipoffDesk:done.rewardProposed', { amount: formatYuan(n, language) }))}
    >
      <Field
        id="tip-reward-amount"
        label={t('tipoffDesk:reward.amountLabel')}
        hint={t('tipoffDesk:reward.amountHint', range)}
        error={
          (isApiError(serverError) ? serverError.fieldError('amountYuan') : undefined) ??
          (tried && !valid ? t('tipoffDesk:reward.amountInvalid', range) : undefined)
        }
      >
        <input
          type="text"
          inputMode="numeric"
          autocomplete="off"
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value.replace(/[\s,，¥￥]/g, ''))}
        />
      </Field>
    </ActionForm>
  );
}
