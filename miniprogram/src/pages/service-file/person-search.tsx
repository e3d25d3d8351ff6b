// The reviewing officer's search box for service files: part of a name, or the last 4–6 digits of an ID
// number or phone. Results (the officer's villages only, at most 20) open the person's file, where the
// training is recorded. The term lives in this component's state and a POST body — never in the URL —
// and the server writes each search to the audit log.
import { useState } from 'preact/hooks';
import {
  type FoundPerson,
  PERSON_SEARCH_LIMIT,
  PERSON_SEARCH_MAX_CHARS,
  ZPersonSearchSchema,
} from '../../../../core/service-file/service-file-schema';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { searchServiceFiles } from '../../lib/api/service-file';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { issuesByField } from './validation';

// Kept for the session: coming back from a file searches again (figures fresh, e.g. the training just
// recorded; one more audited search).
let remembered: { term: string; searched: string } = { term: '', searched: '' };

function FoundRow({ person }: { person: FoundPerson }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/review/service-file/people/${person.userId}`}
      class={person.overdue ? 'card card-link queue-item is-overdue' : 'card card-link queue-item'}
    >
      <span class="card-body">
        <span class="card-title">{person.displayName}</span>
        <span class="card-summary">
          {[person.villageName, t(`fileApp:person.${person.status}`)].filter(Boolean).join(' · ')}
        </span>
        <span class="status-line">
          <span class={person.met === person.items ? 'badge badge-success' : 'badge badge-neutral'}>
            {t('fileApp:search.met', { met: person.met, total: person.items })}
          </span>
          {person.overdue ? (
            <span class="badge badge-danger">{t('fileApp:search.overdue', { count: person.overdue })}</span>
          ) : (
            <span class="card-summary">{t('fileApp:search.noOverdue')}</span>
          )}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function PersonSearch() {
  const { t } = useI18n();
  const [term, setTerm] = useState(remembered.term);
  const [searched, setSearched] = useState(remembered.searched);
  const [error, setError] = useState<string | null>(null);
  // The same term submitted again searches again.
  const [attempt, setAttempt] = useState(0);
  const found = useResource(
    async () => (searched ? searchServiceFiles({ q: searched }) : null),
    [searched, attempt],
  );
  const search = (q: string) => {
    remembered = { term, searched: q };
    setSearched(q);
  };

  return (
    <section class="section person-search" aria-labelledby="person-search-title">
      <h2 class="section-title" id="person-search-title">
        {t('fileApp:search.label')}
      </h2>
      <form
        class="queue-search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = ZPersonSearchSchema.safeParse({ q: term });
          if (!parsed.success) {
            setError(issuesByField(parsed, t).q ?? null);
            return;
          }
          setError(null);
          search(parsed.data.q);
          setAttempt((n) => n + 1);
        }}
      >
        <label class="visually-hidden" for="person-search">
          {t('fileApp:search.label')}
        </label>
        <input
          id="person-search"
          type="search"
          value={term}
          maxLength={PERSON_SEARCH_MAX_CHARS}
          placeholder={t('fileApp:search.placeholder')}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'person-search-error' : 'person-search-hint'}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setTerm(value);
            remembered = { ...remembered, term: value };
            if (!value.trim()) {
              setError(null);
              search('');
            }
          }}
        />
        <button type="submit" class="button button-secondary">
          {t('fileApp:search.submit')}
        </button>
      </form>
      {error ? (
        <p class="field-error" id="person-search-error" role="alert">
          {error}
        </p>
      ) : (
        <p class="note" id="person-search-hint">
          {t('fileApp:search.hint')}
        </p>
      )}
      {!searched ? null : found.error ? (
        <ErrorState error={found.error} onRetry={found.reload} />
      ) : !found.data ? (
        <Loading />
      ) : found.data.people.length === 0 ? (
        <EmptyState title={t('fileApp:search.noneTitle')} body={t('fileApp:search.none')} />
      ) : (
        <>
          <p class="note" role="status">
            {t('fileApp:search.found', { count: found.data.people.length })}
          </p>
          <div class="card-stack">
            {found.data.people.map((p) => (
              <FoundRow key={p.userId} person={p} />
            ))}
          </div>
          {found.data.more ? (
            <p class="note text-warning" role="status">
              {t('fileApp:search.more', { count: PERSON_SEARCH_LIMIT })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
