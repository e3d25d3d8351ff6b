// A campaign's image: fetched with the sign-in (the API serves it only to those allowed) and shown
// through a short-lived blob: URL.
import { ErrorState } from '../../components/states';
import { type CampaignLanguage, fetchCampaignImage } from '../../lib/api/campaigns';
import { useT } from '../../lib/i18n';
import { useObjectUrl } from '../certificates/object-url';

export function CampaignImage({
  campaignId,
  language,
  alt,
  version = '',
}: {
  campaignId: string;
  language: CampaignLanguage;
  alt: string;
  /** Changes when the image is replaced, so the new one is fetched. */
  version?: string;
}) {
  const t = useT();
  const image = useObjectUrl(
    () => fetchCampaignImage(campaignId, language),
    `${campaignId}|${language}|${version}`,
  );
  return (
    <div class="campaign-image">
      {image.url ? (
        <img src={image.url} alt={alt} />
      ) : image.error ? (
        <ErrorState error={image.error} onRetry={image.reload} />
      ) : (
        <span class="spinner" role="img" aria-label={t('ui.loading')} />
      )}
    </div>
  );
}
