// The audit log: filter by officer, action, record and day; open the record an entry refers to;
// export the filtered log as CSV (the export is itself audited).
import { useState } from 'preact/hooks';
import { AUDIT_ACTIONS, AUDIT_RECORD_TYPES, auditRecordPath } from '../../../../core/audit/audit-actions';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { List } from '../../components/list';
import { Page, Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { type AuditEntry, type AuditQuery, exportAudit, listAudit, listOfficers } from '../../lib/api/admin';
import { fieldErrors } from '../../lib/api/api-error';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n, useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import './admin.css';

type Filters = {
  actorUserId: string;
  action: string;
  recordType: string;
  recordId: string;
  from: string;
  to: string;
};
const EMPTY: Filters = { actorUserId: '', action: '', recordType: '', recordId: '', from: '', to: '' };

const known = (list: readonly string[], value: string) => list.includes(value);

function toQuery(f: Filters): AuditQuery {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '')) as AuditQuery;
}

function Entry({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { language } = useI18n();
  const action = known(AUDIT_ACTIONS, entry.action)
    ? t(`admin:actions.${entry.action}` as TextKey)
    : entry.action;
  const type = known(AUDIT_RECORD_TYPES, entry.recordType)
    ? t(`admin:recordTypes.${entry.recordType}` as TextKey)
    : entry.recordType;
  const path = auditRecordPath(entry.recordType, entry.recordId);
  return (
    <li class="list-item audit-entry">
      <span class="list-title">{action}</span>
      <span class="list-detail">
        {formatDate(entry.at, language, 'dateTime')} · {entry.actorName ?? t('admin:audit.system')}
      </span>
      <span class="admin-entry-meta">
        {type} {entry.recordId}
        {path ? (
          <>
            {' · '}
            <Link to={path}>{t('admin:audit.open')}</Link>
          </>
        ) : null}
      </span>
      {entry.reason ? (
        <span class="admin-entry-meta">{t('admin:audit.reason', { reason: entry.reason })}</span>
      ) : null}
      {entry.details ? <span class="admin-details">{JSON.stringify(entry.details)}</span> : null}
    </li>
  );
}

export function AuditPage() {
  const t = useT();
  const officers = useResource(listOfficers);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [older, setOlder] = useState<{ entries: AuditEntry[]; next: number | null } | null>(null);
  const page = useResource(() => listAudit(toQuery(applied)), [applied]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const entries = [...(page.data?.entries ?? []), ...(older?.entries ?? [])];
  const next = older ? older.next : (page.data?.nextBefore ?? null);
  const set = (k: keyof Filters) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [k]: e.currentTarget.value });
  const errors = fieldErrors(page.error);
  const apply = (e: Event) => {
    e.preventDefault();
    setOlder(null);
    setApplied(draft);
  };
  const more = async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const r = await listAudit({ ...toQuery(applied), before: String(next) });
      setOlder({ entries: [...(older?.entries ?? []), ...r.entries], next: r.nextBefore });
    } finally {
      setLoadingMore(false);
    }
  };
  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const blob = await exportAudit(toQuery(applied));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'audit-log.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };
  return (
    <AdminGate title={t('admin:audit.title')}>
      <Page title={t('admin:audit.title')}>
        <form class="card form" onSubmit={apply} aria-label={t('admin:audit.filters')}>
          <div class="admin-filters">
            <Field id="audit-officer" label={t('admin:audit.officer')}>
              <select value={draft.actorUserId} onChange={set('actorUserId')}>
                <option value="">{t('admin:audit.anyOfficer')}</option>
                {(officers.data?.officers ?? []).map((o) => (
                  <option key={o.userId} value={o.userId}>
                    {o.displayName}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="audit-action" label={t('admin:audit.action')}>
              <select value={draft.action} onChange={set('action')}>
                <option value="">{t('admin:audit.anyAction')}</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`admin:actions.${a}` as TextKey)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="audit-record-type" label={t('admin:audit.recordType')}>
              <select value={draft.recordType} onChange={set('recordType')}>
                <option value="">{t('admin:audit.anyRecord')}</option>
                {AUDIT_RECORD_TYPES.map((r) => (
                  <option key={r} value={r}>
                    {t(`admin:recordTypes.${r}` as TextKey)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="audit-record-id" label={t('admin:audit.recordId')} error={errors.recordId}>
              <input value={draft.recordId} maxLength={100} onInput={set('recordId')} />
            </Field>
            <Field id="audit-from" label={t('admin:audit.from')} error={errors.from}>
              <input type="date" value={draft.from} onInput={set('from')} />
            </Field>
            <Field id="audit-to" label={t('admin:audit.to')} error={errors.to}>
              <input type="date" value={draft.to} onInput={set('to')} />
            </Field>
          </div>
          <div class="form-actions">
            <Button type="submit">{t('admin:audit.apply')}</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(EMPTY);
                setOlder(null);
                setApplied(EMPTY);
              }}
            >
              {t('admin:audit.reset')}
            </Button>
            <Button variant="secondary" busy={exporting} onClick={() => void download()}>
              {t('admin:audit.export')}
            </Button>
          </div>
          <FormError error={exportError} shownFields={[]} />
        </form>
        <Section title={t('admin:audit.title')}>
          {page.error ? (
            <ErrorState error={page.error} onRetry={page.reload} />
          ) : !page.data ? (
            <Loading />
          ) : entries.length === 0 ? (
            <p class="muted">{t('admin:audit.empty')}</p>
          ) : (
            <>
              <List label={t('admin:audit.title')}>
                {entries.map((e) => (
                  <Entry key={e.id} entry={e} />
                ))}
              </List>
              {next !== null ? (
                <Button variant="secondary" busy={loadingMore} onClick={() => void more()}>
                  {t('admin:audit.more')}
                </Button>
              ) : null}
            </>
          )}
        </Section>
      </Page>
    </AdminGate>
  );
}
