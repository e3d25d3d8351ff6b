// The "eight ones" service file (八个一) over HTTP: the person's side (/api/service-file…), the
// reviewers' side (/api/review/service-file…) and the public receipt check. Thin: parse with the
// schemas of core/service-file/service-file-schema.ts, call one use case, answer. docs/service-file.md.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listSigningKeys } from '../../../core/certificates/list-signing-keys';
import { AppError } from '../../../core/errors';
import { ZHandOverSchema } from '../../../core/review/hand-over-review';
import { acknowledgeAgreement } from '../../../core/service-file/acknowledge-agreement';
import { confirmContact } from '../../../core/service-file/confirm-contact';
import { getAgreement } from '../../../core/service-file/get-agreement';
import { completenessCsv, getCompleteness } from '../../../core/service-file/get-completeness';
import { getOwnServiceFile } from '../../../core/service-file/get-own-service-file';
import { giveHealthConsent, withdrawHealthConsent } from '../../../core/service-file/health-consent';
import {
  answerLivelihood,
  listLivelihoodQueue,
  requestLivelihood,
} from '../../../core/service-file/livelihood';
import { moveBack } from '../../../core/service-file/move-back';
import {
  getPersonFile,
  getReviewItem,
  listServiceHandoverOfficers,
  listServiceQueue,
  readServiceFileReport,
} from '../../../core/service-file/officer-reads';
import { openServiceFile } from '../../../core/service-file/open-service-file';
import { publishAgreement } from '../../../core/service-file/publish-agreement';
import { refreshCompletenessNow } from '../../../core/service-file/refresh-completeness-now';
import {
  claimServiceItem,
  handOverServiceItem,
  recordServiceItem,
  returnServiceItem,
  verifyServiceItem,
} from '../../../core/service-file/review-service-item';
import { searchServiceFiles } from '../../../core/service-file/search-service-files';
import { serviceFilePolicy } from '../../../core/service-file/service-file-policy';
import {
  ZAcknowledgeAgreementSchema,
  ZAnswerLivelihoodSchema,
  ZCheckupFormSchema,
  ZCompletenessQuerySchema,
  ZConfirmContactSchema,
  ZHealthConsentSchema,
  ZLivelihoodRequestSchema,
  ZPersonSearchSchema,
  ZProofFormSchema,
  ZPublishAgreementSchema,
  ZReturnServiceItemSchema,
  ZReviewedKind,
  ZServiceQueueQuerySchema,
} from '../../../core/service-file/service-file-schema';
import { RECEIPT_MAX_CHARS, verifyServiceReceipt } from '../../../core/service-file/service-receipt';
import { submitItemUpload } from '../../../core/service-file/submit-item-upload';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { costlySignedIn, signedIn } from '../../middleware/roles';
import { uploadLimit } from '../../middleware/upload-limit';
import { caller } from '../caller';
import { fileResponseHeaders } from '../file-response';
import { jsonBody as body, errorResponses, actionErrors as errors, jsonResponse as json } from '../schemas';

const tags = ['service-file'];
const reviewTags = ['review'];
const auth = { security: [{ tma: [] }], middleware: [requireUser] };
/** Views are documented in docs/service-file.md; their shapes come from the use cases. */
const ZView = z.record(z.string(), z.unknown());
const ZItemIdParam = z.object({ itemId: z.uuid() });
const ZSubmissionIdParam = z.object({ submissionId: z.uuid() });
const ok = (description: string) => ({ 200: json(ZView, description), ...errors });

