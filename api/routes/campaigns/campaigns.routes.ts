// The publicity officer's side of campaigns: compose (variants, images), the live audience count,
// the approval workflow, scheduling, cancel, test send, live progress, reach figures and "resend to
// the failed only". Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Rule } from '../../../core/auth/policy';
import { approveCampaign } from '../../../core/campaigns/approve-campaign';
import { ZCampaignReachExportSchema } from '../../../core/campaigns/campaign-export-schema';
import { type CampaignRecord, campaignPolicy } from '../../../core/campaigns/campaign-policy';
import {
  ZAudienceCountQuerySchema,
  ZCampaignInputSchema,
  ZReturnCampaignSchema,
  ZScheduleCampaignSchema,
  ZTestSendSchema,
  ZVariantInputSchema,
} from '../../../core/campaigns/campaign-schema';
import { cancelCampaign } from '../../../core/campaigns/cancel-campaign';
import { countAudience } from '../../../core/campaigns/count-audience';
import { createCampaign } from '../../../core/campaigns/create-campaign';
import { exportCampaignReach } from '../../../core/campaigns/export-campaign-reach';
import { getCampaign } from '../../../core/campaigns/get-campaign';
import { getCampaignProgress } from '../../../core/campaigns/get-campaign-progress';
import { getCampaignStats } from '../../../core/campaigns/get-campaign-stats';
import { listCampaigns, ZListCampaignsQuerySchema } from '../../../core/campaigns/list-campaigns';
import { readCampaignImage } from '../../../core/campaigns/read-campaign-image';
import { removeVariant } from '../../../core/campaigns/remove-variant';
import { resendFailed } from '../../../core/campaigns/resend-failed';
import { returnCampaign } from '../../../core/campaigns/return-campaign';
import { saveVariant } from '../../../core/campaigns/save-variant';
import { scheduleCampaign } from '../../../core/campaigns/schedule-campaign';
import { sendTestMessage } from '../../../core/campaigns/send-test-message';
import { setVariantImage } from '../../../core/campaigns/set-variant-image';
import { submitCampaign } from '../../../core/campaigns/submit-campaign';
import { updateCampaign } from '../../../core/campaigns/update-campaign';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';
import { requireUser } from '../../middleware/auth';
import { costlySignedIn, guard, signedIn } from '../../middleware/roles';
import { uploadLimit } from '../../middleware/upload-limit';
import { caller } from '../caller';
import { fileResponseHeaders } from '../file-response';
import {
  jsonBody as body,
  csvHeaders,
  csvResponse,
  errorResponses,
  actionErrors as errors,
  jsonResponse as json,
  ZLanguage,
} from '../schemas';
import {
  ZAudience,
  ZAudienceCount,
  ZCampaignIdParam,
  ZCampaignStatus,
  ZCampaignSummary,
  ZCampaignView,
  ZProgress,
  ZStats,
  ZVariantParam,
} from './campaigns.schemas';

const costly = costlySignedIn;
const tags = ['campaigns'];
const ZStatusResult = z.object({ status: ZCampaignStatus });

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns',
  tags,
  summary: 'Campaigns within my scope, most recently changed first',
  ...signedIn(campaignPolicy.read),
  request: { query: ZListCampaignsQuerySchema },
  responses: {
    200: json(
      z.object({ items: z.array(ZCampaignSummary.extend({ audience: ZAudience, createdBy: z.uuid() })) }),
      'Campaigns',
    ),
    ...errors,
  },
});

const create = createRoute({
  method: 'post',
  path: '/campaigns',
  tags,
  summary: 'Start a draft: title, topic, audience (villages × languages × statuses; empty = all)',
  ...signedIn(campaignPolicy.create),
  request: body(ZCampaignInputSchema),
  responses: { 201: json(z.object({ id: z.uuid(), status: ZCampaignStatus }), 'Created'), ...errors },
});

const audienceCount = createRoute({
  method: 'get',
  path: '/campaigns/audience/count',
  tags,
  summary: 'Live count of an audience (subscribed to the topic, not blocked), per language',
  ...costly(campaignPolicy.read, 'audience-count'),
  // villageIds, languages (zh-CN,zh-TW,en) and statuses (resident,moved_away,newcomer): comma-separated.
  request: { query: ZAudienceCountQuerySchema },
  responses: { 200: json(ZAudienceCount, 'Count'), ...errors },
});

const exportReach = createRoute({
  method: 'post',
  path: '/campaigns/export',
  tags,
  summary:
    'Reach of the campaigns on screen (stage filter) as CSV, one row per campaign and village; audited',
  ...costly(campaignPolicy.read, 'export'),
  request: body(ZCampaignReachExportSchema),
  responses: { 200: csvResponse, ...errors },
});

