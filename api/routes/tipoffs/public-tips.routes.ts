// The reporter's side of tip-offs without Telegram: the login-free /report page (and anyone) submits,
// looks up, writes, attaches and claims with the receipt. No sign-in, nothing about the caller kept;
// throttled in api/rate-limits.ts (submissions; wrong receipts, slower after each lockout).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { runtimeSettings } from '../../../core/settings/runtime-settings';
import { addReporterAttachment } from '../../../core/tipoffs/add-reporter-attachment';
import { addReporterMessage } from '../../../core/tipoffs/add-reporter-message';
import { claimReward } from '../../../core/tipoffs/claim-reward';
import { getRewardTiers } from '../../../core/tipoffs/get-reward-tiers';
import { lookupTipByReceipt } from '../../../core/tipoffs/lookup-tip-by-receipt';
import { submitTip } from '../../../core/tipoffs/submit-tip';
import {
  ZReceiptBodySchema,
  ZReceiptSchema,
  ZReporterMessageSchema,
  ZRewardClaimSchema,
  ZSubmitTipSchema,
  ZVerifyTipReceiptSchema,
} from '../../../core/tipoffs/tipoff-schema';
import { verifyTipReceipt } from '../../../core/tipoffs/verify-tip-receipt';
import type { AppEnv } from '../../context';
import { sizeLimit } from '../../middleware/upload-limit';
import { jsonBody as body, errorResponses, actionErrors as errors, jsonResponse as json } from '../schemas';
import { ZReceiptVerdict, ZReporterView, ZSubmitted, ZTier } from './tipoffs.schemas';

const tags = ['tip-offs (public)'];
const receiptErrors = {
  ...errors,
  422: {
    ...errorResponses[400],
    description: 'About a private person, or an ID or phone number (tip_screened)',
  },
  429: { ...errorResponses[400], description: 'Too many wrong receipts (rate_limited, Retry-After)' },
  503: { ...errorResponses[400], description: 'The throttle cannot be reached: try again' },
};

const categories = createRoute({
  method: 'get',
  path: '/public/tips/categories',
  tags,
  summary: 'What may be reported, with the published reward range of each category',
  responses: {
    200: json(
      z.object({
        categories: z.array(ZTier),
        secondApprovalYuan: z.number(),
        claimWorkingDays: z.number(),
        retentionDays: z.number(),
      }),
      'Categories and reward tiers',
    ),
  },
});

const submit = createRoute({
  method: 'post',
  path: '/public/tips',
  tags,
  summary: 'Send a tip-off (web): returns the receipt once, and the signed receipt',
  request: body(ZSubmitTipSchema),
  responses: { 201: json(ZSubmitted, 'Received'), ...receiptErrors },
});

const lookup = createRoute({
  method: 'post',
  path: '/public/tips/lookup',
  tags,
  summary: "A tip's status, messages and reward, with its receipt (in the body, never the URL)",
  request: body(ZReceiptBodySchema),
  responses: { 200: json(ZReporterView, 'The tip'), ...receiptErrors },
});

const message = createRoute({
  method: 'post',
  path: '/public/tips/messages',
  tags,
  summary: 'Write to the case handler, with the receipt',
  request: body(ZReporterMessageSchema),
  responses: { 201: json(z.object({ id: z.number() }), 'Sent'), ...receiptErrors },
});

const attach = createRoute({
  method: 'post',
  path: '/public/tips/attachments',
  tags,
  summary: 'Add a photo or PDF, with the receipt; image metadata removed unless keepMetadata=true',
  middleware: [sizeLimit],
  request: {
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            receipt: z.string().max(64),
            keepMetadata: z.enum(['true', 'false']).optional(),
            file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(
      z.object({ id: z.uuid(), contentType: z.string(), sizeBytes: z.number(), keptMetadata: z.boolean() }),
      'Attached',
    ),
    ...receiptErrors,
    413: { ...errorResponses[400], description: 'Larger than MAX_UPLOAD_MB' },
    415: { ...errorResponses[400], description: 'Not a JPEG, PNG or inert PDF' },
  },
});

const claim = createRoute({
  method: 'post',
  path: '/public/tips/reward/claim',
  tags,
  summary: 'Claim an approved reward with the receipt: in person, or by bank transfer',
  request: body(ZRewardClaimSchema),
  responses: {
    200: json(
      z.object({ status: z.enum(['approved', 'claimed']), method: z.enum(['in_person', 'bank_transfer']) }),
      'Claimed',
    ),
    ...receiptErrors,
  },
});

const verify = createRoute({
  method: 'post',
  path: '/public/tips/receipt/verify',
  tags,
  summary: 'Check a signed receipt (HYJB1): signed by the office, and in the register?',
  request: body(ZVerifyTipReceiptSchema),
  responses: { 200: json(ZReceiptVerdict, 'Verdict'), ...receiptErrors },
});

export const publicTipRoutes = new OpenAPIHono<AppEnv>()
  .openapi(categories, async (c) => {
    const { deps } = c.get('services');
    const { tiers } = await getRewardTiers({ deps });
    const s = (await runtimeSettings(deps)).tipoffs;
    return c.json(
      {
        categories: tiers,
        secondApprovalYuan: s.secondApprovalYuan,
        claimWorkingDays: s.claimWorkingDays,
        retentionDays: s.retentionDays,
      },
      200,
    );
  })
  .openapi(submit, async (c) => {
    const result = await submitTip({
      deps: c.get('services').deps,
      channel: 'web',
      input: c.req.valid('json'),
    });
    return c.json(result, 201);
  })
  .openapi(lookup, async (c) => {
    const view = await lookupTipByReceipt({
      deps: c.get('services').deps,
      receipt: c.req.valid('json').receipt,
    });
    return c.json(view, 200);
  })
  .openapi(message, async (c) => {
    const input = c.req.valid('json');
    const result = await addReporterMessage({
      deps: c.get('services').deps,
      receipt: input.receipt,
      text: input.text,
    });
    return c.json(result, 201);
  })
  .openapi(attach, async (c) => {
    const form = c.req.valid('form');
    const receipt = ZReceiptSchema.safeParse(form.receipt);
    const result = await addReporterAttachment({
      deps: c.get('services').deps,
      receipt: receipt.success ? receipt.data : '',
      bytes: new Uint8Array(await form.file.arrayBuffer()),
      keepMetadata: form.keepMetadata === 'true',
    });
    return c.json(result, 201);
  })
  .openapi(claim, async (c) => {
    const result = await claimReward({ deps: c.get('services').deps, input: c.req.valid('json') });
    return c.json(result, 200);
  })
  .openapi(verify, async (c) => {
    const verdict = await verifyTipReceipt({
      deps: c.get('services').deps,
      signedReceipt: c.req.valid('json').signedReceipt,
    });
    return c.json(verdict, 200);
  });
