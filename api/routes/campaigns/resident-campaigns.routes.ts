// The residents' side of campaigns (mini app): topic subscriptions, past campaigns in their language,
// and the report that a campaign's mini app button was opened. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ZSetSubscriptionsSchema } from '../../../core/campaigns/campaign-schema';
import { getPublishedCampaign } from '../../../core/campaigns/get-published-campaign';
import {
  listPublishedCampaigns,
  ZPublishedQuerySchema,
} from '../../../core/campaigns/list-published-campaigns';
import { recordMiniAppClick } from '../../../core/campaigns/record-mini-app-click';
import { getSubscriptions } from '../../../core/subscriptions/get-subscriptions';
import { setSubscriptions } from '../../../core/subscriptions/set-subscriptions';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { caller } from '../caller';
import { errorResponses, jsonResponse as json } from '../schemas';
import { ZCampaignIdParam, ZPublished, ZPublishedItem, ZTopics } from './campaigns.schemas';

const auth = { security: [{ tma: [] }], middleware: [requireUser] };
const tags = ['subscriptions'];

const getTopics = createRoute({
  method: 'get',
  path: '/me/topics',
  tags,
  summary: 'Campaign topics and whether I receive each (names: campaigns:topic.<code>)',
  ...auth,
  responses: { 200: json(ZTopics, 'Topics'), 401: errorResponses[401] },
});

const putTopics = createRoute({
  method: 'put',
  path: '/me/topics',
  tags,
  summary: 'Receive exactly these topics (empty = none, like /stop in the bot)',
  ...auth,
  request: { body: { content: { 'application/json': { schema: ZSetSubscriptionsSchema } }, required: true } },
  responses: { 200: json(ZTopics, 'Topics'), 400: errorResponses[400], 401: errorResponses[401] },
});

const feed = createRoute({
  method: 'get',
  path: '/campaigns/published',
  tags: ['campaigns (residents)'],
  summary: 'Past campaigns of my topics, for all villages or mine, in my language',
  ...auth,
  request: { query: ZPublishedQuerySchema },
  responses: {
    200: json(z.object({ items: z.array(ZPublishedItem) }), 'Campaigns'),
    401: errorResponses[401],
  },
});

const feedItem = createRoute({
  method: 'get',
  path: '/campaigns/published/{campaignId}',
  tags: ['campaigns (residents)'],
  summary: 'One past campaign in my language (image: GET /api/campaigns/{id}/variants/{language}/image)',
  ...auth,
  request: { params: ZCampaignIdParam },
  responses: { 200: json(ZPublished, 'Campaign'), 401: errorResponses[401], 404: errorResponses[404] },
});

const click = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/click',
  tags: ['campaigns (residents)'],
  summary: "The mini app was opened from this campaign's button (/app/<path>?c=<campaign id>)",
  ...auth,
  request: { params: ZCampaignIdParam },
  responses: {
    204: { description: 'Received (counted once, and only for a recipient of a mini app button)' },
    401: errorResponses[401],
  },
});

export const residentCampaignRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getTopics, async (c) => c.json(await getSubscriptions({ ...caller(c) }), 200))
  .openapi(putTopics, async (c) =>
    c.json(
      await setSubscriptions({
        ...caller(c),
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(feed, async (c) =>
    c.json(
      await listPublishedCampaigns({
        ...caller(c),
        query: c.req.valid('query'),
      }),
      200,
    ),
  )
  .openapi(feedItem, async (c) =>
    c.json(
      await getPublishedCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(click, async (c) => {
    await recordMiniAppClick({
      ...caller(c),
      campaignId: c.req.valid('param').campaignId,
    });
    return c.body(null, 204);
  });
