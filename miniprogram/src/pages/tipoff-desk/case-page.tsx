// /cases/:id — one tip-off for its handler. Opening it is recorded in the audit log by the API (the
// page says so). It shows who owns the case (首问负责: the first handler to act takes it), the three
// promised deadlines, the report itself (or that its content was deleted), the attachments, the
// conversation with the reporter and the internal notes, the workflow steps, hand-over and linking,
// the reward, and the history.
import { useState } from 'preact/hooks';
import { Notice, Panel } from '../../components/card';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { type HandlerTipView, openTip } from '../../lib/api/tipoff-desk';
import { notifyRecordChanged } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import type { PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { CaseActions } from './case-actions';
import { CaseAttachments } from './case-attachments';
import { CaseConversation } from './case-conversation';
import { CaseReward } from './case-reward';
import { CaseTimeline } from './case-timeline';
import { CaseTools } from './case-tools';
import { categoryLabel, TipOverdueBadge, TipStatusBadge, tipNumber } from './labels';
import './tipoff-desk.css';

// Each promised step: its deadline, the statuses still ahead of it, and the events that complete it.
const STAGES = [
  { stage: 'acknowledge', due: 'ackDueAt', pending: ['received'], doneBy: ['acknowledged'] },
  {
    stage: 'triage',
    due: 'triageDueAt',
    pending: ['received', 'acknowledged'],
    doneBy: ['accepted', 'out_of_scope', 'duplicate'],
  },
  {
    stage: 'outcome',
    due: 'outcomeDueAt',
    pending: ['received', 'acknowledged', 'accepted', 'investigating'],
    doneBy: ['substantiated', 'unsubstantiated'],
  },
] as const;

function Ownership({ view }: { view: HandlerTipView }) {
  const { t } = useI18n();
  const { me } = useProfile();
  const mine = view.ownerOfficerId === me.user.id;
  return (
    <Panel tone={mine || view.ownerOfficerId === null ? 'info' : 'warning'}>
      <p role="status">
        <strong>
          {view.ownerOfficerId === null
            ? t('tipoffDesk:owner.none')
            : mine
              ? t('tipoffDesk:owner.you')
              : t('tipoffDesk:owner.other', { name: view.ownerName ?? '' })}
        </strong>
      </p>
      <p class="field-hint">
        {view.ownerOfficerId === null ? t('tipoffDesk:owner.noneHint') : t('tipoffDesk:owner.hint')}
      </p>
    </Panel>
  );
}

function StatusCard({ view }: { view: HandlerTipView }) {
  const { t, language } = useI18n();
  const now = Date.now();
  return (
    <div class="card status-card">
      <div class="status-line">
        <TipStatusBadge status={view.status} />
        {view.overdueStage && view.status !== 'closed' ? <TipOverdueBadge stage={view.overdueStage} /> : null}
      </div>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('tipoffDesk:case.received')}</dt>
          <dd>{formatDate(view.day, language)}</dd>
        </div>
        {STAGES.map(({ stage, due, pending: ahead, doneBy }) => {
          const at = view.deadlines[due];
          // Still ahead of this step: the deadline counts; past it, it is history — done, or not needed
          // when the case ended before it (out of scope, duplicate).
          const pending = (ahead as readonly string[]).includes(view.status);
          const done = view.events.some((e) => (doneBy as readonly string[]).includes(e.type));
          const late = pending && new Date(at).getTime() < now;
          return (
            <div key={stage} class="summary-row">
              <dt>{t(`tipoffDesk:case.deadline.${stage}`)}</dt>
              <dd class={late ? 'text-danger' : pending ? undefined : 'muted'}>
                {pending ? (
                  <strong>{formatDate(at, language, 'dateTime')}</strong>
                ) : (
                  formatDate(at, language, 'dateTime')
                )}
                {late
                  ? ` · ${t('tipoffDesk:overdue')}`
                  : pending
                    ? ''
                    : ` · ${t(done ? 'tipoffDesk:case.stepDone' : 'tipoffDesk:case.stepNotNeeded')}`}
              </dd>
            </div>
          );
        })}
        {view.overdueCount > 0 ? (
          <div class="summary-row">
            <dt>{t('tipoffDesk:case.escalations')}</dt>
            <dd class="text-danger">{view.overdueCount}</dd>
          </div>
        ) : null}
        {view.duplicateOfNumber ? (
          <div class="summary-row">
            <dt>{t('tipoffDesk:case.duplicateOf')}</dt>
            <dd>{tipNumber(view.duplicateOfNumber)}</dd>
          </div>
        ) : null}
        {view.matterNumber !== null && view.matterNumber !== view.number ? (
          <div class="summary-row">
            <dt>{t('tipoffDesk:case.matter')}</dt>
            <dd>{tipNumber(view.matterNumber)}</dd>
          </div>
        ) : null}
        {view.linkedNumbers.length ? (
          <div class="summary-row">
            <dt>{t('tipoffDesk:case.linked')}</dt>
            <dd>{view.linkedNumbers.map(tipNumber).join(t('ui.listSeparator'))}</dd>
          </div>
        ) : null}
        {view.outOfScopeReason ? (
          <div class="summary-row">
            <dt>{t('tipoffDesk:outOfScope.reason')}</dt>
            <dd>{t(`tipoffDesk:outOfScopeReason.${view.outOfScopeReason}`)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

function Report({ view }: { view: HandlerTipView }) {
  const { t } = useI18n();
  const c = view.content;
  if (!c) {
    return (
      <Panel tone="warning">
        <p>
          {view.outOfScopeReason === 'private_person'
            ? t('tipoffDesk:case.contentDeleted')
            : t('tipoffDesk:case.contentPurged')}
        </p>
      </Panel>
    );
  }
  const rows: [string, string | null | undefined][] = [
    [t('tipoffDesk:case.category'), categoryLabel(view.category, t)],
    [t('tipoffDesk:case.village'), c.villageName],
    [t('tipoffDesk:case.place'), c.place],
    [t('tipoffDesk:case.period'), c.period],
    [t('tipoffDesk:case.provider'), c.provider],
  ];
  return (
    <div class="card">
      <dl class="summary-list">
        {rows
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div key={label} class="summary-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h3 class="report-what-title">{t('tipoffDesk:case.what')}</h3>
      <p class="report-what">{c.what}</p>
    </div>
  );
}

export function CasePage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const view = useResource(() => openTip(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  if (view.error) {
    return (
      <Page title={t('tipoffDesk:case.title')}>
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
    notifyRecordChanged();
  };
  // A new key after every change: a finished step's form never stays on screen.
  const key = `${data.status}-${data.ownerOfficerId ?? ''}-${data.events.length}-${data.reward?.status ?? ''}`;
  return (
    <Page
      title={`${tipNumber(data.number)} ${categoryLabel(data.category, t)}`}
      eyebrow={t('tipoffDesk:case.title')}
    >
      <Notice text={notice} />
      <p class="note">{t('tipoffDesk:case.audited')}</p>
      <Ownership view={data} />
      <StatusCard view={data} />
      {/* At a desk, the attachments beside the report they belong to. */}
      <div class="desk-columns">
        <Section title={t('tipoffDesk:case.report')}>
          <Report view={data} />
        </Section>
        <Section title={t('tipoffDesk:case.attachments')}>
          <CaseAttachments tipId={data.id} files={data.attachments} />
        </Section>
      </div>
      <Section title={t('tipoffDesk:case.workflow')}>
        <CaseActions key={key} view={data} onDone={done} />
      </Section>
      <Section title={t('tipoffDesk:conversation.title')}>
        <CaseConversation key={`c-${key}`} view={data} onSent={done} />
      </Section>
      <Section title={t('tipoffDesk:reward.title')}>
        <CaseReward key={`r-${key}`} view={data} onDone={done} />
      </Section>
      {data.can.handOver || data.can.write ? (
        <Section title={t('tipoffDesk:case.tools')}>
          <CaseTools key={`t-${key}`} view={data} onDone={done} />
        </Section>
      ) : null}
      <Section title={t('tipoffDesk:case.history')}>
        <CaseTimeline events={data.events} />
      </Section>
    </Page>
  );
}