const getOne = createRoute({
  method: 'get',
  path: '/campaigns/{campaignId}',
  tags,
  summary: 'A campaign: content, audience, workflow, history and what I may do',
  ...signedIn(campaignPolicy.read),
  request: { params: ZCampaignIdParam },
  responses: { 200: json(ZCampaignView, 'Campaign'), ...errors },
});

const update = createRoute({
  method: 'put',
  path: '/campaigns/{campaignId}',
  tags,
  summary: "Change a draft's title, topic or audience (author only)",
  ...signedIn(campaignPolicy.edit),
  request: { params: ZCampaignIdParam, ...body(ZCampaignInputSchema) },
  responses: { 204: { description: 'Saved' }, ...errors },
});

const putVariant = createRoute({
  method: 'put',
  path: '/campaigns/{campaignId}/variants/{language}',
  tags,
  summary: 'Write the message in one language (Telegram HTML, validated) with an optional button',
  ...signedIn(campaignPolicy.edit),
  request: { params: ZVariantParam, ...body(ZVariantInputSchema) },
  responses: { 204: { description: 'Saved' }, ...errors },
});

const deleteVariant = createRoute({
  method: 'delete',
  path: '/campaigns/{campaignId}/variants/{language}',
  tags,
  summary: 'Remove one language (its readers then get the zh-CN message)',
  ...signedIn(campaignPolicy.edit),
  request: { params: ZVariantParam },
  responses: { 204: { description: 'Removed' }, ...errors },
});

const putImage = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/variants/{language}/image',
  tags,
  summary: "Attach the language's image (JPEG or PNG, checked by its bytes, metadata removed)",
  security: [{ tma: [] }],
  middleware: [requireUser, guard(campaignPolicy.edit), uploadLimit],
  request: {
    params: ZVariantParam,
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ imageFileId: z.uuid().nullable() }), 'Attached'),
    ...errors,
    413: { ...errorResponses[400], description: 'Larger than MAX_UPLOAD_MB' },
    415: { ...errorResponses[400], description: 'Not a JPEG or PNG' },
  },
});

const deleteImage = createRoute({
  method: 'delete',
  path: '/campaigns/{campaignId}/variants/{language}/image',
  tags,
  summary: "Remove the language's image",
  ...signedIn(campaignPolicy.edit),
  request: { params: ZVariantParam },
  responses: { 204: { description: 'Removed' }, ...errors },
});

const getImage = createRoute({
  method: 'get',
  path: '/campaigns/{campaignId}/variants/{language}/image',
  tags,
  summary: "The language's image (officers in scope; anyone signed in once the campaign is out)",
  security: [{ tma: [] }],
  middleware: [requireUser],
  request: { params: ZVariantParam },
  responses: {
    200: { description: 'The image', content: { 'image/jpeg': { schema: z.any() } } },
    ...errors,
  },
});

const action = (path: string, rule: Rule<CampaignRecord>, summary: string) =>
  createRoute({
    method: 'post',
    path: `/campaigns/{campaignId}/${path}`,
    tags,
    summary,
    ...signedIn(rule),
    request: { params: ZCampaignIdParam },
    responses: { 200: json(ZStatusResult, 'New status'), ...errors },
  });

const submit = action(
  'submit',
  campaignPolicy.submit,
  'Hand the draft to approval (everything missing is reported at once)',
);
const approve = action(
  'approve',
  campaignPolicy.approve,
  'Approve (a different publicity officer or an admin, never the author); audited',
);
const ret = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/return',
  tags,
  summary: 'Back to draft: the author withdraws, or an approver returns it with a note',
  ...signedIn(campaignPolicy.return),
  request: {
    params: ZCampaignIdParam,
    body: { content: { 'application/json': { schema: ZReturnCampaignSchema } }, required: false },
  },
  responses: { 200: json(ZStatusResult, 'New status'), ...errors },
});
const schedule = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/schedule',
  tags,
  summary: 'Send now (no `at`) or at a time; publicity officers only',
  ...signedIn(campaignPolicy.schedule),
  request: { params: ZCampaignIdParam, ...body(ZScheduleCampaignSchema) },
  responses: { 200: json(ZStatusResult, 'New status'), ...errors },
});
const cancel = action(
  'cancel',
  campaignPolicy.cancel,
  'Cancel before or while sending (stops within about a second); audited',
);

const testSend = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/test',
  tags,
  summary: "Send one language's message to my own chat now (not counted)",
  ...costly(campaignPolicy.testSend, 'test-send'),
  request: {
    params: ZCampaignIdParam,
    body: {
      content: { 'application/json': { schema: ZTestSendSchema } },
      required: false,
    },
  },
  responses: { 200: json(z.object({ sent: z.literal(true), language: ZLanguage }), 'Sent'), ...errors },
});