const getOwn = createRoute({
  method: 'get',
  path: '/service-file',
  tags,
  summary: 'My service file: eight items, consent, agreement, livelihood requests',
  ...auth,
  responses: ok('My file'),
});
const depart = createRoute({
  method: 'post',
  path: '/service-file/departure',
  tags,
  summary: 'Register as leaving for work: opens my file (or starts a new departure)',
  ...auth,
  responses: ok('My file'),
});
const movedBack = createRoute({
  method: 'post',
  path: '/service-file/moved-back',
  tags,
  summary: 'I have moved back: nothing falls due any more',
  ...auth,
  responses: ok('My file'),
});
const upload = createRoute({
  method: 'post',
  path: '/service-file/items/{kind}/upload',
  tags,
  summary: 'Upload a check-up report (clinic, city, date) or a proof from the new place (JPEG, PNG or PDF)',
  security: [{ tma: [] }],
  middleware: [requireUser, uploadLimit],
  request: {
    params: z.object({ kind: ZReviewedKind }),
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            clinic: z.string().max(500).optional(),
            city: z.string().max(500).optional(),
            examDate: z.string().max(20).optional(),
            label: z.string().max(200).optional(),
            file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(ZView, 'Submitted'),
    ...errors,
    413: { ...errorResponses[400], description: 'Larger than MAX_UPLOAD_MB' },
    415: { ...errorResponses[400], description: 'Not a JPEG, PNG or PDF' },
  },
});
const acknowledge = createRoute({
  method: 'post',
  path: '/service-file/agreement/acknowledge',
  tags,
  summary: 'I have read the service agreement (this version)',
  ...auth,
  request: body(ZAcknowledgeAgreementSchema),
  responses: ok('Item'),
});
const contact = createRoute({
  method: 'post',
  path: '/service-file/contact',
  tags,
  summary: 'Confirm my contact details (Telegram, optional phone)',
  ...auth,
  request: body(ZConfirmContactSchema),
  responses: ok('Item'),
});
const giveConsent = createRoute({
  method: 'post',
  path: '/service-file/health-consent',
  tags,
  summary: 'Give the health-data consent (before the first check-up upload)',
  ...auth,
  request: body(ZHealthConsentSchema),
  responses: ok('Consent'),
});
const withdrawConsent = createRoute({
  method: 'delete',
  path: '/service-file/health-consent',
  tags,
  summary: 'Withdraw the health-data consent: my check-up data is erased',
  ...auth,
  responses: ok('Erased'),
});
const livelihood = createRoute({
  method: 'post',
  path: '/service-file/livelihood',
  tags,
  summary: 'Ask for job, training or legal-aid information',
  ...auth,
  request: body(ZLivelihoodRequestSchema),
  responses: { 201: json(ZView, 'Requested'), ...errors },
});
const ownFile = createRoute({
  method: 'get',
  path: '/service-file/submissions/{submissionId}/file',
  tags,
  summary: 'The report or proof I uploaded',
  ...auth,
  request: { params: ZSubmissionIdParam },
  responses: { 200: { description: 'The file' }, ...errors },
});
const verifyReceipt = createRoute({
  method: 'post',
  path: '/service-file/receipts/verify',
  tags: ['public'],
  summary: 'Check a service-file receipt (回执): signed by the office?',
  request: body(z.object({ receipt: z.string().min(1).max(RECEIPT_MAX_CHARS) })),
  responses: { 200: json(ZView, 'Verdict'), 400: errorResponses[400] },
});

const queue = createRoute({
  method: 'get',
  path: '/review/service-file/queue',
  tags: reviewTags,
  summary: 'Submitted service-file items of my villages, nearest deadline first',
  ...signedIn(serviceFilePolicy.view),
  request: { query: ZServiceQueueQuerySchema },
  responses: ok('Queue'),
});
const reviewItem = createRoute({
  method: 'get',
  path: '/review/service-file/items/{itemId}',
  tags: reviewTags,
  summary: 'One item with its submissions and history (health reads audited)',
  ...signedIn(serviceFilePolicy.view),
  request: { params: ZItemIdParam },
  responses: ok('Item'),
});
const itemAction = (
  path: string,
  summary: string,
  rule: (typeof serviceFilePolicy)[keyof typeof serviceFilePolicy],
) =>
  createRoute({
    method: 'post',
    path: `/review/service-file/items/{itemId}/${path}`,
    tags: reviewTags,
    summary,
    ...signedIn(rule),
    request: { params: ZItemIdParam },
    responses: ok('Done'),
  });
