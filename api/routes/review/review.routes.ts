// The reviewing officer's side of certificates: the queue, the review screen, taking one up (领取办理),
// handover, the three outcomes, revocation and the dashboard. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { applicationPolicy } from '../../../core/certificates/application-policy';
import { certificatePolicy } from '../../../core/certificates/certificate-policy';
import { claimApplication } from '../../../core/certificates/claim-application';
import { exportApplications } from '../../../core/certificates/export-applications';
import { exportCertificates } from '../../../core/certificates/export-certificates';
import { getReviewDashboard } from '../../../core/certificates/get-review-dashboard';
import { handOverApplication, ZHandOverSchema } from '../../../core/certificates/hand-over-application';
import { issueCertificate } from '../../../core/certificates/issue-certificate';
import { listHandoverCandidates } from '../../../core/certificates/list-handover-candidates';
import { listReviewQueue, ZReviewQueueQuerySchema } from '../../../core/certificates/list-review-queue';
import { openApplicationForReview } from '../../../core/certificates/open-application-for-review';
import { rejectApplication, ZRejectApplicationSchema } from '../../../core/certificates/reject-application';
import { returnApplication, ZReturnApplicationSchema } from '../../../core/certificates/return-application';
import {
  ZApplicationExportSchema,
  ZCertificateExportSchema,
  ZReviewSearchSchema,
} from '../../../core/certificates/review-search-schema';
import { revokeCertificate, ZRevokeCertificateSchema } from '../../../core/certificates/revoke-certificate';
import { searchReviewQueue } from '../../../core/certificates/search-review-queue';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';
import { costlySignedIn, signedIn } from '../../middleware/roles';
import { caller } from '../caller';
import {
  ZApplicationIdParam,
  ZDashboard,
  ZQueueItem,
  ZReviewView,
  ZSerialParam,
} from '../certificates/certificates.schemas';
import {
  jsonBody as body,
  csvHeaders,
  csvResponse,
  actionErrors as errors,
  jsonResponse as json,
} from '../schemas';

const tags = ['review'];

const queue = createRoute({
  method: 'get',
  path: '/review/applications',
  tags,
  summary: 'Applications of my villages, nearest deadline first, overdue marked',
  ...signedIn(applicationPolicy.view),
  request: { query: ZReviewQueueQuerySchema },
  responses: {
    200: json(
      z.object({
        total: z.number().describe('Exact unless totalCapped; then there are more than this many'),
        totalCapped: z.boolean(),
        items: z.array(ZQueueItem),
      }),
      'Queue',
    ),
    ...errors,
  },
});

const search = createRoute({
  method: 'post',
  path: '/review/applications/search',
  tags,
  summary:
    "Search my villages' applications by serial, the last 4–6 characters of the ID number, or name (term in the body, never in a URL; audited without the term)",
  ...signedIn(applicationPolicy.view),
  request: body(ZReviewSearchSchema),
  responses: {
    200: json(
      z.object({
        kind: z.enum(['serial', 'id_tail', 'name']),
        total: z.number(),
        totalCapped: z.boolean(),
        items: z.array(ZQueueItem),
      }),
      'Found',
    ),
    ...errors,
  },
});

const exportApps = createRoute({
  method: 'post',
  path: '/review/applications/export',
  tags,
  summary:
    'The queue with the filters (and search) on screen as CSV, my villages only, ID numbers masked; audited',
  ...costlySignedIn(applicationPolicy.view, 'export'),
  request: body(ZApplicationExportSchema),
  responses: { 200: csvResponse, ...errors },
});

const exportCerts = createRoute({
  method: 'post',
  path: '/review/certificates/export',
  tags,
  summary: 'Issued certificates of my villages (by village, standing, issue days) as CSV; audited',
  ...costlySignedIn(certificatePolicy.export, 'export'),
  request: body(ZCertificateExportSchema),
  responses: { 200: csvResponse, ...errors },
});

const open = createRoute({
  method: 'get',
  path: '/review/applications/{applicationId}',
  tags,
  summary: 'Open an application (changes nothing; says who owns it and what I may do); audited',
  ...signedIn(applicationPolicy.view),
  request: { params: ZApplicationIdParam },
  responses: { 200: json(ZReviewView, 'Application'), ...errors },
});

const claim = createRoute({
  method: 'post',
  path: '/review/applications/{applicationId}/claim',
  tags,
  summary: 'Take up a submitted, unowned application: I own it from now on (首问负责, recorded)',
  ...signedIn(applicationPolicy.claim),
  request: { params: ZApplicationIdParam },
  responses: { 200: json(z.object({ status: z.string() }), 'Taken up'), ...errors },
});

