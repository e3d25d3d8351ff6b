// A campaign's mini app button opens /app/<page>?c=<campaign id>: the app reports that open once
// (the campaign's "button clicks") and drops the parameter, so a reload or a shared link does not
// count again. Part of the first screen, so it stays a few lines with no page code.
import { callEmpty } from './api/client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function reportCampaignOpen(): void {
  const url = new URL(window.location.href);
  const campaignId = url.searchParams.get('c');
  if (campaignId === null) return;
  url.searchParams.delete('c');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  if (!UUID.test(campaignId)) return;
  // Counting is best effort: the person came for the page, not for the figure.
  callEmpty((c) => c.api.campaigns[':campaignId'].click.$post({ param: { campaignId } })).catch(() => {});
}
