// /rewards/tiers — the published reward table (admin): per category the range a handler may propose
// from (0–0 = no cash reward), saved one category at a time and shown to reporters before they report.
// The second-approval threshold and the claim window are settings of the office (read-only here).
import { useState } from 'preact/hooks';
import { MAX_REWARD_YUAN, type TipCategory } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import { getRewardTable, updateRewardTier } from '../../lib/api/tipoff-desk';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { useResource } from '../../lib/use-resource';
import { categoryLabel, formatYuan } from './labels';
import './tipoff-desk.css';

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

function TierRow({
  category,
  minYuan,
  maxYuan,
  editable,
  onSaved,
}: {
  category: TipCategory;
  minYuan: number;
  maxYuan: number;
  editable: boolean;
  onSaved: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const [min, setMin] = useState(String(minYuan));
  const [max, setMax] = useState(String(maxYuan));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lo = whole(min);
  const hi = whole(max);
  const minProblem =
    Number.isNaN(lo) || lo > MAX_REWARD_YUAN ? t('tipoffDesk:tiers.amountInvalid') : undefined;
  const maxProblem =
    Number.isNaN(hi) || hi > MAX_REWARD_YUAN
      ? t('tipoffDesk:tiers.amountInvalid')
      : !minProblem && hi < lo
        ? t('tipoffDesk:tiers.rangeInvalid')
        : undefined;
  const changed = lo !== minYuan || hi !== maxYuan;
  const save = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (minProblem || maxProblem) return;
    setBusy(true);
    try {
      await updateRewardTier(category, lo, hi);
      onSaved(t('tipoffDesk:tiers.saved', { category: categoryLabel(category, t) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = `tier-${category}`;
  const title = categoryLabel(category, t);
  const range =
    maxYuan <= 0
      ? t('tipoffDesk:tiers.noCash')
      : t('tipoffDesk:tiers.range', {
          min: formatYuan(minYuan, language),
          max: formatYuan(maxYuan, language),
        });
  if (!editable) {
    return (
      <div class="card tier-row">
        <h3>{title}</h3>
        <p>{range}</p>
      </div>
    );
  }
  return (
    <form
      class="card form tier-row"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p class="field-hint">{t('tipoffDesk:tiers.now', { range })}</p>
      <div class="tier-fields">
        <Field
          id={`${id}-min`}
          label={t('tipoffDesk:tiers.min')}
          error={
            (isApiError(error) ? error.fieldError('minYuan') : undefined) ?? (tried ? minProblem : undefined)
          }
        >
          <input type="text" inputMode="numeric" value={min} onInput={(e) => setMin(e.currentTarget.value)} />
        </Field>
        <Field
          id={`${id}-max`}
          label={t('tipoffDesk:tiers.max')}
          error={
            (isApiError(error) ? error.fieldError('maxYuan') : undefined) ?? (tried ? maxProblem : undefined)
          }
        >
          <input type="text" inputMode="numeric" value={max} onInput={(e) => setMax(e.currentTarget.value)} />
        </Field>
      </div>
      <FormError error={error} shownFields={['minYuan', 'maxYuan']} />
      <Button type="submit" variant="secondary" block busy={busy} disabled={!changed}>
        {t('tipoffDesk:tiers.save', { category: title })}
      </Button>
    </form>
  );
}

export function TiersPage() {
  const { t, language } = useI18n();
  const { me } = useProfile();
  const table = useResource(getRewardTable);
  const [notice, setNotice] = useState<string | null>(null);
  const editable = me.capabilities.tipoffs.editTiers;
  if (table.error) {
    return (
      <Page title={t('tipoffDesk:tiers.title')}>
        <ErrorState error={table.error} onRetry={table.reload} />
      </Page>
    );
  }
  if (!table.data) return <Loading />;
  const d = table.data;
  return (
    <Page title={t('tipoffDesk:tiers.title')}>
      <p class="lead">{t(editable ? 'tipoffDesk:tiers.intro' : 'tipoffDesk:tiers.introReadOnly')}</p>
      {notice ? (
        <p class="note" role="status">
          {notice}
        </p>
      ) : null}
      <div class="card-stack">
        {d.categories.map((c) => (
          <TierRow
            key={`${c.category}-${c.minYuan}-${c.maxYuan}`}
            category={c.category}
            minYuan={c.minYuan}
            maxYuan={c.maxYuan}
            editable={editable}
            onSaved={(message) => {
              setNotice(message);
              table.reload();
            }}
          />
        ))}
      </div>
      <div class="card">
        <h2 class="section-title">{t('tipoffDesk:tiers.rulesTitle')}</h2>
        <ul class="plain-list">
          <li>
            {t('tipoffDesk:tiers.secondApproval', { amount: formatYuan(d.secondApprovalYuan, language) })}
          </li>
          <li>{t('tipoffDesk:tiers.claimWindow', { days: d.claimWorkingDays })}</li>
          <li>{t('tipoffDesk:tiers.firstOnly')}</li>
          <li>{t('tipoffDesk:tiers.deadlines')}</li>
        </ul>
      </div>
    </Page>
  );
}
