// Who owns a case under review (首问负责); while nobody does, the reviewers of its village are offered
// to take it up. Shared by every review workflow (certificate applications, service-file items).
import { useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { FormError } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';

export function Ownership({
  owner,
  canClaim,
  claim,
  onClaimed,
}: {
  owner: { userId: string; displayName: string } | null;
  canClaim: boolean;
  claim: () => Promise<unknown>;
  onClaimed: () => void;
}) {
  const { t } = useI18n();
  const { me } = useProfile();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mine = owner?.userId === me.user.id;
  const take = async () => {
    setBusy(true);
    setError(null);
    try {
      await claim();
      onClaimed();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const text = !owner
    ? t('review.owner.none')
    : mine
      ? t('review.owner.you')
      : t('review.owner.other', { name: owner.displayName });
  return (
    <Panel tone={mine || canClaim ? 'info' : 'warning'}>
      <p role="status">
        <strong>{text}</strong>
      </p>
      {canClaim ? (
        <>
          <p class="field-hint">{t('review.owner.claimHint')}</p>
          <Button block busy={busy} onClick={() => void take()}>
            {t('review.owner.claim')}
          </Button>
          <FormError error={error} shownFields={[]} />
        </>
      ) : mine ? (
        <p class="field-hint">{t('review.owner.claimedHint')}</p>
      ) : null}
    </Panel>
  );
}
