// /review/service-file/livelihood — the livelihood-service requests (job, training, legal aid) of the
// officer's villages, oldest first, each answered in place; the answer goes to the person as a message
// and stays in their file.
import { useState } from 'preact/hooks';
import { ANSWER_MAX_CHARS, ZAnswerLivelihoodSchema } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { fieldErrors } from '../../lib/api/api-error';
import { answerLivelihood, getLivelihoodQueue, type LivelihoodRequest } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import './service-file.css';
import { issuesByField } from './validation';

function RequestCard({ request, onAnswered }: { request: LivelihoodRequest; onAnswered: () => void }) {
  const { t, language } = useI18n();
  const [answer, setAnswer] = useState('');
  const [showError, setShowError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = ZAnswerLivelihoodSchema.safeParse({ answer });
  const local = issuesByField(parsed, t).answer;
  const id = `answer-${request.id}`;
  const send = async () => {
    setShowError(true);
    setError(null);
    if (!parsed.success) {
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      await answerLivelihood(request.id, parsed.data);
      onAnswered();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <article class="card livelihood-request" aria-labelledby={`${id}-title`}>
      <div class="status-line">
        <span class="badge badge-neutral">{t(`fileApp:livelihood.topics.${request.topic}`)}</span>
      </div>
      <h3 id={`${id}-title`} class="card-title">
        {t('fileApp:livelihoodOfficer.from', {
          name: request.personName ?? '',
          village: request.villageName ?? '—',
        })}
      </h3>
      <p class="field-hint">
        {t('fileApp:livelihood.askedOn', { date: formatDate(request.createdAt, language) })}
      </p>
      <p class="pre-line">{request.question}</p>
      <form
        class="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field
          id={id}
          label={t('fileApp:livelihoodOfficer.answer')}
          hint={t('fileApp:livelihoodOfficer.answerHint')}
          error={fieldErrors(error).answer ?? (showError ? local : undefined)}
        >
          <textarea
            rows={3}
            maxLength={ANSWER_MAX_CHARS}
            value={answer}
            onInput={(e) => setAnswer(e.currentTarget.value)}
          />
        </Field>
        <FormError error={error} shownFields={['answer']} />
        <Button type="submit" variant="secondary" block busy={busy}>
          {t('fileApp:livelihoodOfficer.send')}
        </Button>
      </form>
    </article>
  );
}

export function LivelihoodQueuePage() {
  const { t } = useI18n();
  const list = useResource(() => getLivelihoodQueue({}));
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page title={t('fileApp:livelihoodOfficer.title')}>
      <p class="lead">{t('fileApp:livelihoodOfficer.intro')}</p>
      {notice ? (
        <Panel tone="info">
          <p role="status">{notice}</p>
        </Panel>
      ) : null}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.requests.length === 0 ? (
        <EmptyState title={t('fileApp:livelihoodOfficer.emptyTitle')} />
      ) : (
        <div class="card-stack">
          {list.data.requests.map((r) => (
            <RequestCard
              key={r.id}
              request={r}
              onAnswered={() => {
                setNotice(t('fileApp:livelihoodOfficer.sent'));
                list.reload();
              }}
            />
          ))}
        </div>
      )}
    </Page>
  );
}