const claim = itemAction('claim', 'Take up a submitted item (首问负责)', serviceFilePolicy.claim);
const verify = itemAction(
  'verify',
  'Verify: the item is met, a signed receipt is issued',
  serviceFilePolicy.decide,
);
const record = itemAction(
  'record',
  'Record the pre-departure training as attended',
  serviceFilePolicy.record,
);
const officers = createRoute({
  method: 'get',
  path: '/review/service-file/items/{itemId}/officers',
  tags: reviewTags,
  summary: 'Reviewers of the village who can take this item over',
  ...signedIn(serviceFilePolicy.view),
  request: { params: ZItemIdParam },
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
  path: '/review/service-file/items/{itemId}/handover',
  tags: reviewTags,
  summary: 'Pass the item to another reviewer of its village',
  ...signedIn(serviceFilePolicy.handOver),
  request: { params: ZItemIdParam, ...body(ZHandOverSchema) },
  responses: ok('Handed over'),
});
const ret = createRoute({
  method: 'post',
  path: '/review/service-file/items/{itemId}/return',
  tags: reviewTags,
  summary: 'Return with every reason at once (一次性告知)',
  ...signedIn(serviceFilePolicy.decide),
  request: { params: ZItemIdParam, ...body(ZReturnServiceItemSchema) },
  responses: ok('Returned'),
});
const reviewFile = createRoute({
  method: 'get',
  path: '/review/service-file/submissions/{submissionId}/file',
  tags: reviewTags,
  summary: 'The uploaded report or proof (audited)',
  ...signedIn(serviceFilePolicy.view),
  request: { params: ZSubmissionIdParam },
  responses: { 200: { description: 'The file' }, ...errors },
});
const person = createRoute({
  method: 'get',
  path: '/review/service-file/people/{userId}',
  tags: reviewTags,
  summary: "A person's whole file (audited)",
  ...signedIn(serviceFilePolicy.view),
  request: { params: z.object({ userId: z.uuid() }) },
  responses: ok('File'),
});
const searchPeople = createRoute({
  method: 'post',
  path: '/review/service-file/people/search',
  tags: reviewTags,
  summary:
    'Find service files of my villages by part of a name or the last 4–6 characters of an ID number or phone (term in the body, never in a URL; audited without the term)',
  ...signedIn(serviceFilePolicy.view),
  request: body(ZPersonSearchSchema),
  responses: {
    200: json(
      z.object({
        kind: z.enum(['name', 'tail']),
        more: z.boolean().describe('More files match than are listed: refine the search'),
        people: z.array(
          z.object({
            userId: z.uuid(),
            displayName: z.string(),
            villageId: z.number().nullable(),
            villageName: z.string().nullable(),
            status: z.enum(['active', 'moved_back']),
            met: z.number().describe('Items met today'),
            items: z.number().describe('Items of the file (eight)'),
            overdue: z.number().describe('Items overdue today'),
          }),
        ),
      }),
      'At most 20 people',
    ),
    ...errors,
  },
});
const completeness = createRoute({
  method: 'get',
  path: '/review/service-file/completeness',
  tags: reviewTags,
  summary: 'Per village: completeness of each item and of whole files, overdue counts',
  ...signedIn(serviceFilePolicy.view),
  request: { query: ZCompletenessQuerySchema },
  responses: ok('Figures'),
});
const completenessRefresh = createRoute({
  method: 'post',
  path: '/review/service-file/completeness/refresh',
  tags: reviewTags,
  summary:
    'Refresh now: recompute the figures if they are a minute old or more (else answer them as they are), then answer them as GET does',
  ...costlySignedIn(serviceFilePolicy.view, 'completeness-refresh'),
  request: { query: ZCompletenessQuerySchema },
  responses: ok('Figures, with refreshed: whether this call recomputed them'),
});
const completenessExport = createRoute({
  method: 'get',
  path: '/review/service-file/completeness.csv',
  tags: reviewTags,
  summary: 'The completeness figures as CSV',
  ...signedIn(serviceFilePolicy.view),
  request: { query: ZCompletenessQuerySchema },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
});
const livelihoodQueue = createRoute({
  method: 'get',
  path: '/review/service-file/livelihood',
  tags: reviewTags,
  summary: 'Open livelihood requests of my villages, oldest first',
  ...signedIn(serviceFilePolicy.view),
  request: { query: ZCompletenessQuerySchema },
  responses: ok('Requests'),
});
const answer = createRoute({
  method: 'post',
  path: '/review/service-file/livelihood/{requestId}/answer',
  tags: reviewTags,
  summary: 'Answer a livelihood request (meets the item)',
  ...signedIn(serviceFilePolicy.answer),
  request: { params: z.object({ requestId: z.uuid() }), ...body(ZAnswerLivelihoodSchema) },
  responses: ok('Answered'),
});
const agreement = createRoute({
  method: 'get',
  path: '/review/service-file/agreement',
  tags: reviewTags,
  summary: 'The current service agreement in every language (to publish the next version)',
  ...signedIn(serviceFilePolicy.publishAgreement),
  responses: ok('Agreement'),
});
const publish = createRoute({
  method: 'put',
  path: '/review/service-file/agreement',
  tags: reviewTags,
  summary: 'Publish a new version of the service agreement (makes it due again)',
  ...signedIn(serviceFilePolicy.publishAgreement),
  request: body(ZPublishAgreementSchema),
  responses: ok('Published'),
});

const download = (c: Parameters<typeof caller>[0], f: { bytes: Uint8Array; contentType: string }) =>
  c.body(
    f.bytes as Uint8Array<ArrayBuffer>,
    200,
    fileResponseHeaders({ contentType: f.contentType, cacheControl: 'private, no-store' }),
  );

