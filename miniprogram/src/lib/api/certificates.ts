// Certificate calls: the applicant's (apply, save, upload, submit, follow) and the reviewing
// officer's (queue, review, outcomes, dashboard). Types follow the API's OpenAPI definitions.
import type { InferRequestType } from 'hono/client';
import { type Client, call, callBlob, callEmpty } from './client';

type Applications = Client['api']['certificates']['applications'];
type ReviewApplications = Client['api']['review']['applications'];

// --- applicant --------------------------------------------------------------------------------

export const listMyApplications = () => call((c) => c.api.certificates.applications.$get());
export const startApplication = () => call((c) => c.api.certificates.applications.$post());
export const getApplication = (applicationId: string) =>
  call((c) => c.api.certificates.applications[':applicationId'].$get({ param: { applicationId } }));

export type SaveDraftBody = InferRequestType<Applications[':applicationId']['draft']['$put']>['json'];
export const saveDraft = (applicationId: string, json: SaveDraftBody) =>
  call((c) =>
    c.api.certificates.applications[':applicationId'].draft.$put({ param: { applicationId }, json }),
  );

/** `label`: what an 'other' document is, in the applicant's words (required for that kind only). */
export const uploadDocument = (applicationId: string, kind: DocumentKind, file: File, label?: string) =>
  call((c) =>
    c.api.certificates.applications[':applicationId'].documents.$post({
      param: { applicationId },
      form: { kind, file, ...(label ? { label } : {}) },
    }),
  );

export const deleteDocument = (applicationId: string, documentId: string) =>
  callEmpty((c) =>
    c.api.certificates.applications[':applicationId'].documents[':documentId'].$delete({
      param: { applicationId, documentId },
    }),
  );

/** The bytes of an uploaded document (the applicant's own, or an officer's in scope — audited). */
export const fetchDocument = (applicationId: string, documentId: string) =>
  callBlob((c) =>
    c.api.certificates.applications[':applicationId'].documents[':documentId'].$get({
      param: { applicationId, documentId },
    }),
  );

export const submitApplication = (applicationId: string) =>
  call((c) => c.api.certificates.applications[':applicationId'].submit.$post({ param: { applicationId } }));

export const fetchCertificatePdf = (serial: string) =>
  callBlob((c) => c.api.certificates[':serial'].pdf.$get({ param: { serial } }));

export type ApplicationList = Awaited<ReturnType<typeof listMyApplications>>['applications'];
export type ApplicationListItem = ApplicationList[number];
export type ApplicationView = Awaited<ReturnType<typeof getApplication>>;
export type ApplicationStatus = ApplicationView['status'];
export type ApplicationDocument = ApplicationView['documents'][number];
export type DocumentKind = ApplicationDocument['kind'];
export type HistoryEvent = ApplicationView['history'][number];
export type CertificateSummary = NonNullable<ApplicationView['certificate']>;
export type ReturnItem = NonNullable<ApplicationView['returnItems']>[number];

// --- reviewing officer ------------------------------------------------------------------------

export type QueueQuery = NonNullable<InferRequestType<ReviewApplications['$get']>['query']>;
export const getReviewQueue = (query: QueueQuery) => call((c) => c.api.review.applications.$get({ query }));
export type ReviewSearchBody = InferRequestType<ReviewApplications['search']['$post']>['json'];
/** The term goes in the body, never the URL (history and access logs would keep it). */
export const searchReviewQueue = (json: ReviewSearchBody) =>
  call((c) => c.api.review.applications.search.$post({ json }));
export type ApplicationExportBody = InferRequestType<ReviewApplications['export']['$post']>['json'];
export const exportApplications = (json: ApplicationExportBody) =>
  callBlob((c) => c.api.review.applications.export.$post({ json }));
export const openForReview = (applicationId: string) =>
  call((c) => c.api.review.applications[':applicationId'].$get({ param: { applicationId } }));
export const claimApplication = (applicationId: string) =>
  call((c) => c.api.review.applications[':applicationId'].claim.$post({ param: { applicationId } }));
export const listHandoverOfficers = (applicationId: string) =>
  call((c) => c.api.review.applications[':applicationId'].officers.$get({ param: { applicationId } }));

export type HandOverBody = InferRequestType<
  ReviewApplications[':applicationId']['handover']['$post']
>['json'];
export const handOver = (applicationId: string, json: HandOverBody) =>
  callEmpty((c) =>
    c.api.review.applications[':applicationId'].handover.$post({ param: { applicationId }, json }),
  );

export type ReturnBody = InferRequestType<ReviewApplications[':applicationId']['return']['$post']>['json'];
export const returnApplication = (applicationId: string, json: ReturnBody) =>
  call((c) => c.api.review.applications[':applicationId'].return.$post({ param: { applicationId }, json }));

export const rejectApplication = (applicationId: string, reason: string) =>
  call((c) =>
    c.api.review.applications[':applicationId'].reject.$post({ param: { applicationId }, json: { reason } }),
  );
export const issueCertificate = (applicationId: string) =>
  call((c) => c.api.review.applications[':applicationId'].issue.$post({ param: { applicationId } }));
export const revokeCertificate = (serial: string, reason: string) =>
  call((c) => c.api.review.certificates[':serial'].revoke.$post({ param: { serial }, json: { reason } }));
export const getReviewDashboard = () => call((c) => c.api.review.dashboard.$get());

export type QueueItem = Awaited<ReturnType<typeof getReviewQueue>>['items'][number];
export type ReviewView = Awaited<ReturnType<typeof openForReview>>;
export type HandoverOfficer = Awaited<ReturnType<typeof listHandoverOfficers>>['officers'][number];
export type ReviewDashboard = Awaited<ReturnType<typeof getReviewDashboard>>;
