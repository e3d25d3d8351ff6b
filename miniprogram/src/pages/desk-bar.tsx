// The strip an officer signed in at a desk sees above every page: that this browser is signed in, and
// signing out (the session ends on the server at once).
import { useState } from 'preact/hooks';
import { deskSignOut } from '../lib/api/endpoints';
import { useI18n } from '../lib/i18n';

export function DeskBar() {
  const { t } = useI18n();
  const [out, setOut] = useState(false);
  if (out) return <p class="desk-bar">{t('desk.signedOut')}</p>;
  return (
    <div class="desk-bar">
      <span>{t('desk.signedIn')}</span>
      <button
        type="button"
        class="link-button"
        onClick={async () => {
          await deskSignOut().catch(() => {});
          setOut(true);
          window.location.reload();
        }}
      >
        {t('desk.signOut')}
      </button>
    </div>
  );
}
