// The conversation on one tip: the reporter's and the handler's messages, and the handlers' internal
// notes among them — each note marked, in words and in its frame, "the reporter never sees this". The
// owner writes either kind; the form says plainly which one is being written.
import { useState } from 'preact/hooks';
import { MESSAGE_MAX_CHARS } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import { addHandlerMessage, type HandlerTipView, type TipMessage } from '../../lib/api/tipoff-desk';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';

function MessageItem({ message }: { message: TipMessage }) {
  const { t, language } = useI18n();
  const when = message.at ? formatDate(message.at, language, 'dateTime') : formatDate(message.day, language);
  const who =
    message.kind === 'reporter'
      ? t('tipoffDesk:conversation.reporter')
      : (message.authorName ?? t('tipoffDesk:conversation.handler'));
  return (
    <li class={`message message-${message.kind}`}>
      <p class="message-meta">
        {message.kind === 'note' ? (
          <span class="badge badge-warning note-mark">{t('tipoffDesk:conversation.noteMark')}</span>
        ) : null}
        <span>
          {message.kind === 'note'
            ? t('tipoffDesk:conversation.noteBy', { name: who })
            : message.kind === 'handler'
              ? t('tipoffDesk:conversation.toReporter', { name: who })
              : who}
        </span>
        {' · '}
        <time dateTime={message.at ?? message.day}>{when}</time>
      </p>
      <p class="message-text">{message.text}</p>
    </li>
  );
}

export function CaseConversation({
  view,
  onSent,
}: {
  view: HandlerTipView;
  onSent: (message: string) => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<'message' | 'note'>('message');
  const [text, setText] = useState('');
  const [showError, setShowError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const length = text.trim().length;
  const problem =
    length === 0
      ? t('tipoffDesk:form.required')
      : length > MESSAGE_MAX_CHARS
        ? t('tipoffDesk:form.tooLong', { max: MESSAGE_MAX_CHARS })
        : undefined;
  const send = async (e: Event) => {
    e.preventDefault();
    setShowError(true);
    setError(null);
    if (problem) {
      document.getElementById('tip-message-text')?.focus();
      return;
    }
    setBusy(true);
    try {
      await addHandlerMessage(view.id, text.trim(), kind === 'note');
      setText('');
      setShowError(false);
      onSent(t(kind === 'note' ? 'tipoffDesk:conversation.noteSaved' : 'tipoffDesk:conversation.sent'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="stack">
      {view.messages.length ? (
        <ol class="messages" aria-label={t('tipoffDesk:conversation.title')}>
          {view.messages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </ol>
      ) : (
        <p class="muted">{t('tipoffDesk:conversation.empty')}</p>
      )}
      {view.can.write ? (
        <form
          class={kind === 'note' ? 'card form composer composer-note' : 'card form composer'}
          onSubmit={(e) => void send(e)}
          noValidate
        >
          <fieldset class="segmented">
            <legend class="visually-hidden">{t('tipoffDesk:conversation.kindLegend')}</legend>
            <div class="segmented-options">
              {(['message', 'note'] as const).map((k) => (
                <label key={k} class={kind === k ? 'segment segment-on' : 'segment'}>
                  <input
                    type="radio"
                    name="tip-message-kind"
                    checked={kind === k}
                    onChange={() => setKind(k)}
                  />
                  <span>{t(`tipoffDesk:conversation.kind.${k}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <p class={kind === 'note' ? 'note note-private' : 'note'} role="status">
            {t(kind === 'note' ? 'tipoffDesk:conversation.noteHint' : 'tipoffDesk:conversation.messageHint')}
          </p>
          <Field
            id="tip-message-text"
            label={t(
              kind === 'note' ? 'tipoffDesk:conversation.noteLabel' : 'tipoffDesk:conversation.messageLabel',
            )}
            error={
              (isApiError(error) ? error.fieldError('text') : undefined) ?? (showError ? problem : undefined)
            }
          >
            <textarea
              rows={3}
              maxLength={MESSAGE_MAX_CHARS}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
          <FormError error={error} shownFields={['text']} />
          <Button type="submit" block busy={busy}>
            {t(kind === 'note' ? 'tipoffDesk:conversation.saveNote' : 'tipoffDesk:conversation.send')}
          </Button>
        </form>
      ) : (
        <p class="muted">
          {view.status === 'closed'
            ? t('tipoffDesk:conversation.closed')
            : t('tipoffDesk:conversation.notOwner')}
        </p>
      )}
    </div>
  );
}
