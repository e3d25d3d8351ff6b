// A modal confirmation of one action: focus moves into it, the page behind is inert, Esc or Cancel
// closes it. While the action runs both buttons wait; a failure is shown inside and nothing closes.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useT } from '../lib/i18n';
import { Button } from './button';
import { FormError } from './states';

export function ConfirmDialog<T>({
  title,
  body,
  confirm,
  danger,
  action,
  onConfirmed,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
  action: () => Promise<T>;
  onConfirmed: (result: T) => void;
  onClose: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      ref.current?.close();
      onConfirmed(result);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <p>{body}</p>
      <FormError error={error} shownFields={[]} />
      <div class="dialog-actions">
        <Button variant="secondary" onClick={() => ref.current?.close()} disabled={busy}>
          {t('review.cancel')}
        </Button>
        <Button busy={busy} class={danger ? 'button-danger-solid' : undefined} onClick={() => void go()}>
          {confirm}
        </Button>
      </div>
    </dialog>
  );
}
