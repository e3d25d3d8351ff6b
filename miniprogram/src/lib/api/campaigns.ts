// Campaign calls: the resident's (topics, past campaigns) and the publicity officer's (compose,
// audience count, workflow, progress, figures). Types follow the API's OpenAPI definitions.
import type { ClientResponse, InferRequestType } from 'hono/client';
import type { TopicCode } from '../../../../core/campaigns/campaign-schema';
import { type ApiSchema, type Client, call, callBlob, callEmpty } from './client';

export type { TopicCode };

type Campaigns = Client['api']['campaigns'];
type One = Campaigns[':campaignId'];

// --- residents --------------------------------------------------------------------------------

export const getMyTopics = () => call((c) => c.api.me.topics.$get());
export const setMyTopics = (topics: TopicCode[]) => call((c) => c.api.me.topics.$put({ json: { topics } }));

export const listPublished = (before?: string) =>
  call((c) => c.api.campaigns.published.$get({ query: before ? { before } : {} }));
export const getPublished = (campaignId: string) =>
  call((c) => c.api.campaigns.published[':campaignId'].$get({ param: { campaignId } }));

/** A campaign's image in one language (officers in scope; anyone signed in once it is out). */
export const fetchCampaignImage = (campaignId: string, language: CampaignLanguage) =>
  callBlob((c) =>
    c.api.campaigns[':campaignId'].variants[':language'].image.$get({ param: { campaignId, language } }),
  );

export type PublishedItem = Awaited<ReturnType<typeof listPublished>>['items'][number];
export type PublishedCampaign = Awaited<ReturnType<typeof getPublished>>;
export type CampaignButton = NonNullable<PublishedCampaign['button']>;

// --- publicity officers -----------------------------------------------------------------------

export type ListQuery = NonNullable<InferRequestType<Campaigns['$get']>['query']>;
export const listCampaigns = (query: ListQuery) => call((c) => c.api.campaigns.$get({ query }));

export type CampaignInput = InferRequestType<Campaigns['$post']>['json'];
export type ReachExportBody = InferRequestType<Client['api']['campaigns']['export']['$post']>['json'];
/** Reach of the campaigns of the stage on screen, one CSV row per campaign and village. */
export const exportCampaignReach = (json: ReachExportBody) =>
  callBlob((c) => c.api.campaigns.export.$post({ json }));
export const createCampaign = (json: CampaignInput) => call((c) => c.api.campaigns.$post({ json }));
export const getCampaign = (campaignId: string) =>
  call((c) => c.api.campaigns[':campaignId'].$get({ param: { campaignId } }));
export const updateCampaign = (campaignId: string, json: CampaignInput) =>
  callEmpty((c) => c.api.campaigns[':campaignId'].$put({ param: { campaignId }, json }));

export type VariantInput = InferRequestType<One['variants'][':language']['$put']>['json'];
export const saveVariant = (campaignId: string, language: CampaignLanguage, json: VariantInput) =>
  callEmpty((c) =>
    c.api.campaigns[':campaignId'].variants[':language'].$put({ param: { campaignId, language }, json }),
  );
export const deleteVariant = (campaignId: string, language: CampaignLanguage) =>
  callEmpty((c) =>
    c.api.campaigns[':campaignId'].variants[':language'].$delete({ param: { campaignId, language } }),
  );
export const uploadImage = (campaignId: string, language: CampaignLanguage, file: File) =>
  call((c) =>
    c.api.campaigns[':campaignId'].variants[':language'].image.$post({
      param: { campaignId, language },
      form: { file },
    }),
  );
export const deleteImage = (campaignId: string, language: CampaignLanguage) =>
  callEmpty((c) =>
    c.api.campaigns[':campaignId'].variants[':language'].image.$delete({ param: { campaignId, language } }),
  );

export interface AudienceQuery {
  topic: TopicCode;
  villageIds: readonly number[];
  languages: readonly string[];
  statuses: readonly string[];
}
export const countAudience = (q: AudienceQuery) =>
  call((c) =>
    c.api.campaigns.audience.count.$get({
      query: {
        topic: q.topic,
        // Empty dimensions are left out: "all".
        ...(q.villageIds.length ? { villageIds: q.villageIds.join(',') } : {}),
        ...(q.languages.length ? { languages: q.languages.join(',') } : {}),
        ...(q.statuses.length ? { statuses: q.statuses.join(',') } : {}),
      },
    }),
  );

// submit, approve, return and cancel share one pattern path in the server's types (see client.ts):
// their request and answer are taken from that route's declaration, the URL is built the same way.
type WorkflowRoute = ApiSchema[`/api/campaigns/:campaignId/${string}`]['$post'];
type WorkflowOk = Extract<WorkflowRoute, { status: 200 }>['output'];
type WorkflowAction = 'submit' | 'approve' | 'return' | 'cancel';
type WorkflowEndpoint = {
  $post(args: {
    param: { campaignId: string };
    json?: { note?: string };
  }): Promise<ClientResponse<WorkflowOk, 200, 'json'>>;
};
const workflow = (campaignId: string, action: WorkflowAction, json?: { note?: string }) =>
  call((c) => {
    const one = c.api.campaigns[':campaignId'] as unknown as Record<WorkflowAction, WorkflowEndpoint>;
    return one[action].$post({ param: { campaignId }, ...(json ? { json } : {}) });
  });

export const submitCampaign = (campaignId: string) => workflow(campaignId, 'submit');
export const approveCampaign = (campaignId: string) => workflow(campaignId, 'approve');
/** The author withdraws (no note), or an approver returns it with a note. */
export const returnCampaign = (campaignId: string, note?: string) =>
  workflow(campaignId, 'return', note ? { note } : {});
export const cancelCampaign = (campaignId: string) => workflow(campaignId, 'cancel');
/** `at` omitted: send now. */
export const scheduleCampaign = (campaignId: string, at?: string) =>
  call((c) =>
    c.api.campaigns[':campaignId'].schedule.$post({ param: { campaignId }, json: at ? { at } : {} }),
  );
export const sendTest = (campaignId: string, language: CampaignLanguage) =>
  call((c) => c.api.campaigns[':campaignId'].test.$post({ param: { campaignId }, json: { language } }));
export const getProgress = (campaignId: string) =>
  call((c) => c.api.campaigns[':campaignId'].progress.$get({ param: { campaignId } }));
export const getStats = (campaignId: string) =>
  call((c) => c.api.campaigns[':campaignId'].stats.$get({ param: { campaignId } }));
export const resendFailed = (campaignId: string) =>
  call((c) => c.api.campaigns[':campaignId']['resend-failed'].$post({ param: { campaignId } }));

export type CampaignListItem = Awaited<ReturnType<typeof listCampaigns>>['items'][number];
export type CampaignView = Awaited<ReturnType<typeof getCampaign>>;
export type CampaignStatus = CampaignView['status'];
export type CampaignLanguage = CampaignView['variants'][number]['language'];
export type CampaignVariant = CampaignView['variants'][number];
export type CampaignEvent = CampaignView['history'][number];
export type Permissions = CampaignView['can'];
export type Audience = CampaignView['audience'];
export type AudienceCount = Awaited<ReturnType<typeof countAudience>>;
export type Progress = Awaited<ReturnType<typeof getProgress>>;
export type Stats = Awaited<ReturnType<typeof getStats>>;
