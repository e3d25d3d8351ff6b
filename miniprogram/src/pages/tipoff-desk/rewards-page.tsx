// /rewards — the finance officer's rewards (and the admin's, for second confirmations): waiting for
// approval, to be paid, done; the in-person claim (scan the reporter's receipt QR with Telegram's
// scanner, or type the receipt); links to the ledger and, for admins, the reward table.
import { useState } from 'preact/hooks';
import { normalizeReceipt } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Notice } from '../../components/card';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import {
  claimRewardInPerson,
  listRewards,
  type RewardItem,
  type RewardStatus,
} from '../../lib/api/tipoff-desk';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { canScanQr, scanQr } from '../../telegram/scan-qr';
import { useInTelegram, useTelegramClient } from '../../telegram/telegram-context';
import { formatYuan, tipNumber } from './labels';
import { RewardCard } from './reward-card';
import './tipoff-desk.css';

const VIEWS = {
  approval: ['proposed', 'awaiting_second'],
  payment: ['approved', 'claimed'],
  done: ['paid', 'declined', 'lapsed'],
} as const satisfies Record<string, readonly RewardStatus[]>;
type View = keyof typeof VIEWS;

let rememberedView: View = 'approval';

function InPersonClaim({ onClaimed }: { onClaimed: (reward: RewardItem) => void }) {
  const { t } = useI18n();
  const client = useTelegramClient();
  const scanner = useInTelegram() && canScanQr(client);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const claim = async (raw: string) => {
    setError(null);
    // The receipt QR holds the receipt's digits; spaces and dashes are fine.
    const receipt = normalizeReceipt(raw);
    if (!receipt) {
      setProblem(t('tipoffDesk:claim.notReceipt'));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      onClaimed(await claimRewardInPerson(receipt));
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const scan = async () => {
    const scanned = await scanQr(t('tipoffDesk:claim.popup'));
    if (scanned) void claim(scanned);
  };
  return (
    <form
      class="card form claim-form"
      onSubmit={(e) => {
        e.preventDefault();
        void claim(text);
      }}
      noValidate
    >
      <h2 class="section-title">{t('tipoffDesk:claim.title')}</h2>
      <p class="field-hint">{t('tipoffDesk:claim.intro')}</p>
      {scanner ? (
        <Button block busy={busy} onClick={() => void scan()}>
          {t('tipoffDesk:claim.scan')}
        </Button>
      ) : null}
      <Field
        id="claim-receipt"
        label={t('tipoffDesk:claim.receiptLabel')}
        hint={t(scanner ? 'tipoffDesk:claim.receiptHint' : 'tipoffDesk:claim.receiptHintNoCamera')}
        error={problem ?? undefined}
      >
        <input
          type="text"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} shownFields={['receipt']} />
      <Button type="submit" variant={scanner ? 'secondary' : 'primary'} block busy={busy}>
        {t('tipoffDesk:claim.submit')}
      </Button>
    </form>
  );
}

export function RewardsPage() {
  const { t, language } = useI18n();
  const { me } = useProfile();
  const rewards = useResource(listRewards);
  const [view, setView] = useState<View>(rememberedView);
  const [notice, setNotice] = useState<string | null>(null);
  const claims = me.capabilities.tipoffs.claimInPerson;
  const done = (message: string) => {
    setNotice(message);
    window.scrollTo(0, 0);
    rewards.reload();
  };
  const all = rewards.data?.items ?? [];
  const items = all.filter((r) => (VIEWS[view] as readonly string[]).includes(r.status));
  const count = (v: View) => all.filter((r) => (VIEWS[v] as readonly string[]).includes(r.status)).length;
  return (
    <Page
      title={t('tipoffDesk:rewards.title')}
      actions={
        <Link to="/rewards/ledger" class="header-action">
          {t('tipoffDesk:ledger.short')}
        </Link>
      }
    >
      <Notice text={notice} />
      <p class="lead">{t('tipoffDesk:rewards.intro')}</p>
      {/* In-person claims are a finance officer's step (the reward policy's claimInPerson). */}
      {claims ? (
        <InPersonClaim
          onClaimed={(r) =>
            done(
              t('tipoffDesk:done.claimedInPerson', {
                number: tipNumber(r.tipNumber),
                amount: formatYuan(r.amountYuan, language),
              }),
            )
          }
        />
      ) : null}
      <fieldset class="segmented">
        <legend class="visually-hidden">{t('tipoffDesk:rewards.viewLegend')}</legend>
        <div class="segmented-options">
          {(Object.keys(VIEWS) as View[]).map((v) => (
            <label key={v} class={view === v ? 'segment segment-on' : 'segment'}>
              <input
                type="radio"
                name="rewards-view"
                checked={view === v}
                onChange={() => {
                  rememberedView = v;
                  setView(v);
                }}
              />
              <span>
                {t(`tipoffDesk:rewards.views.${v}`)}
                {rewards.data ? ` ${count(v)}` : ''}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {rewards.error ? (
        <ErrorState error={rewards.error} onRetry={rewards.reload} />
      ) : !rewards.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('tipoffDesk:rewards.emptyTitle')} body={t(`tipoffDesk:rewards.empty.${view}`)} />
      ) : (
        <div class="card-stack rewards-list">
          {items.map((r) => (
            <RewardCard key={`${r.id}-${r.status}`} reward={r} onDone={done} />
          ))}
        </div>
      )}
    </Page>
  );
}
