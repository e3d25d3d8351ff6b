// /publicity/campaigns/:id — one campaign for publicity officers and admins: the author's draft as an
// editable form, otherwise what was written and for whom; while sending the live progress, afterwards
// the figures; the actions the API allows this officer now; the history. /publicity/campaigns/new
// is the empty form. Bot notifications (awaiting approval, approved, returned, finished) link here.
import { useState } from 'preact/hooks';
import { Notice } from '../../components/card';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { type CampaignView, getCampaign } from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { topicKey } from '../campaigns/published-row';
import { CampaignHistory } from './campaign-history';
import { CampaignStatusBadge } from './campaign-labels';
import { CampaignSummary } from './campaign-summary';
import { ComposeForm } from './compose-form';
import { CampaignResults, SendingProgress } from './delivery';
import { takeFlash } from './flash';
import { WorkflowActions } from './workflow-actions';
import './publicity.css';
import '../campaigns/campaigns.css';

export function NewCampaignPage() {
  const t = useT();
  return (
    <Page title={t('publicity:compose.newTitle')} eyebrow={t('publicity:list.title')}>
      <p class="lead">{t('publicity:compose.intro')}</p>
      <ComposeForm view={null} onSaved={() => {}} />
    </Page>
  );
}

function StatusCard({ view }: { view: CampaignView }) {
  const { t, language } = useI18n();
  const at = (d: string) => formatDate(d, language, 'dateTime');
  return (
    <div class="card status-card">
      <div class="status-line">
        <CampaignStatusBadge status={view.status} />
        <span class="badge badge-neutral">{t(topicKey(view.topic))}</span>
        {view.resendOf ? (
          <span class="badge badge-warning">{t('publicity:campaign.resendRound')}</span>
        ) : null}
      </div>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('publicity:campaign.author')}</dt>
          <dd>{view.createdBy.displayName}</dd>
        </div>
        {view.approvedBy ? (
          <div class="summary-row">
            <dt>{t('publicity:campaign.approvedBy')}</dt>
            <dd>
              {view.approvedBy.displayName}
              {view.approvedAt ? ` · ${at(view.approvedAt)}` : ''}
            </dd>
          </div>
        ) : null}
        {view.status === 'scheduled' && view.scheduledAt ? (
          <div class="summary-row">
            <dt>{t('publicity:campaign.scheduledAt')}</dt>
            <dd>
              <strong>{at(view.scheduledAt)}</strong>{' '}
              <span class="note-inline">{t('certView.timeZone')}</span>
            </dd>
          </div>
        ) : null}
        {view.startedAt ? (
          <div class="summary-row">
            <dt>{t('publicity:campaign.startedAt')}</dt>
            <dd>{at(view.startedAt)}</dd>
          </div>
        ) : null}
        {view.finishedAt ? (
          <div class="summary-row">
            <dt>{t('publicity:campaign.finishedAt')}</dt>
            <dd>{at(view.finishedAt)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

export function CampaignPage({ params }: PageProps) {
  const t = useT();
  const id = params.id ?? '';
  const view = useResource(() => getCampaign(id), [id]);
  const [notice, setNotice] = useState<string | null>(() => takeFlash());
  if (view.error) {
    return (
      <Page title={t('publicity:list.title')}>
        <ErrorState error={view.error} onRetry={view.reload} />
      </Page>
    );
  }
  if (!view.data) return <Loading />;
  const data = view.data;
  const done = (message: string) => {
    setNotice(message);
    window.scrollTo(0, 0);
    view.reload();
  };
  const editing = data.can.edit;
  const started = data.startedAt !== null && (data.status === 'sent' || data.status === 'cancelled');
  return (
    <Page title={data.title} eyebrow={t('publicity:list.title')}>
      <Notice text={notice} />
      <StatusCard view={data} />
      {data.status === 'sending' ? (
        <SendingProgress
          campaignId={data.id}
          onFinished={() => {
            // "Sending has started" is no longer true; the figures below say how it went.
            setNotice(null);
            view.reload();
          }}
        />
      ) : null}
      {started ? <CampaignResults view={data} /> : null}
      {editing ? <ComposeForm view={data} onSaved={done} /> : <CampaignSummary view={data} />}
      <WorkflowActions view={data} editing={editing} onDone={done} />
      <Section title={t('publicity:history.title')}>
        <CampaignHistory history={data.history} />
      </Section>
    </Page>
  );
}
