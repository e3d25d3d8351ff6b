// Loading, empty and error states shared by every page. Errors show the server's localized
// message and its request id, so a person can quote it to the office; a server that is only busy
// for a moment (503) gets a calm "try again" instead, with the retry button.
import type { ComponentChildren } from 'preact';
import { isApiError } from '../lib/api/api-error';
import { type TextKey, useT } from '../lib/i18n';
import { Button } from './button';

export function Loading() {
  const t = useT();
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{t('ui.loading')}</span>
    </div>
  );
}

export function EmptyState({
  title,
  body,
  children,
}: {
  title: string;
  body?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="state">
      <h2 class="state-title">{title}</h2>
      {body ? <p class="state-body">{body}</p> : null}
      {children}
    </div>
  );
}

/** A failure that trying again shortly will mend (the server answered 503). */
export function isTemporary(error: unknown): boolean {
  return isApiError(error) && error.temporary;
}

/** The sentence to show for any failure: the server's own message when there is one. */
export function errorMessage(error: unknown, t: (key: TextKey) => string): string {
  if (isTemporary(error)) return t('error.tryAgain');
  if (isApiError(error)) {
    if (error.serverMessage) return error.serverMessage;
    return t(error.kind === 'network' ? 'error.network' : 'error.unexpected');
  }
  return t('error.unexpected');
}

export function RequestId({ error }: { error: unknown }) {
  const t = useT();
  if (!isApiError(error) || !error.requestId) return null;
  return <p class="request-id">{t('ui.requestId', { id: error.requestId })}</p>;
}

export function ErrorState({
  error,
  onRetry,
  message,
}: {
  error: unknown;
  onRetry?: () => void;
  /** Overrides the derived message, e.g. for a page that failed to download. */
  message?: string;
}) {
  const t = useT();
  if (isTemporary(error) && !message) {
    return (
      <div class="state state-retry" role="status">
        <h2 class="state-title">{t('error.tryAgainTitle')}</h2>
        <p class="state-body">{t('error.tryAgain')}</p>
        {onRetry ? <Button onClick={onRetry}>{t('ui.retry')}</Button> : null}
      </div>
    );
  }
  return (
    <div class="state state-error" role="alert">
      <h2 class="state-title">{t('error.title')}</h2>
      <p class="state-body">{message ?? errorMessage(error, t)}</p>
      <RequestId error={error} />
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t('ui.retry')}
        </Button>
      ) : null}
    </div>
  );
}

/**
 * A form's error summary: the server's message, plus field issues for fields the form does not
 * show (those it shows appear next to the field through <Field error>).
 */
export function FormError({ error, shownFields }: { error: unknown; shownFields: readonly string[] }) {
  const t = useT();
  if (!error) return null;
  // Not the form's fault: a calm note, and the form's own button is the retry.
  if (isTemporary(error)) {
    return (
      <div class="form-retry" role="status">
        <p>{t('error.tryAgain')}</p>
      </div>
    );
  }
  const others = isApiError(error) ? error.otherFieldErrors(shownFields) : [];
  return (
    <div class="form-error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {others.length ? (
        <>
          <p>{t('error.fields')}</p>
          <ul>
            {others.map((f) => (
              <li key={f.path}>{f.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      <RequestId error={error} />
    </div>
  );
}
