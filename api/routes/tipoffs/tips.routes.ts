// Tip-offs for signed-in people: the mini app's submit and chat opt-in (the reporter), and the case
// handler's queue, tip screen, workflow, messages, attachments, handover, linking, reward proposal and
// the charts. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actOnTip } from '../../../core/tipoffs/act-on-tip';
import { addHandlerMessage } from '../../../core/tipoffs/add-handler-message';
import { getNotificationOptIn } from '../../../core/tipoffs/get-notification-opt-in';
import { getTipCharts } from '../../../core/tipoffs/get-tip-charts';
import { handOverTip } from '../../../core/tipoffs/hand-over-tip';
import { linkTip } from '../../../core/tipoffs/link-tip';
import { listTipHandoverCandidates } from '../../../core/tipoffs/list-tip-handover-candidates';
import { listTipQueue } from '../../../core/tipoffs/list-tip-queue';
import { openTip } from '../../../core/tipoffs/open-tip';
import { proposeReward } from '../../../core/tipoffs/propose-reward';
import { readTipAttachment } from '../../../core/tipoffs/read-tip-attachment';
import { setNotificationOptIn } from '../../../core/tipoffs/set-notification-opt-in';
import { submitTip } from '../../../core/tipoffs/submit-tip';
import { tipPolicy } from '../../../core/tipoffs/tipoff-policy';
import {
  ZChartsQuerySchema,
  ZHandlerMessageSchema,
  ZHandOverTipSchema,
  ZLinkTipSchema,
  ZNotificationOptInSchema,
  ZProposeRewardSchema,
  ZReceiptBodySchema,
  ZSubmitTipMiniAppSchema,
  ZTipActionSchema,
  ZTipQueueQuerySchema,
} from '../../../core/tipoffs/tipoff-schema';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { byUser, rateLimit } from '../../middleware/rate-limit';
import { signedIn } from '../../middleware/roles';
import { caller } from '../caller';
import { fileResponseHeaders } from '../file-response';
import { jsonBody as body, errorResponses, actionErrors as errors, jsonResponse as json } from '../schemas';
import {
  ZHandlerView,
  ZQueueItem,
  ZRewardItem,
  ZSubmitted,
  ZTipAttachmentParam,
  ZTipCharts,
  ZTipIdParam,
} from './tipoffs.schemas';

const tags = ['tip-offs'];
const withScreening = {
  ...errors,
  422: { ...errorResponses[400], description: 'About a private person (tip_screened)' },
  429: { ...errorResponses[400], description: 'Too many submissions' },
};

const submit = createRoute({
  method: 'post',
  path: '/tips',
  tags,
  summary: 'Send a tip-off from the mini app; notify=true links this chat for status messages',
  security: [{ tma: [] }],
  middleware: [requireUser, rateLimit('tip_submissions', byUser('tip'))],
  request: body(ZSubmitTipMiniAppSchema),
  responses: { 201: json(ZSubmitted, 'Received'), ...withScreening },
});

const optIn = createRoute({
  method: 'put',
  path: '/tips/notifications',
  tags,
  summary: "Chat messages about a tip (to the caller's own chat): on or off, with the receipt",
  security: [{ tma: [] }],
  middleware: [requireUser],
  request: body(ZNotificationOptInSchema),
  responses: { 200: json(z.object({ enabled: z.boolean() }), 'Set'), ...withScreening },
});

const optInState = createRoute({
  method: 'post',
  path: '/tips/notifications/state',
  tags,
  summary: "Whether the caller's own chat gets messages about the tip, with the receipt (in the body)",
  security: [{ tma: [] }],
  middleware: [requireUser],
  request: body(ZReceiptBodySchema),
  responses: { 200: json(z.object({ enabled: z.boolean() }), 'State'), ...withScreening },
});

const queue = createRoute({
  method: 'get',
  path: '/tips/queue',
  tags,
  summary: 'Tips by nearest deadline (acknowledge 2, triage 5, outcome 30 working days), overdue marked',
  ...signedIn(tipPolicy.view),
  request: { query: ZTipQueueQuerySchema },
  responses: { 200: json(z.object({ items: z.array(ZQueueItem) }), 'Queue'), ...errors },
});

const charts = createRoute({
  method: 'get',
  path: '/tips/charts',
  tags,
  summary: 'Tips per category per month, time to triage, substantiated share, rewards paid',
  ...signedIn(tipPolicy.charts),
  request: { query: ZChartsQuerySchema },
  responses: { 200: json(ZTipCharts, 'Charts'), ...errors },
});

const open = createRoute({
  method: 'get',
  path: '/tips/{tipId}',
  tags,
  summary: 'A tip with its history, conversation and notes (audited)',
  ...signedIn(tipPolicy.view),
  request: { params: ZTipIdParam },
  responses: { 200: json(ZHandlerView, 'Tip'), ...errors },
});

const act = createRoute({
  method: 'post',
  path: '/tips/{tipId}/actions',
  tags,
  summary: 'A workflow step with its note (the first handler to act owns the case, 首问负责)',
  ...signedIn(tipPolicy.act),
  request: { params: ZTipIdParam, ...body(ZTipActionSchema) },
  responses: { 200: json(z.object({ status: z.string() }), 'Done'), ...errors },
});

