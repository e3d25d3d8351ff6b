// How the reporter's screens answer failures: a throttled request (429) is a calm note with the wait,
// counted down, and the button waits too; a wrong receipt says so plainly; anything else is the
// usual form error with its reference.
import { useEffect, useState } from 'preact/hooks';
import { FormError } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import { type Translate, useT } from '../../lib/i18n';

export function isThrottled(error: unknown): boolean {
  return isApiError(error) && error.status === 429;
}

/** Seconds left before a throttled action may be tried again (0 = now); counts down by itself. */
export function useCooldown(error: unknown): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!isThrottled(error)) {
      setLeft(0);
      return;
    }
    const seconds = isApiError(error) ? Math.ceil(error.retryAfterSeconds ?? 0) : 0;
    const until = Date.now() + seconds * 1000;
    setLeft(seconds);
    if (seconds <= 0) return;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [error]);
  return left;
}

/**
 * The wait in words a person reads at a glance: seconds under a minute, else "about N minutes"
 * (3542 s reads "about 59 minutes"), rounded but never 0; it still counts down as the seconds pass.
 */
export function throttledText(seconds: number, t: Translate): string {
  if (seconds < 60) return t('report:throttledSeconds', { count: seconds });
  return t('report:throttledMinutes', { count: Math.max(1, Math.round(seconds / 60)) });
}

/** The failure of a reporter action. `receiptRoute`: a 404 means the receipt matched no report. */
export function TipError({
  error,
  cooldown,
  receiptRoute,
  shownFields = [],
}: {
  error: unknown;
  cooldown: number;
  receiptRoute?: boolean;
  shownFields?: readonly string[];
}) {
  const t = useT();
  if (!error) return null;
  if (isThrottled(error)) {
    return (
      <div class="card panel-info tip-throttled" role="status" data-testid="throttled">
        <p>{cooldown > 0 ? throttledText(cooldown, t) : t('report:throttledSoon')}</p>
      </div>
    );
  }
  if (receiptRoute && isApiError(error) && error.status === 404) {
    return (
      <div class="form-error" role="alert">
        <p>{t('report:follow.notFound')}</p>
      </div>
    );
  }
  return <FormError error={error} shownFields={shownFields} />;
}
