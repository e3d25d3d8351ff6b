// Service-file (八个一) calls: the person's (file, consent, uploads, acknowledge, confirm, requests,
// moved back) and the reviewing officer's (queue, item, claim, hand over, verify, return, a person's
// file, completeness, livelihood requests). Shapes follow docs/service-file.md.
import {
  DEFAULT_REPORT_RETENTION_DAYS,
  type FileStatus,
  type FoundPerson,
  type ItemKind,
  type ItemStatus,
  type LivelihoodTopic,
  type ReviewedKind,
  type TAcknowledgeAgreement,
  type TAnswerLivelihood,
  type TConfirmContact,
  type THealthConsent,
  type TLivelihoodRequest,
  type TPersonSearch,
  type TPublishAgreement,
  type TReturnServiceItem,
} from '../../../../core/service-file/service-file-schema';
import { ApiError } from './api-error';
import { requestPath } from './client';

async function json<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (r.status === 204) return undefined as T;
  return (await r.json()) as T;
}

async function blob(res: Promise<Response>): Promise<Blob> {
  const r = await res;
  try {
    return await r.blob();
  } catch (cause) {
    throw new ApiError({ kind: 'network', status: 0, code: 'network', cause });
  }
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- views ------------------------------------------------------------------------------------

export interface Receipt {
  /** The signed text (HYBY1|…|sig): what the QR code carries. */
  text: string;
  verifiedOn: string;
  villageName?: string | null;
  verifyUrl?: string | null;
}

export interface FileItem {
  id?: string;
  kind: ItemKind;
  status: ItemStatus;
  overdue: boolean;
  dueOn: string | null;
  lastMetOn: string | null;
  submittedAt?: string | null;
  deadlineAt?: string | null;
  returnItems?: { target: string; note: string }[] | null;
  receipt?: Receipt | null;
  /** What the viewer may do with it (an officer: `record` for the training). */
  can?: Record<string, boolean>;
}

export interface ConsentState {
  given: boolean;
  givenAt: string | null;
  version?: number | null;
}

export interface LivelihoodRequest {
  id: string;
  topic: LivelihoodTopic;
  question: string;
  createdAt: string;
  answer?: string | null;
  answeredAt?: string | null;
  answeredByName?: string | null;
  personName?: string | null;
  villageName?: string | null;
}

export interface MyFile {
  status: FileStatus;
  createdAt: string | null;
  villageName: string | null;
  items: FileItem[];
  consent: ConsentState;
  agreement: {
    version: number;
    text: string;
    acknowledgedVersion: number | null;
    acknowledgedAt: string | null;
  } | null;
  contact: { phone: string | null; confirmedAt: string | null };
  certificate: { serial: string; validUntil: string | null } | null;
  livelihood: LivelihoodRequest[];
  settings: { reportRetentionDays: number };
}

export interface ServiceQueueItem {
  id: string;
  kind: ReviewedKind;
  status: ItemStatus;
  personName: string;
  villageName: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  owner: { userId: string; displayName: string } | null;
}

export interface ReviewItem {
  id: string;
  kind: ReviewedKind;
  status: ItemStatus;
  overdue: boolean;
  person: { userId: string; displayName: string };
  villageName: string | null;
  submittedAt: string | null;
  deadlineAt: string | null;
  owner: { userId: string; displayName: string } | null;
  returnItems: { target: string; note: string }[] | null;
  submission: {
    id: string;
    details: { clinic?: string; city?: string; examDate?: string; label?: string };
    file: { contentType: string; sizeBytes: number } | null;
  } | null;
  can: { claim: boolean; decide: boolean; handOver: boolean };
}

export interface PersonFile {
  person: { userId: string; displayName: string };
  status: FileStatus;
  villageName: string | null;
  items: FileItem[];
}

export interface CompletenessVillage {
  villageId: number;
  name: string;
  files: number;
  completeFiles: number;
  overdueItems: number;
  items: { kind: ItemKind; total: number; met: number; overdue: number }[];
}

export interface Completeness {
  /** The Shanghai day the figures are for, and when they were computed (ISO). */
  asOf: string;
  computedAt: string;
  villages: CompletenessVillage[];
}

// --- the person -------------------------------------------------------------------------------

/** GET /api/service-file as the server sends it (docs/service-file.md; core/service-file/get-own-service-file.ts). */
interface OwnFileBody {
  file: {
    status: FileStatus;
    departedAt: string | null;
    contactPhone: string | null;
    villageName?: string | null;
    items: (Omit<FileItem, 'receipt'> & { receipt: string | Receipt | null })[];
    reportRetentionDays?: number;
  } | null;
  consent: { currentVersion: number; given: { version: number; givenAt: string } | null };
  agreement: {
    version: number;
    text: string;
    acknowledgedVersion: number | null;
    acknowledgedAt?: string | null;
  } | null;
  livelihood: LivelihoodRequest[];
}

/** The person's file, or null while they are not registered as away (no file yet). */
export async function getMyFile(): Promise<MyFile | null> {
  const body = await json<OwnFileBody>(requestPath('GET', '/api/service-file'));
  const file = body.file;
  if (!file) return null;
  const lastMet = (kind: ItemKind) => file.items.find((i) => i.kind === kind)?.lastMetOn ?? null;
  return {
    status: file.status,
    createdAt: file.departedAt,
    villageName: file.villageName ?? null,
    // A receipt is the signed text; what it says (item, date) is on the item beside it.
    items: file.items.map((i) => ({
      ...i,
      receipt:
        typeof i.receipt === 'string'
          ? { text: i.receipt, verifiedOn: i.lastMetOn ?? '', villageName: file.villageName ?? null }
          : i.receipt,
    })),
    consent: {
      given: body.consent.given !== null,
      givenAt: body.consent.given?.givenAt ?? null,
      version: body.consent.given?.version ?? null,
    },
    agreement: body.agreement && {
      ...body.agreement,
      acknowledgedAt:
        body.agreement.acknowledgedAt ??
        (body.agreement.acknowledgedVersion === body.agreement.version ? lastMet('service_agreement') : null),
    },
    contact: { phone: file.contactPhone, confirmedAt: lastMet('contact_details') },
    certificate: null,
    livelihood: body.livelihood,
    settings: { reportRetentionDays: file.reportRetentionDays ?? DEFAULT_REPORT_RETENTION_DAYS },
  };
}

export const openMyFile = () => json<unknown>(requestPath('POST', '/api/service-file/departure'));
export const moveBack = () => json<unknown>(requestPath('POST', '/api/service-file/moved-back'));
export const giveConsent = (body: THealthConsent) =>
  json<ConsentState>(requestPath('POST', '/api/service-file/health-consent', { json: body }));
export const withdrawConsent = () => json<unknown>(requestPath('DELETE', '/api/service-file/health-consent'));

export function submitCheckup(input: { clinic: string; city: string; examDate: string; file: File }) {
  const form = new FormData();
  form.set('clinic', input.clinic);
  form.set('city', input.city);
  form.set('examDate', input.examDate);
  form.set('file', input.file);
  return json<unknown>(requestPath('POST', '/api/service-file/items/health_checkup/upload', { form }));
}

export function submitProof(input: { label?: string; file: File }) {
  const form = new FormData();
  if (input.label) form.set('label', input.label);
  form.set('file', input.file);
  return json<unknown>(requestPath('POST', '/api/service-file/items/residence_proof/upload', { form }));
}

export const acknowledgeAgreement = (body: TAcknowledgeAgreement) =>
  json<unknown>(requestPath('POST', '/api/service-file/agreement/acknowledge', { json: body }));
export const confirmContact = (body: TConfirmContact) =>
  json<unknown>(requestPath('POST', '/api/service-file/contact', { json: body }));
export const requestLivelihood = (body: TLivelihoodRequest) =>
  json<LivelihoodRequest>(requestPath('POST', '/api/service-file/livelihood', { json: body }));

// --- the reviewing officer --------------------------------------------------------------------

interface QueueRowBody {
  id: string;
  kind: ReviewedKind;
  displayName: string;
  villageName: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  ownerOfficerId: string | null;
  ownerName: string | null;
}

export async function getServiceQueue(q: {
  villageId?: string;
  kind?: ReviewedKind;
  mine?: 'true';
  overdue?: 'true';
  limit?: string;
  offset?: string;
}): Promise<{ total: number; items: ServiceQueueItem[] }> {
  const body = await json<{ total: number; items: QueueRowBody[] }>(
    requestPath('GET', `/api/review/service-file/queue${query(q)}`),
  );
  return {
    total: body.total,
    // Everything in the verification queue is waiting for an officer.
    items: body.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: 'submitted',
      personName: r.displayName,
      villageName: r.villageName,
      deadlineAt: r.deadlineAt,
      overdue: r.overdue,
      owner: r.ownerOfficerId ? { userId: r.ownerOfficerId, displayName: r.ownerName ?? '' } : null,
    })),
  };
}

