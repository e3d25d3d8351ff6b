// One reward on the finance screen: tip number, category, amount, standing and dates, and the steps
// this officer may take now (reward.can, from the policy): approve, the second confirmation for large
// amounts — saying who may not give it (the proposer, the first approver) — decline with a reason,
// show the bank details given with a claim (once, recorded in the audit log), mark paid with a reference.
// Officers are named (from the API: display names of officers only, never the reporter's): who
// proposed, who approved, who may give the approval it waits for.
import { useState } from 'preact/hooks';
import { NOTE_MAX_CHARS, REFERENCE_MAX_CHARS } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormError } from '../../components/states';
import {
  approveReward,
  type BankDetails,
  declineReward,
  markRewardPaid,
  type RewardItem,
  readBankDetails,
} from '../../lib/api/tipoff-desk';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ActionForm } from './action-form';
import { categoryLabel, formatYuan, nameList, RewardBadge, tipNumber } from './labels';

type Mode = 'approve' | 'decline' | 'paid' | null;

function Dates({ reward }: { reward: RewardItem }) {
  const { t, language } = useI18n();
  const rows: [string, string | null][] = [
    [t('tipoffDesk:rewards.proposedAt'), reward.proposedAt],
    [t('tipoffDesk:rewards.approvedAt'), reward.approvedAt],
    [t('tipoffDesk:rewards.secondApprovedAt'), reward.secondApprovedAt],
    [t('tipoffDesk:rewards.claimDeadline'), reward.status === 'approved' ? reward.claimDeadline : null],
    [t('tipoffDesk:rewards.claimedDay'), reward.claimedDay],
    [t('tipoffDesk:rewards.paidAt'), reward.paidAt],
  ];
  return (
    <dl class="summary-list">
      {rows
        .filter((r): r is [string, string] => !!r[1])
        .map(([label, value]) => (
          <div key={label} class="summary-row">
            <dt>{label}</dt>
            <dd>{formatDate(value, language)}</dd>
          </div>
        ))}
      {reward.claimMethod ? (
        <div class="summary-row">
          <dt>{t('tipoffDesk:rewards.claimMethod')}</dt>
          <dd>{t(`tipoffDesk:claimMethod.${reward.claimMethod}`)}</dd>
        </div>
      ) : null}
      {reward.paymentReference ? (
        <div class="summary-row">
          <dt>{t('tipoffDesk:rewards.reference')}</dt>
          <dd class="mono">{reward.paymentReference}</dd>
        </div>
      ) : null}
      {reward.declineReason ? (
        <div class="summary-row">
          <dt>{t('tipoffDesk:rewards.declineReason')}</dt>
          <dd>{reward.declineReason}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The officers on this reward: who proposed and approved it, and who may approve it now. */
export function RewardPeople({ reward }: { reward: RewardItem }) {
  const { t, language } = useI18n();
  const waiting = reward.status === 'proposed' || reward.status === 'awaiting_second';
  const rows: [string, string | null][] = [
    [t('tipoffDesk:people.proposedBy'), reward.proposedByName],
    [t('tipoffDesk:people.approvedBy'), reward.approvedByName],
    [t('tipoffDesk:people.secondApprovedBy'), reward.secondApprovedByName],
  ];
  return (
    <dl class="summary-list reward-people" aria-label={t('tipoffDesk:people.title')}>
      {rows
        .filter((r): r is [string, string] => !!r[1])
        .map(([label, name]) => (
          <div key={label} class="summary-row">
            <dt>{label}</dt>
            <dd>{name}</dd>
          </div>
        ))}
      {waiting ? (
        <div class="summary-row">
          <dt>
            {t(
              reward.status === 'awaiting_second'
                ? 'tipoffDesk:people.canConfirm'
                : 'tipoffDesk:people.canApprove',
            )}
          </dt>
          <dd>
            {reward.canApproveNames.length
              ? nameList(reward.canApproveNames, language)
              : t('tipoffDesk:people.nobody')}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Large amounts: who gives the second confirmation, and who may not. */
function SecondConfirmation({ reward }: { reward: RewardItem }) {
  const { t } = useI18n();
  if (!reward.needsSecondApproval || !['proposed', 'awaiting_second'].includes(reward.status)) return null;
  return (
    <Panel tone="warning" class="second-confirmation">
      <p>
        <strong>
          {t(reward.status === 'proposed' ? 'tipoffDesk:second.needed' : 'tipoffDesk:second.waiting')}
        </strong>
      </p>
      <p>{t('tipoffDesk:second.who')}</p>
      <ul class="plain-list">
        <li>
          {reward.proposedByName
            ? t('tipoffDesk:second.notProposerNamed', { name: reward.proposedByName })
            : t('tipoffDesk:second.notProposer')}
        </li>
        {reward.status === 'awaiting_second' ? (
          <li>
            {reward.approvedByName
              ? t('tipoffDesk:second.notFirstNamed', { name: reward.approvedByName })
              : t('tipoffDesk:second.notFirst')}
          </li>
        ) : null}
      </ul>
    </Panel>
  );
}

function BankDetailsView({ reward }: { reward: RewardItem }) {
  const { t } = useI18n();
  const [details, setDetails] = useState<BankDetails | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!reward.hasBankDetails || !reward.can.readBankDetails) return null;
  const show = async () => {
    setBusy(true);
    setError(null);
    try {
      setDetails(await readBankDetails(reward.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (details) {
    return (
      <div class="card bank-details">
        <p class="note">{t('tipoffDesk:bank.shownOnce')}</p>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('tipoffDesk:bank.accountName')}</dt>
            <dd>{details.accountName}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('tipoffDesk:bank.bankName')}</dt>
            <dd>{details.bankName}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('tipoffDesk:bank.accountNumber')}</dt>
            <dd class="mono">{details.accountNumber}</dd>
          </div>
        </dl>
        <Button variant="secondary" block onClick={() => setDetails(null)}>
          {t('tipoffDesk:bank.hide')}
        </Button>
      </div>
    );
  }
  return (
    <div class="stack">
      <p class="field-hint">{t('tipoffDesk:bank.hint')}</p>
      <Button variant="secondary" block busy={busy} onClick={() => void show()}>
        {t('tipoffDesk:bank.show')}
      </Button>
      <FormError error={error} shownFields={[]} />
    </div>
  );
}

export function RewardCard({ reward, onDone }: { reward: RewardItem; onDone: (message: string) => void }) {
  const { t, language } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  const amount = formatYuan(reward.amountYuan, language);
  const second = reward.status === 'awaiting_second';
  return (
    <article class="card reward-card" aria-labelledby={`reward-${reward.id}`}>
      <div class="reward-head">
        <h3 id={`reward-${reward.id}`}>
          <span class="tip-number">{tipNumber(reward.tipNumber)}</span> {categoryLabel(reward.category, t)}
        </h3>
        <p class="reward-amount">{amount}</p>
      </div>
      <div class="status-line">
        <RewardBadge status={reward.status} />
      </div>
      <Dates reward={reward} />
      <RewardPeople reward={reward} />
      <SecondConfirmation reward={reward} />
      {mode === 'approve' ? (
        <ConfirmDialog
          title={t(second ? 'tipoffDesk:approve.secondTitle' : 'tipoffDesk:approve.title', {
            number: tipNumber(reward.tipNumber),
            amount,
          })}
          body={t(
            second
              ? 'tipoffDesk:approve.secondBody'
              : reward.needsSecondApproval
                ? 'tipoffDesk:approve.firstOfTwoBody'
                : 'tipoffDesk:approve.body',
          )}
          confirm={t(second ? 'tipoffDesk:approve.secondConfirm' : 'tipoffDesk:approve.confirm')}
          action={() => approveReward(reward.id)}
          onConfirmed={(r) =>
            onDone(
              t(
                r.status === 'awaiting_second' ? 'tipoffDesk:done.approvedFirst' : 'tipoffDesk:done.approved',
                { number: tipNumber(reward.tipNumber) },
              ),
            )
          }
          onClose={() => setMode(null)}
        />
      ) : null}
      {mode === 'decline' ? (
        <ActionForm
          id={`decline-${reward.id}`}
          title={t('tipoffDesk:decline.title')}
          intro={t('tipoffDesk:decline.intro')}
          textLabel={t('tipoffDesk:decline.reason')}
          textField="reason"
          maxChars={NOTE_MAX_CHARS}
          submit={t('tipoffDesk:decline.submit')}
          danger
          send={(reason) => declineReward(reward.id, reason)}
          onCancel={() => setMode(null)}
          onDone={() => onDone(t('tipoffDesk:done.declined', { number: tipNumber(reward.tipNumber) }))}
        />
      ) : mode === 'paid' ? (
        <ActionForm
          id={`paid-${reward.id}`}
          title={t('tipoffDesk:paid.title')}
          intro={t(reward.hasBankDetails ? 'tipoffDesk:paid.introBank' : 'tipoffDesk:paid.intro')}
          textLabel={t('tipoffDesk:paid.reference')}
          textHint={t('tipoffDesk:paid.referenceHint')}
          textField="reference"
          maxChars={REFERENCE_MAX_CHARS}
          rows={1}
          submit={t('tipoffDesk:paid.submit')}
          send={(reference) => markRewardPaid(reward.id, reference)}
          onCancel={() => setMode(null)}
          onDone={() => onDone(t('tipoffDesk:done.paid', { number: tipNumber(reward.tipNumber), amount }))}
        />
      ) : (
        <>
          <BankDetailsView reward={reward} />
          {!reward.can.approve && ['proposed', 'awaiting_second'].includes(reward.status) ? (
            <p class="muted">{t('tipoffDesk:rewards.notYouToApprove')}</p>
          ) : null}
          {reward.can.approve || reward.can.decline || reward.can.markPaid ? (
            <div class="action-buttons">
              {reward.can.approve ? (
                <Button block onClick={() => setMode('approve')}>
                  {t(second ? 'tipoffDesk:approve.secondButton' : 'tipoffDesk:approve.button')}
                </Button>
              ) : null}
              {reward.can.markPaid ? (
                <Button block onClick={() => setMode('paid')}>
                  {t('tipoffDesk:paid.button')}
                </Button>
              ) : null}
              {reward.can.decline ? (
                <Button variant="secondary" block class="button-danger" onClick={() => setMode('decline')}>
                  {t('tipoffDesk:decline.button')}
                </Button>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </article>
  );
}