const officers = createRoute({
  method: 'get',
  path: '/tips/{tipId}/officers',
  tags,
  summary: 'Case handlers the tip can be handed over to',
  ...signedIn(tipPolicy.view),
  request: { params: ZTipIdParam },
  responses: {
    200: json(
      z.object({ officers: z.array(z.object({ userId: z.uuid(), displayName: z.string() })) }),
      'Officers',
    ),
    ...errors,
  },
});

const handOver = createRoute({
  method: 'post',
  path: '/tips/{tipId}/handover',
  tags,
  summary: 'Hand the case over to another case handler (recorded)',
  ...signedIn(tipPolicy.handOver),
  request: { params: ZTipIdParam, ...body(ZHandOverTipSchema) },
  responses: { 204: { description: 'Handed over' }, ...errors },
});

const link = createRoute({
  method: 'post',
  path: '/tips/{tipId}/link',
  tags,
  summary: 'Link to an earlier tip about the same matter (one reward per matter)',
  ...signedIn(tipPolicy.write),
  request: { params: ZTipIdParam, ...body(ZLinkTipSchema) },
  responses: { 200: json(z.object({ matterNumber: z.number() }), 'Linked'), ...errors },
});

const message = createRoute({
  method: 'post',
  path: '/tips/{tipId}/messages',
  tags,
  summary: 'Write to the reporter, or add an internal note (internal=true) the reporter never sees',
  ...signedIn(tipPolicy.write),
  request: { params: ZTipIdParam, ...body(ZHandlerMessageSchema) },
  responses: { 201: json(z.object({ id: z.number() }), 'Written'), ...errors },
});

const attachment = createRoute({
  method: 'get',
  path: '/tips/{tipId}/attachments/{attachmentId}',
  tags,
  summary: "An attachment's bytes (audited)",
  ...signedIn(tipPolicy.view),
  request: { params: ZTipAttachmentParam },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
    ...errors,
  },
});

const propose = createRoute({
  method: 'post',
  path: '/tips/{tipId}/reward',
  tags,
  summary: 'Propose a reward within the tier for a substantiated tip (first on its matter only)',
  ...signedIn(tipPolicy.proposeReward),
  request: { params: ZTipIdParam, ...body(ZProposeRewardSchema) },
  responses: { 201: json(ZRewardItem, 'Proposed'), ...errors },
});

export const tipRoutes = new OpenAPIHono<AppEnv>()
  .openapi(submit, async (c) => {
    const { tip, notify } = c.req.valid('json');
    const actor = c.get('actor');
    const result = await submitTip({
      deps: c.get('services').deps,
      channel: 'mini_app',
      input: tip,
      ...(notify ? { notify: { chatId: actor.telegramId, language: c.get('language') } } : {}),
    });
    return c.json(result, 201);
  })
  .openapi(optIn, async (c) => {
    const input = c.req.valid('json');
    const result = await setNotificationOptIn({
      deps: c.get('services').deps,
      receipt: input.receipt,
      chatId: c.get('actor').telegramId,
      language: c.get('language'),
      enabled: input.enabled,
    });
    return c.json(result, 200);
  })
  .openapi(optInState, async (c) => {
    const result = await getNotificationOptIn({
      deps: c.get('services').deps,
      receipt: c.req.valid('json').receipt,
      chatId: c.get('actor').telegramId,
    });
    return c.json(result, 200);
  })
  .openapi(queue, async (c) => c.json(await listTipQueue({ ...caller(c), query: c.req.valid('query') }), 200))
  .openapi(charts, async (c) =>
    c.json(await getTipCharts({ ...caller(c), query: c.req.valid('query') }), 200),
  )
  .openapi(open, async (c) => c.json(await openTip({ ...caller(c), tipId: c.req.valid('param').tipId }), 200))
  .openapi(act, async (c) => {
    const result = await actOnTip({
      ...caller(c),
      tipId: c.req.valid('param').tipId,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  })
  .openapi(officers, async (c) => {
    const list = await listTipHandoverCandidates({ ...caller(c), tipId: c.req.valid('param').tipId });
    return c.json({ officers: list }, 200);
  })
  .openapi(handOver, async (c) => {
    await handOverTip({ ...caller(c), tipId: c.req.valid('param').tipId, input: c.req.valid('json') });
    return c.body(null, 204);
  })
  .openapi(link, async (c) => {
    const result = await linkTip({
      ...caller(c),
      tipId: c.req.valid('param').tipId,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  })
  .openapi(message, async (c) => {
    const result = await addHandlerMessage({
      ...caller(c),
      tipId: c.req.valid('param').tipId,
      input: c.req.valid('json'),
    });
    return c.json(result, 201);
  })
  .openapi(attachment, async (c) => {
    const { tipId, attachmentId } = c.req.valid('param');
    const file = await readTipAttachment({ ...caller(c), tipId, attachmentId });
    return c.body(
      file.bytes as Uint8Array<ArrayBuffer>,
      200,
      fileResponseHeaders({ contentType: file.contentType, cacheControl: 'private, no-store' }),
    );
  })
  .openapi(propose, async (c) => {
    const result = await proposeReward({
      ...caller(c),
      tipId: c.req.valid('param').tipId,
      input: c.req.valid('json'),
    });
    return c.json(result, 201);
  });