interface ReviewItemBody {
  item: Omit<FileItem, 'receipt'> & {
    id: string;
    kind: ReviewedKind;
    ownerOfficerId: string | null;
    can: Record<string, boolean>;
  };
  person: { userId: string; displayName: string };
  villageName?: string | null;
  ownerName?: string | null;
  submissions: {
    id: string;
    details: Record<string, string> | null;
    hasFile: boolean;
    contentType: string | null;
  }[];
}

/** One item for its reviewer: the item, the person and the latest submission. */
export async function getReviewItem(itemId: string): Promise<ReviewItem> {
  const body = await json<ReviewItemBody>(
    requestPath('GET', `/api/review/service-file/items/${encodeURIComponent(itemId)}`),
  );
  const { item } = body;
  const latest = body.submissions[0];
  return {
    id: item.id,
    kind: item.kind,
    status: item.status,
    overdue: item.status === 'submitted' && !!item.deadlineAt && new Date(item.deadlineAt) < new Date(),
    person: body.person,
    villageName: body.villageName ?? null,
    submittedAt: item.submittedAt ?? null,
    deadlineAt: item.deadlineAt ?? null,
    owner: item.ownerOfficerId ? { userId: item.ownerOfficerId, displayName: body.ownerName ?? '' } : null,
    returnItems: item.returnItems ?? null,
    submission: latest
      ? {
          id: latest.id,
          details: latest.details ?? {},
          file: latest.hasFile
            ? { contentType: latest.contentType ?? 'application/pdf', sizeBytes: 0 }
            : null,
        }
      : null,
    can: { claim: !!item.can.claim, decide: !!item.can.decide, handOver: !!item.can.handOver },
  };
}
const itemPath = (itemId: string, action: string) =>
  `/api/review/service-file/items/${encodeURIComponent(itemId)}/${action}`;
