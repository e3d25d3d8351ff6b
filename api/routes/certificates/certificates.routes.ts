// The applicant's side of certificates (apply, save, upload, submit, follow) and the public side
// (signing keys, verification as JSON). Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { addDocument } from '../../../core/certificates/add-document';
import { checkCertificatePayload } from '../../../core/certificates/check-certificate-payload';
import { getCertificatePdf } from '../../../core/certificates/get-certificate-pdf';
import { getOwnApplication } from '../../../core/certificates/get-own-application';
import { getStatusList } from '../../../core/certificates/get-status-list';
import { listOwnApplications } from '../../../core/certificates/list-own-applications';
import { listSigningKeys } from '../../../core/certificates/list-signing-keys';
import { readApplicationDocument } from '../../../core/certificates/read-application-document';
import { removeDocument } from '../../../core/certificates/remove-document';
import { saveDraft, ZSaveDraftSchema } from '../../../core/certificates/save-draft';
import { startApplication } from '../../../core/certificates/start-application';
import { submitApplication } from '../../../core/certificates/submit-application';
import { verifyCertificate } from '../../../core/certificates/verify-certificate';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { byUser, rateLimit } from '../../middleware/rate-limit';
import { uploadLimit } from '../../middleware/upload-limit';
import { caller } from '../caller';
import { fileResponseHeaders } from '../file-response';
import { errorResponses, jsonResponse as json } from '../schemas';
import { loadCertificateFont } from './certificate-font';
import {
  ZApplicationIdParam,
  ZApplicationListItem,
  ZCheckCodeQuery,
  ZDocumentKind,
  ZOwnApplicationView,
  ZSerialParam,
  ZSigningKeys,
  ZVerification,
} from './certificates.schemas';

const auth = { security: [{ tma: [] }], middleware: [requireUser] };
const tags = ['certificates'];

const listMine = createRoute({
  method: 'get',
  path: '/certificates/applications',
  tags,
  summary: 'My certificate applications, newest first',
  ...auth,
  responses: {
    200: json(z.object({ applications: z.array(ZApplicationListItem) }), 'Applications'),
    401: errorResponses[401],
  },
});

