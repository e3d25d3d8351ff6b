// /rewards/ledger — every reward for the finance audit, with no reporter data: tip number, category,
// amount, standing, the dates of each step, how it was claimed and the payment reference; totals
// approved and paid; the same rows as a CSV download.
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { listRewards } from '../../lib/api/tipoff-desk';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { categoryLabel, formatYuan, tipNumber } from './labels';
import { downloadText, ledgerCsv } from './ledger';
import './tipoff-desk.css';

export function LedgerPage() {
  const { t, language } = useI18n();
  const rewards = useResource(listRewards);
  if (rewards.error) {
    return (
      <Page title={t('tipoffDesk:ledger.title')}>
        <ErrorState error={rewards.error} onRetry={rewards.reload} />
      </Page>
    );
  }
  if (!rewards.data) return <Loading />;
  const items = [...rewards.data.items].sort((a, b) => b.tipNumber - a.tipNumber);
  const paid = items.filter((r) => r.status === 'paid');
  const committed = items.filter((r) => ['approved', 'claimed'].includes(r.status));
  const sum = (list: typeof items) => list.reduce((s, r) => s + r.amountYuan, 0);
  const date = (iso: string | null) => (iso ? formatDate(iso, language) : '—');
  const download = () =>
    downloadText(
      ledgerCsv(items, {
        headers: [
          t('tipoffDesk:ledger.col.number'),
          t('tipoffDesk:ledger.col.category'),
          t('tipoffDesk:ledger.col.amount'),
          t('tipoffDesk:ledger.col.status'),
          t('tipoffDesk:ledger.col.proposed'),
          t('tipoffDesk:ledger.col.approved'),
          t('tipoffDesk:ledger.col.secondApproved'),
          t('tipoffDesk:ledger.col.method'),
          t('tipoffDesk:ledger.col.claimed'),
          t('tipoffDesk:ledger.col.paid'),
          t('tipoffDesk:ledger.col.reference'),
        ],
        category: (r) => categoryLabel(r.category, t),
        status: (r) => t(`tipoffDesk:rewardStatus.${r.status}`),
        method: (r) => (r.claimMethod ? t(`tipoffDesk:claimMethod.${r.claimMethod}`) : ''),
      }),
      `rewards-ledger-${new Date().toISOString().slice(0, 10)}.csv`,
    );
  return (
    <Page title={t('tipoffDesk:ledger.title')}>
      <p class="lead">{t('tipoffDesk:ledger.intro')}</p>
      <div class="stats">
        <div class="stat">
          <span class="stat-value">{formatYuan(sum(paid), language)}</span>
          <span class="stat-label">{t('tipoffDesk:ledger.totalPaid', { count: paid.length })}</span>
        </div>
        <div class="stat">
          <span class="stat-value">{formatYuan(sum(committed), language)}</span>
          <span class="stat-label">{t('tipoffDesk:ledger.totalOwed', { count: committed.length })}</span>
        </div>
      </div>
      <div class="ledger-actions">
        <Button block variant="secondary" onClick={download} disabled={!items.length}>
          {t('tipoffDesk:ledger.download')}
        </Button>
      </div>
      {items.length === 0 ? (
        <EmptyState title={t('tipoffDesk:ledger.emptyTitle')} body={t('tipoffDesk:ledger.empty')} />
      ) : (
        <div class="ledger-scroll">
          <table class="ledger">
            <thead>
              <tr>
                <th scope="col">{t('tipoffDesk:ledger.col.number')}</th>
                <th scope="col">{t('tipoffDesk:ledger.col.category')}</th>
                <th scope="col" class="num">
                  {t('tipoffDesk:ledger.col.amount')}
                </th>
                <th scope="col">{t('tipoffDesk:ledger.col.status')}</th>
                <th scope="col">{t('tipoffDesk:ledger.col.approved')}</th>
                <th scope="col">{t('tipoffDesk:ledger.col.paid')}</th>
                <th scope="col">{t('tipoffDesk:ledger.col.reference')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{tipNumber(r.tipNumber)}</th>
                  <td>{categoryLabel(r.category, t)}</td>
                  <td class="num">{formatYuan(r.amountYuan, language)}</td>
                  <td>{t(`tipoffDesk:rewardStatus.${r.status}`)}</td>
                  <td>{date(r.secondApprovedAt ?? r.approvedAt)}</td>
                  <td>{date(r.paidAt)}</td>
                  <td class="mono">{r.paymentReference ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