export const claimServiceItem = (itemId: string) =>
  json<unknown>(requestPath('POST', itemPath(itemId, 'claim')));
export const listServiceHandoverOfficers = (itemId: string) =>
  json<{ officers: { userId: string; displayName: string }[] }>(
    requestPath('GET', itemPath(itemId, 'officers')),
  );
export const handOverServiceItem = (itemId: string, body: { toOfficerUserId: string; note?: string }) =>
  json<unknown>(requestPath('POST', itemPath(itemId, 'handover'), { json: body }));
export const verifyServiceItem = (itemId: string) =>
  json<{ status: ItemStatus; receipt: unknown }>(requestPath('POST', itemPath(itemId, 'verify')));
export const returnServiceItem = (itemId: string, body: TReturnServiceItem) =>
  json<unknown>(requestPath('POST', itemPath(itemId, 'return'), { json: body }));
/** The training attended (an officer records it): met, with a signed receipt. */
export const recordServiceItem = (itemId: string) =>
  json<{ status: ItemStatus; receipt: string }>(requestPath('POST', itemPath(itemId, 'record')));
export const fetchReviewReport = (submissionId: string) =>
  blob(requestPath('GET', `/api/review/service-file/submissions/${encodeURIComponent(submissionId)}/file`));
/** Files of the officer's villages by name or ID/phone tail; the term goes in the body, never the URL (audited). */
export const searchServiceFiles = (body: TPersonSearch) =>
  json<{ kind: 'name' | 'tail'; more: boolean; people: FoundPerson[] }>(
    requestPath('POST', '/api/review/service-file/people/search', { json: body }),
  );
