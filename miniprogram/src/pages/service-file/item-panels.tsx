// What the person does on the items they meet themselves: read and acknowledge the service agreement
// (the office's versioned text), confirm contact details, ask for a livelihood service (and read the
// answers); and what the linked items say (the certificate, the personal file, the training).
import { useState } from 'preact/hooks';
import {
  LIVELIHOOD_TOPICS,
  type LivelihoodTopic,
  QUESTION_MAX_CHARS,
  ZConfirmContactSchema,
  ZLivelihoodRequestSchema,
} from '../../../../core/service-file/service-file-schema';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { EmptyState, FormError } from '../../components/states';
import { fieldErrors } from '../../lib/api/api-error';
import {
  acknowledgeAgreement,
  confirmContact,
  type FileItem,
  type MyFile,
  requestLivelihood,
} from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useMainButton } from '../../telegram/main-button';
import { issuesByField } from './validation';

type Done = (message: string) => void;

export function AgreementPanel({ file, item, onDone }: { file: MyFile; item: FileItem; onDone: Done }) {
  const { t, language } = useI18n();
  const agreement = file.agreement;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = !!agreement && agreement.acknowledgedVersion === agreement.version;
  const acknowledge = async () => {
    if (!agreement) return;
    setBusy(true);
    setError(null);
    try {
      await acknowledgeAgreement({ version: agreement.version });
      onDone(t('fileApp:agreement.done'));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton(
    agreement && !current && item.status !== 'not_applicable'
      ? { text: t('fileApp:agreement.acknowledge'), onClick: () => void acknowledge(), progress: busy }
      : null,
  );
  if (!agreement) return <EmptyState title={t('fileApp:agreement.none')} />;
  return (
    <section class="card agreement" aria-labelledby="agreement-title">
      <div class="cert-head">
        <h2 id="agreement-title" class="notice-title">
          {t('fileApp:agreement.title')}
        </h2>
        <span class="badge badge-neutral">
          {t('fileApp:agreement.version', { version: agreement.version })}
        </span>
      </div>
      {agreement.acknowledgedVersion && !current ? (
        <p class="text-warning">
          <strong>{t('fileApp:agreement.newVersion')}</strong>
        </p>
      ) : null}
      <div class="agreement-text">{agreement.text}</div>
      {current && agreement.acknowledgedAt ? (
        <p class="text-success" role="status">
          {t('fileApp:agreement.acknowledged', {
            version: agreement.version,
            date: formatDate(agreement.acknowledgedAt, language),
          })}
        </p>
      ) : null}
      <FormError error={error} shownFields={[]} />
    </section>
  );
}

export function ContactPanel({ file, item, onDone }: { file: MyFile; item: FileItem; onDone: Done }) {
  const { t, language } = useI18n();
  const [phone, setPhone] = useState(file.contact.phone ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = ZConfirmContactSchema.safeParse({ phone: phone.trim() || null });
  const local = issuesByField(parsed, t);
  const phoneError = fieldErrors(error).phone ?? (showErrors ? local.phone : undefined);
  const confirm = async () => {
    setShowErrors(true);
    setError(null);
    if (!parsed.success) {
      document.getElementById('sf-phone')?.focus();
      return;
    }
    setBusy(true);
    try {
      await confirmContact({ phone: phone.trim() || null });
      onDone(t('fileApp:contact.done'));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton(
    item.status === 'not_applicable'
      ? null
      : { text: t('fileApp:contact.confirm'), onClick: () => void confirm(), progress: busy },
  );
  return (
    <form
      class="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h2 class="notice-title">{t('fileApp:contact.title')}</h2>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('fileApp:contact.telegram')}</dt>
          <dd>{t('fileApp:contact.telegramValue')}</dd>
        </div>
      </dl>
      <Field
        id="sf-phone"
        label={t('fileApp:contact.phone')}
        hint={t('fileApp:contact.phoneHint')}
        error={phoneError}
      >
        <input
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={11}
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </Field>
      {file.contact.confirmedAt ? (
        <p class="field-hint">
          {t('fileApp:contact.lastConfirmed', { date: formatDate(file.contact.confirmedAt, language) })}
        </p>
      ) : null}
      <FormError error={error} shownFields={['phone']} />
    </form>
  );
}

export function LivelihoodPanel({ file, onDone }: { file: MyFile; onDone: Done }) {
  const { t, language } = useI18n();
  const [topic, setTopic] = useState<LivelihoodTopic>('job');
  const [question, setQuestion] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = ZLivelihoodRequestSchema.safeParse({ topic, question });
  const local = issuesByField(parsed, t);
  const questionError = fieldErrors(error).question ?? (showErrors ? local.question : undefined);
  const send = async () => {
    setShowErrors(true);
    setError(null);
    if (!parsed.success) {
      document.getElementById('sf-question')?.focus();
      return;
    }
    setBusy(true);
    try {
      await requestLivelihood(parsed.data);
      setQuestion('');
      setShowErrors(false);
      onDone(t('fileApp:livelihood.sent'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  useMainButton({ text: t('fileApp:livelihood.send'), onClick: () => void send(), progress: busy });
  return (
    <div class="stack">
      <form
        class="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <fieldset class="check-group">
          <legend>{t('fileApp:livelihood.topic')}</legend>
          {LIVELIHOOD_TOPICS.map((k) => (
            <label key={k} class="check">
              <input type="radio" name="sf-topic" checked={topic === k} onChange={() => setTopic(k)} />
              <span>{t(`fileApp:livelihood.topics.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field
          id="sf-question"
          label={t('fileApp:livelihood.question')}
          hint={t('fileApp:livelihood.questionHint')}
          error={questionError}
        >
          <textarea
            rows={4}
            maxLength={QUESTION_MAX_CHARS}
            value={question}
            onInput={(e) => setQuestion(e.currentTarget.value)}
          />
        </Field>
        <FormError error={error} shownFields={['question', 'topic']} />
      </form>
      <h2 class="section-title">{t('fileApp:livelihood.mine')}</h2>
      {file.livelihood.length === 0 ? (
        <p class="muted">{t('fileApp:livelihood.none')}</p>
      ) : (
        <div class="card-stack">
          {file.livelihood.map((r) => (
            <article key={r.id} class="card livelihood-request">
              <div class="status-line">
                <span class="badge badge-neutral">{t(`fileApp:livelihood.topics.${r.topic}`)}</span>
                {r.answer ? (
                  <span class="badge badge-success">{t('fileApp:livelihoodOfficer.answered')}</span>
                ) : (
                  <span class="badge badge-info">{t('fileApp:livelihood.waiting')}</span>
                )}
              </div>
              <p class="field-hint">
                {t('fileApp:livelihood.askedOn', { date: formatDate(r.createdAt, language) })}
              </p>
              <p class="pre-line">{r.question}</p>
              {r.answer ? (
                <div class="answer">
                  <p class="field-label">{t('fileApp:livelihood.answer')}</p>
                  <p class="pre-line">{r.answer}</p>
                  {r.answeredAt ? (
                    <p class="field-hint">
                      {t('fileApp:livelihood.answeredOn', {
                        name: r.answeredByName ?? '',
                        date: formatDate(r.answeredAt, language),
                      })}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </article>
          ))}
        </div>
      )}
    </div>
  );
}

export function CertificatePanel({ file }: { file: MyFile }) {
  const { t, language } = useI18n();
  const cert = file.certificate;
  return (
    <Panel>
      <p>{t('fileApp:certificate.linked')}</p>
      {cert ? (
        <>
          <p class="mono">{t('fileApp:certificate.serial', { serial: cert.serial })}</p>
          {cert.validUntil ? (
            <p>{t('fileApp:certificate.validUntil', { date: formatDate(cert.validUntil, language) })}</p>
          ) : null}
        </>
      ) : null}
      <Link to="/certificates" class="button button-secondary button-block">
        {t(cert ? 'fileApp:certificate.open' : 'fileApp:certificate.apply')}
      </Link>
    </Panel>
  );
}

export function InfoPanel({ text }: { text: string }) {
  return (
    <Panel>
      <p>{text}</p>
    </Panel>
  );
}