const start = createRoute({
  method: 'post',
  path: '/certificates/applications',
  tags,
  summary: 'Start an application, or get the one already in progress',
  ...auth,
  responses: {
    200: json(z.object({ id: z.uuid(), created: z.boolean() }), 'The application in progress'),
    401: errorResponses[401],
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/certificates/applications/{applicationId}',
  tags,
  summary: 'My application: form, documents, checklist, history and certificate',
  ...auth,
  request: { params: ZApplicationIdParam },
  responses: {
    200: json(ZOwnApplicationView, 'Application'),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const save = createRoute({
  method: 'put',
  path: '/certificates/applications/{applicationId}/draft',
  tags,
  summary: 'Save the form as it is (complete or not) to resume later, on any device',
  ...auth,
  request: {
    params: ZApplicationIdParam,
    body: { content: { 'application/json': { schema: ZSaveDraftSchema } }, required: true },
  },
  responses: {
    200: json(z.object({ version: z.number(), updatedAt: z.string() }), 'Saved'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: { ...errorResponses[400], description: 'Locked for review, or changed on another device' },
  },
});

const upload = createRoute({
  method: 'post',
  path: '/certificates/applications/{applicationId}/documents',
  tags,
  summary: 'Upload a document (JPEG, PNG or PDF; checked by its bytes, photo metadata removed)',
  security: [{ tma: [] }],
  middleware: [requireUser, uploadLimit],
  request: {
    params: ZApplicationIdParam,
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            kind: ZDocumentKind,
            /** Required for kind 'other': what the document is ("居住证"), at most 40 characters. */
            label: z.string().max(200).optional(),
            file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ id: z.uuid(), kind: ZDocumentKind }), 'Attached'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: { ...errorResponses[400], description: 'Locked for review' },
    413: { ...errorResponses[400], description: 'Larger than MAX_UPLOAD_MB' },
    415: { ...errorResponses[400], description: 'Not a JPEG, PNG or PDF' },
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/certificates/applications/{applicationId}/documents/{documentId}',
  tags,
  summary: 'Remove a document while the application is editable',
  ...auth,
  request: { params: ZApplicationIdParam.extend({ documentId: z.uuid() }) },
  responses: { 204: { description: 'Removed' }, 401: errorResponses[401], 404: errorResponses[404] },
});

const download = createRoute({
  method: 'get',
  path: '/certificates/applications/{applicationId}/documents/{documentId}',
  tags,
  summary: 'A document of an application (the applicant, or officers in scope — audited)',
  ...auth,
  request: { params: ZApplicationIdParam.extend({ documentId: z.uuid() }) },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const submit = createRoute({
  method: 'post',
  path: '/certificates/applications/{applicationId}/submit',
  tags,
  summary: 'Submit: every missing or wrong item is reported at once; the deadline starts',
  ...auth,
  request: { params: ZApplicationIdParam },
  responses: {
    200: json(z.object({ status: z.string(), deadlineAt: z.string(), version: z.number() }), 'Submitted'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const pdf = createRoute({
  method: 'get',
  path: '/certificates/{serial}/pdf',
  tags,
  summary: 'The issued certificate as PDF (holder, or officers in scope — audited)',
  ...auth,
  middleware: [requireUser, rateLimit('costly', byUser('certificate-pdf'))],
  request: { params: ZSerialParam },
  responses: {
    200: { description: 'PDF', content: { 'application/pdf': { schema: z.any() } } },
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const keys = createRoute({
  method: 'get',
  path: '/certificates/keys',
  tags: ['public'],
  summary: 'Public Ed25519 keys that verify certificate QR payloads offline',
  responses: { 200: json(ZSigningKeys, 'Keys') },
});

const verify = createRoute({
  method: 'get',
  path: '/certificates/{serial}/verify',
  tags: ['public'],
  summary:
    'Valid, expired or revoked — with masked data only; no login. Needs the check code printed beside the serial: a wrong code is answered like an unknown serial',
  request: { params: ZSerialParam, query: ZCheckCodeQuery },
  responses: { 200: json(ZVerification, 'Verification') },
});

const statusList = createRoute({
  method: 'get',
  path: '/certificates/status-list',
  tags: ['public'],
  summary:
    'Signed list of revoked certificates (HYZR1, docs/certificate-status-list.md); cache it for its time-to-live',
  responses: {
    200: { description: 'The signed list', content: { 'text/plain': { schema: z.string() } } },
  },
});

const checkPayload = createRoute({
  method: 'post',
  path: '/certificates/verify-payload',
  tags: ['public'],
  summary: 'Check a scanned QR payload: is it signed by the office, and what does the register say now',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ payload: z.string().min(1).max(2000) }) } },
      required: true,
    },
  },
  responses: {
    200: json(
      z.object({
        signature: z.enum(['valid', 'invalid', 'malformed', 'unknown_key']),
        register: ZVerification.optional(),
      }),
      'Result',
    ),
    400: errorResponses[400],
  },
});

export const certificateRoutes = new OpenAPIHono<AppEnv>()
  .openapi(checkPayload, async (c) => {
    const result = await checkCertificatePayload({
      deps: c.get('services').deps,
      payload: c.req.valid('json').payload,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  })
  .openapi(keys, async (c) => {
    const list = await listSigningKeys({ deps: c.get('services').deps });
    return c.json({ keys: list, format: 'docs/certificate-qr-format.md (HYZM1)' }, 200);
  })
  .openapi(statusList, async (c) => {
    const list = await getStatusList({ deps: c.get('services').deps });
    return c.text(list.text, 200, { 'Cache-Control': `public, max-age=${list.maxAgeSeconds}` });
  })
  .openapi(verify, async (c) => {
    const result = await verifyCertificate({
      deps: c.get('services').deps,
      serial: c.req.valid('param').serial,
      code: c.req.valid('query').c,
      channel: 'api',
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  })
  .openapi(listMine, async (c) => {
    const applications = await listOwnApplications(caller(c));
    return c.json({ applications }, 200);
  })
  .openapi(start, async (c) => c.json(await startApplication(caller(c)), 200))
  .openapi(getOne, async (c) => {
    const view = await getOwnApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json(view, 200);
  })
  .openapi(save, async (c) => {
    const saved = await saveDraft({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
      input: c.req.valid('json'),
    });
    return c.json(saved, 200);
  })
  .openapi(upload, async (c) => {
    const { kind, label, file } = c.req.valid('form');
    const doc = await addDocument({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
      kind,
      label,
      source: 'mini_app',
      file: { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name },
    });
    return c.json({ id: doc.id, kind: doc.kind }, 201);
  })
  .openapi(remove, async (c) => {
    const { applicationId, documentId } = c.req.valid('param');
    await removeDocument({ ...caller(c), applicationId, documentId });
    return c.body(null, 204);
  })
  .openapi(download, async (c) => {
    const { applicationId, documentId } = c.req.valid('param');
    const doc = await readApplicationDocument({
      ...caller(c),
      applicationId,
      documentId,
    });
    return c.body(
      doc.bytes as Uint8Array<ArrayBuffer>,
      200,
      fileResponseHeaders({ contentType: doc.contentType, cacheControl: 'private, no-store' }),
    );
  })
  .openapi(submit, async (c) => {
    const result = await submitApplication({
      ...caller(c),
      applicationId: c.req.valid('param').applicationId,
    });
    return c.json({ ...result, deadlineAt: result.deadlineAt.toISOString() }, 200);
  })
  .openapi(pdf, async (c) => {
    const services = c.get('services');
    const file = await getCertificatePdf({
      deps: services.deps,
      actor: c.get('actor'),
      serial: c.req.valid('param').serial,
      loadFont: () => loadCertificateFont(services),
    });
    return c.body(
      file.bytes as Uint8Array<ArrayBuffer>,
      200,
      fileResponseHeaders({
        contentType: 'application/pdf',
        fileName: file.fileName,
        cacheControl: 'private, no-store',
      }),
    );
  });