/** A person's file for their village's officer (the read is audited by the server). */
export async function getPersonFile(userId: string): Promise<PersonFile> {
  const body = await json<{
    userId: string;
    displayName: string;
    status: FileStatus;
    villageName?: string | null;
    items: FileItem[];
  }>(requestPath('GET', `/api/review/service-file/people/${encodeURIComponent(userId)}`));
  return {
    person: { userId: body.userId, displayName: body.displayName },
    status: body.status,
    villageName: body.villageName ?? null,
    items: body.items.map((i) => ({ ...i, receipt: null })),
  };
}
interface CompletenessBody {
  asOf: string;
  computedAt: string;
  villages: {
    villageId: number | null;
    villageName: string | null;
    files: number;
    completeFiles: number;
    items: Record<ItemKind, { total: number; met: number; overdue: number }>;
  }[];
}

export async function getCompleteness(q: { villageId?: string }): Promise<Completeness> {
  return completenessOf(
    await json<CompletenessBody>(requestPath('GET', `/api/review/service-file/completeness${query(q)}`)),
  );
}
/** "Refresh now": the figures recomputed when a minute old or more (`refreshed`), else as they are. */
export async function refreshCompleteness(q: {
  villageId?: string;
}): Promise<Completeness & { refreshed: boolean }> {
  const body = await json<CompletenessBody & { refreshed: boolean }>(
    requestPath('POST', `/api/review/service-file/completeness/refresh${query(q)}`),
  );
  return { ...completenessOf(body), refreshed: body.refreshed };
}
function completenessOf(body: CompletenessBody): Completeness {
  return {
    asOf: body.asOf,
    computedAt: body.computedAt,
    villages: body.villages.map((v) => {
      const items = Object.entries(v.items).map(([kind, f]) => ({ kind: kind as ItemKind, ...f }));
      return {
        villageId: v.villageId ?? 0,
        name: v.villageName ?? '—',
        files: v.files,
        completeFiles: v.completeFiles,
        overdueItems: items.reduce((n, i) => n + i.overdue, 0),
        items,
      };
    }),
  };
}
export const fetchCompletenessCsv = (q: { villageId?: string }) =>
  blob(requestPath('GET', `/api/review/service-file/completeness.csv${query(q)}`));
export const getLivelihoodQueue = (q: { villageId?: string }) =>
  json<{ requests: LivelihoodRequest[] }>(
    requestPath('GET', `/api/review/service-file/livelihood${query(q)}`),
  );
export const answerLivelihood = (requestId: string, body: TAnswerLivelihood) =>
  json<LivelihoodRequest>(
    requestPath('POST', `/api/review/service-file/livelihood/${encodeURIComponent(requestId)}/answer`, {
      json: body,
    }),
  );

/** The current service agreement in every language (admin). */
export const getAgreement = () =>
  json<{ current: { version: number; texts: Record<string, string>; publishedAt: string } | null }>(
    requestPath('GET', '/api/review/service-file/agreement'),
  );
/** Publishes the next version: those who acknowledged the current one are asked again. */
export const publishAgreement = (body: TPublishAgreement) =>
  json<{ version: number; asked: number }>(
    requestPath('PUT', '/api/review/service-file/agreement', { json: body }),
  );