export const serviceFileRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getOwn, async (c) => c.json(await getOwnServiceFile(caller(c)), 200))
  .openapi(depart, async (c) => c.json(await openServiceFile(caller(c)), 200))
  .openapi(movedBack, async (c) => c.json(await moveBack(caller(c)), 200))
  .openapi(upload, async (c) => {
    const { kind } = c.req.valid('param');
    const { file, ...fields } = c.req.valid('form');
    const parsed =
      kind === 'health_checkup'
        ? ZCheckupFormSchema.safeParse({
            clinic: fields.clinic,
            city: fields.city,
            examDate: fields.examDate,
          })
        : ZProofFormSchema.safeParse(fields.label ? { label: fields.label } : {});
    if (!parsed.success)
      throw new AppError('validation_failed', {
        fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    const result = await submitItemUpload({
      ...caller(c),
      kind,
      form: parsed.data,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
    });
    return c.json(result, 201);
  })
  .openapi(acknowledge, async (c) =>
    c.json(await acknowledgeAgreement({ ...caller(c), input: c.req.valid('json') }), 200),
  )
  .openapi(contact, async (c) =>
    c.json(await confirmContact({ ...caller(c), input: c.req.valid('json') }), 200),
  )
  .openapi(giveConsent, async (c) =>
    c.json(await giveHealthConsent({ ...caller(c), input: c.req.valid('json') }), 200),
  )
  .openapi(withdrawConsent, async (c) => c.json(await withdrawHealthConsent(caller(c)), 200))
  .openapi(livelihood, async (c) =>
    c.json(await requestLivelihood({ ...caller(c), input: c.req.valid('json') }), 201),
  )
  .openapi(ownFile, async (c) =>
    download(
      c,
      await readServiceFileReport({ ...caller(c), submissionId: c.req.valid('param').submissionId }),
    ),
  )
  .openapi(verifyReceipt, async (c) => {
    const keys = await listSigningKeys({ deps: c.get('services').deps });
    return c.json(await verifyServiceReceipt(c.req.valid('json').receipt, keys), 200);
  })
  .openapi(queue, async (c) =>
    c.json(await listServiceQueue({ ...caller(c), query: c.req.valid('query') }), 200),
  )
  .openapi(reviewItem, async (c) =>
    c.json(await getReviewItem({ ...caller(c), itemId: c.req.valid('param').itemId }), 200),
  )
  .openapi(claim, async (c) =>
    c.json(await claimServiceItem({ ...caller(c), itemId: c.req.valid('param').itemId }), 200),
  )
  .openapi(verify, async (c) =>
    c.json(await verifyServiceItem({ ...caller(c), itemId: c.req.valid('param').itemId }), 200),
  )
  .openapi(record, async (c) =>
    c.json(await recordServiceItem({ ...caller(c), itemId: c.req.valid('param').itemId }), 200),
  )
  .openapi(officers, async (c) => {
    const list = await listServiceHandoverOfficers({ ...caller(c), itemId: c.req.valid('param').itemId });
    return c.json({ officers: list }, 200);
  })
  .openapi(handOver, async (c) =>
    c.json(
      await handOverServiceItem({
        ...caller(c),
        itemId: c.req.valid('param').itemId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(ret, async (c) =>
    c.json(
      await returnServiceItem({
        ...caller(c),
        itemId: c.req.valid('param').itemId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(reviewFile, async (c) =>
    download(
      c,
      await readServiceFileReport({ ...caller(c), submissionId: c.req.valid('param').submissionId }),
    ),
  )
  .openapi(searchPeople, async (c) =>
    c.json(await searchServiceFiles({ ...caller(c), input: c.req.valid('json') }), 200),
  )
  .openapi(person, async (c) =>
    c.json(await getPersonFile({ ...caller(c), userId: c.req.valid('param').userId }), 200),
  )
  .openapi(completeness, async (c) =>
    c.json(await getCompleteness({ ...caller(c), query: c.req.valid('query') }), 200),
  )
  .openapi(completenessRefresh, async (c) =>
    c.json(await refreshCompletenessNow({ ...caller(c), query: c.req.valid('query') }), 200),
  )
  .openapi(completenessExport, async (c) => {
    const csv = await completenessCsv({ ...caller(c), query: c.req.valid('query') });
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="service-file-completeness.csv"',
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(livelihoodQueue, async (c) =>
    c.json(await listLivelihoodQueue({ ...caller(c), villageId: c.req.valid('query').villageId }), 200),
  )
  .openapi(answer, async (c) =>
    c.json(
      await answerLivelihood({
        ...caller(c),
        requestId: c.req.valid('param').requestId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(agreement, async (c) => c.json(await getAgreement(caller(c)), 200))
  .openapi(publish, async (c) =>
    c.json(await publishAgreement({ ...caller(c), input: c.req.valid('json') }), 200),
  );