const candidates = createRoute({
  method: 'get',
  path: '/review/applications/{applicationId}/officers',
  tags,
  summary: 'Reviewers who can take this application over',
  ...signedIn(applicationPolicy.view),
  request: { params: ZApplicationIdParam },
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
  path: '/review/applications/{applicationId}/handover',
  tags,
  summary: 'Hand the application over to another reviewer of its village (recorded)',
  ...signedIn(applicationPolicy.handOver),
  request: { params: ZApplicationIdParam, ...body(ZHandOverSchema) },
  responses: { 204: { description: 'Handed over' }, ...errors },
});

const ret = createRoute({
  method: 'post',
  path: '/review/applications/{applicationId}/return',
  tags,
  summary: 'Return for more information, listing every missing or wrong item at once',
  ...signedIn(applicationPolicy.decide),
  request: { params: ZApplicationIdParam, ...body(ZReturnApplicationSchema) },
  responses: { 200: json(z.object({ status: z.string() }), 'Returned'), ...errors },
});

const reject = createRoute({
  method: 'post',
  path: '/review/applications/{applicationId}/reject',
  tags,
  summary: 'Reject with a reason',
  ...signedIn(applicationPolicy.decide),
  request: { params: ZApplicationIdParam, ...body(ZRejectApplicationSchema) },
  responses: { 200: json(z.object({ status: z.string() }), 'Rejected'), ...errors },
});

const issue = createRoute({
  method: 'post',
  path: '/review/applications/{applicationId}/issue',
  tags,
  summary: 'Issue the signed certificate',
  ...signedIn(applicationPolicy.decide),
  request: { params: ZApplicationIdParam },
  responses: {
    200: json(
      z.object({ id: z.uuid(), serial: z.string(), validUntil: z.string(), payload: z.string() }),
      'Issued',
    ),
    ...errors,
  },
});

const revoke = createRoute({
  method: 'post',
  path: '/review/certificates/{serial}/revoke',
  tags,
  summary: 'Revoke an issued certificate with a reason',
  ...signedIn(certificatePolicy.revoke),
  request: { params: ZSerialParam, ...body(ZRevokeCertificateSchema) },
  responses: {
    200: json(
      z.object({ serial: z.string(), status: z.string(), revokedAt: z.string().nullable() }),
      'Revoked',
    ),
    ...errors,
  },
});

const dashboard = createRoute({
  method: 'get',
  path: '/review/dashboard',
  tags,
  summary: 'By status, overdue per officer and village, median time to decision, weekly flow',
  ...signedIn(applicationPolicy.view),
  responses: { 200: json(ZDashboard, 'Dashboard'), ...errors },
});

export const reviewRoutes = new OpenAPIHono<AppEnv>()
  .openapi(queue, async (c) => {
    const result = await listReviewQueue({
      ...caller(c),
      query: c.req.valid('query'),
    });
    return c.json(result, 200);
  })
  .openapi(search, async (c) =>
    c.json(await searchReviewQueue({ ...caller(c), input: c.req.valid('json') }), 200),
  )
  .openapi(exportApps, async (c) => {
    const { body: csv, fileName } = await exportApplications({
      ...caller(c),
      input: c.req.valid('json'),
      language: requestLanguage(c),
    });
    return c.body(csv, 200, csvHeaders(fileName));
  })
  .openapi(exportCerts, async (c) => {
    const { body: csv, fileName } = await exportCertificates({
      ...caller(c),
      input: c.req.valid('json'),
      language: requestLanguage(c),
    });
    return c.body(csv, 200, csvHeaders(fileName));
  })
  .openapi(dashboard, async (c) => c.json(await getReviewDashboard(caller(c)), 200))
  .openapi(open, async (c) => {
    const view = await openApplicationForReview({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json(view, 200);
  })
  .openapi(claim, async (c) => {
    const result = await claimApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json(result, 200);
  })
  .openapi(candidates, async (c) => {
    const officers = await listHandoverCandidates({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json({ officers }, 200);
  })
  .openapi(handOver, async (c) => {
    await handOverApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
      input: c.req.valid('json'),
    });
    return c.body(null, 204);
  })
  .openapi(ret, async (c) => {
    const result = await returnApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  })
  .openapi(reject, async (c) => {
    const result = await rejectApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  })
  .openapi(issue, async (c) => {
    const result = await issueCertificate({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json(result, 200);
  })
  .openapi(revoke, async (c) => {
    const result = await revokeCertificate({
      ...caller(c),
      serial: c.req.valid('param').serial,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  });
