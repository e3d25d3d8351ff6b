// On a resubmission, what the applicant changed since the office returned it: each changed field
// with its old and new value, a village change, documents added and removed (by name). The second
// look starts where the first one stopped.
import type { ReviewView } from '../../lib/api/certificates';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n } from '../../lib/i18n';
import { documentName, kindTitle } from '../certificates/document-names';
import { labelOfPath } from '../certificates/form-fields';

type Changes = NonNullable<ReviewView['changesSinceReturn']>;

export function ChangesSinceReturn({ changes }: { changes: Changes }) {
  const { t, language } = useI18n();
  const value = (path: string, v: unknown): string => {
    if (typeof v !== 'string' || v === '') return t('review.changes.empty');
    if (path.endsWith('sex')) return t(`certificates:sex.${v}` as TextKey);
    if (path === 'marital.status') return t(`certificates:maritalStatus.${v}` as TextKey);
    return v;
  };
  const nothing =
    !changes.fields.length &&
    !changes.villageChanged &&
    !changes.documentsAdded.length &&
    !changes.documentsRemoved.length;
  const docs = (list: Changes['documentsAdded']) => (
    <ul class="changes-list">
      {list.map((d) => (
        <li key={d.id}>
          <strong>{kindTitle(d, t)}</strong>
          {t('ui.labelSeparator')}
          {documentName(d, 0, t)}
        </li>
      ))}
    </ul>
  );
  return (
    <section class="card changes" aria-labelledby="changes-title">
      <h3 id="changes-title">{t('review.changes.title')}</h3>
      <p class="field-hint">
        {t('review.changes.intro', { date: formatDate(changes.returnedAt, language, 'dateTime') })}
      </p>
      {nothing ? <p>{t('review.changes.none')}</p> : null}
      {changes.fields.length ? (
        <ul class="changes-list">
          {changes.fields.map((f) => (
            <li key={f.path}>
              <strong>{labelOfPath(f.path, t)}</strong>
              {t('ui.labelSeparator')}
              <del>{value(f.path, f.before)}</del>
              <span aria-hidden="true"> → </span>
              <span class="visually-hidden"> {t('review.changes.now')} </span>
              <ins>{value(f.path, f.after)}</ins>
            </li>
          ))}
        </ul>
      ) : null}
      {changes.villageChanged ? <p>{t('review.changes.village')}</p> : null}
      {changes.documentsAdded.length ? (
        <>
          <h4>{t('review.changes.added', { count: changes.documentsAdded.length })}</h4>
          {docs(changes.documentsAdded)}
        </>
      ) : null}
      {changes.documentsRemoved.length ? (
        <>
          <h4>{t('review.changes.removed', { count: changes.documentsRemoved.length })}</h4>
          {docs(changes.documentsRemoved)}
        </>
      ) : null}
    </section>
  );
}