const progress = createRoute({
  method: 'get',
  path: '/campaigns/{campaignId}/progress',
  tags,
  summary: 'Live progress: delivered, failed by reason, blocked, remaining, rate, ETA',
  ...signedIn(campaignPolicy.read),
  request: { params: ZCampaignIdParam },
  responses: { 200: json(ZProgress, 'Progress'), ...errors },
});

const stats = createRoute({
  method: 'get',
  path: '/campaigns/{campaignId}/stats',
  tags,
  summary: 'Reach: outcomes by reason, per village and language, button clicks, sends per minute',
  ...signedIn(campaignPolicy.read),
  request: { params: ZCampaignIdParam },
  responses: { 200: json(ZStats, 'Figures'), ...errors },
});

const resend = createRoute({
  method: 'post',
  path: '/campaigns/{campaignId}/resend-failed',
  tags,
  summary: 'A new round (approved, same content) to exactly the failed deliveries; send or schedule it',
  ...signedIn(campaignPolicy.resendFailed),
  request: { params: ZCampaignIdParam },
  responses: {
    201: json(z.object({ id: z.uuid(), status: ZCampaignStatus, recipients: z.number().int() }), 'Created'),
    ...errors,
  },
});

export const campaignRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json(
      await listCampaigns({
        ...caller(c),
        query: c.req.valid('query'),
      }),
      200,
    ),
  )
  .openapi(exportReach, async (c) => {
    const { body: csv, fileName } = await exportCampaignReach({
      ...caller(c),
      input: c.req.valid('json'),
      language: requestLanguage(c),
    });
    return c.body(csv, 200, csvHeaders(fileName));
  })
  .openapi(create, async (c) =>
    c.json(
      await createCampaign({
        ...caller(c),
        input: c.req.valid('json'),
      }),
      201,
    ),
  )
  .openapi(audienceCount, async (c) => {
    const { topic, ...audience } = c.req.valid('query');
    const result = await countAudience({ ...caller(c), topic, audience });
    return c.json(result, 200);
  })
  .openapi(getOne, async (c) =>
    c.json(
      await getCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(update, async (c) => {
    await updateCampaign({
      ...caller(c),
      campaignId: c.req.valid('param').campaignId,
      input: c.req.valid('json'),
    });
    return c.body(null, 204);
  })
  .openapi(putVariant, async (c) => {
    const { campaignId, language } = c.req.valid('param');
    await saveVariant({
      ...caller(c),
      campaignId,
      language,
      input: c.req.valid('json'),
    });
    return c.body(null, 204);
  })
  .openapi(deleteVariant, async (c) => {
    const { campaignId, language } = c.req.valid('param');
    await removeVariant({ ...caller(c), campaignId, language });
    return c.body(null, 204);
  })
  .openapi(putImage, async (c) => {
    const { campaignId, language } = c.req.valid('param');
    const { file } = c.req.valid('form');
    const result = await setVariantImage({
      ...caller(c),
      campaignId,
      language,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return c.json(result, 201);
  })
  .openapi(deleteImage, async (c) => {
    const { campaignId, language } = c.req.valid('param');
    await setVariantImage({
      ...caller(c),
      campaignId,
      language,
      bytes: null,
    });
    return c.body(null, 204);
  })
  .openapi(getImage, async (c) => {
    const { campaignId, language } = c.req.valid('param');
    const image = await readCampaignImage({
      ...caller(c),
      campaignId,
      language,
    });
    return c.body(
      image.bytes as Uint8Array<ArrayBuffer>,
      200,
      fileResponseHeaders({ contentType: image.contentType, cacheControl: 'private, max-age=300' }),
    );
  })
  .openapi(submit, async (c) =>
    c.json(
      await submitCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(approve, async (c) =>
    c.json(
      await approveCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(ret, async (c) =>
    c.json(
      await returnCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(schedule, async (c) => {
    const result = await scheduleCampaign({
      ...caller(c),
      campaignId: c.req.valid('param').campaignId,
      input: c.req.valid('json'),
    });
    return c.json({ status: result.status }, 200);
  })
  .openapi(cancel, async (c) =>
    c.json(
      await cancelCampaign({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(testSend, async (c) => {
    const services = c.get('services');
    const { language } = c.req.valid('json');
    const result = await sendTestMessage({
      deps: services.deps,
      actor: c.get('actor'),
      campaignId: c.req.valid('param').campaignId,
      ...(language ? { language } : {}),
      governor: services.governor(),
      sender: services.campaignSender(),
    });
    return c.json(result, 200);
  })
  .openapi(progress, async (c) =>
    c.json(
      await getCampaignProgress({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(stats, async (c) =>
    c.json(
      await getCampaignStats({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      200,
    ),
  )
  .openapi(resend, async (c) =>
    c.json(
      await resendFailed({
        ...caller(c),
        campaignId: c.req.valid('param').campaignId,
      }),
      201,
    ),
  );
