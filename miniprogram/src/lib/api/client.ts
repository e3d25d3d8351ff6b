// Typed API client: hono's hc<AppType> (types only — no server code reaches the bundle) with the
// Telegram credential and the UI language on every request, and failures turned into ApiError.
import type { Hono } from 'hono';
import { type ClientResponse, hc } from 'hono/client';
import type { ExtractSchema } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../../../api/app';
import type { Language } from '../i18n';
import { ApiError, type FieldIssue } from './api-error';

let initData: string | null = null;
/** Signed in at a desk (a browser session cookie): the CSRF token sent back on every call. */
let deskCsrf: string | null = null;
let language: Language | undefined;
const sessionLostListeners = new Set<(error: ApiError) => void>();

/** Called at start-up with the launch credential, and whenever the UI language changes. */
export function configureApi(options: {
  initData?: string | null;
  deskCsrf?: string | null;
  language?: Language;
}): void {
  if (options.initData !== undefined) initData = options.initData;
  if (options.deskCsrf !== undefined) deskCsrf = options.deskCsrf;
  if (options.language) language = options.language;
}

/** Any 401 means the sign-in is gone for the whole app, not just one page: the shell listens. */
export function onSessionLost(listener: (error: ApiError) => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** The API's routes by path, as the server declares them. */
export type ApiSchema = ExtractSchema<AppType>;
/** Paths TypeScript widened to a pattern, e.g. `/api/campaigns/:campaignId/${string}`. */
type Literal<K> = K extends string ? (`${K}~` extends K ? never : K) : never;
/**
 * The campaign workflow routes are declared through a helper whose path is widened to
 * `/api/campaigns/:campaignId/${string}`; hono's client would turn that into an index signature that
 * swallows every other /api/campaigns/:campaignId/… route. Without pattern paths the rest stay typed
 * (lib/api/campaigns.ts types those few calls itself).
 */
type TypedApp = Hono<object, { [K in keyof ApiSchema as Literal<K>]: ApiSchema[K] }, '/'>;

export const client = hc<TypedApp>(window.location.origin, {
  headers: (): Record<string, string> => ({
    ...(initData ? { Authorization: `tma ${initData}` } : {}),
    // The session itself is the HttpOnly cookie the browser sends; this proves the call is ours.
    ...(deskCsrf && !initData ? { 'X-Desk-Csrf': deskCsrf } : {}),
    ...(language ? { 'Accept-Language': language } : {}),
  }),
});

export type Client = typeof client;

/** The JSON body of the success responses an endpoint declares. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends SuccessStatusCode ? T : never) : never;

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; fields?: unknown };
}

async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id') ?? undefined;
  const retryAfter = Number(res.headers.get('Retry-After') ?? Number.NaN);
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const e = body?.error;
  if (!e || typeof e.code !== 'string') {
    return new ApiError({
      kind: 'unexpected',
      status: res.status,
      code: 'unexpected',
      requestId,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    kind: 'server',
    status: res.status,
    code: e.code,
    message: typeof e.message === 'string' ? e.message : undefined,
    requestId: typeof e.requestId === 'string' ? e.requestId : requestId,
    fields: Array.isArray(e.fields) ? (e.fields as FieldIssue[]) : undefined,
    retryAfterSeconds,
  });
}

/** Sends a request; resolves with the successful Response, or throws ApiError. */
async function request<R>(send: (c: Client) => Promise<R>): Promise<Response> {
  let res: Response;
  try {
    res = (await send(client)) as unknown as Response;
  } catch (cause) {
    throw new ApiError({ kind: 'network', status: 0, code: 'network', cause });
  }
  if (res.ok) return res;
  const error = await toApiError(res);
  if (error.sessionLost) for (const listener of sessionLostListeners) listener(error);
  throw error;
}

/**
 * Sends one typed request and returns its success body, or throws ApiError.
 *   const me = await call((c) => c.api.me.$get());
 */
export async function call<R extends ClientResponse<unknown, number, 'json'>>(
  send: (c: Client) => Promise<R>,
): Promise<SuccessBody<R>> {
  const res = await request(send);
  return (await res.json()) as SuccessBody<R>;
}

/** For endpoints that answer 204 No Content (delete, hand over). */
export async function callEmpty<R extends ClientResponse<unknown, number, string>>(
  send: (c: Client) => Promise<R>,
): Promise<void> {
  await request(send);
}

/** For endpoints that answer with a file (documents, the certificate PDF): the bytes as a Blob. */
export async function callBlob<R extends ClientResponse<unknown, number, string>>(
  send: (c: Client) => Promise<R>,
): Promise<Blob> {
  const res = await request(send);
  try {
    return await res.blob();
  } catch (cause) {
    throw new ApiError({ kind: 'network', status: 0, code: 'network', cause });
  }
}

/**
 * A JSON (or multipart) request by path, for routes outside the typed client: the public tip-off
 * routes, which the login-free /report page shares with the mini app. `signed: false` (the default)
 * sends the language only, never the Telegram credential — a reporter's look-up, message or claim is
 * proven by the receipt, and the server has no business learning who sends it.
 */
export async function callPath<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { json?: unknown; form?: FormData; signed?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (language) headers['Accept-Language'] = language;
  if (options.signed && initData) headers.Authorization = `tma ${initData}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await request(() =>
    fetch(path, {
      method,
      headers,
      credentials: 'omit',
      body: options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
    }),
  );
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/**
 * A request by method and path, with the same credential, language and error handling as `call`:
 * for routes the typed client cannot name (the service file's routes while they are being built).
 */
export async function requestPath(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: { json?: unknown; form?: FormData },
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(initData ? { Authorization: `tma ${initData}` } : {}),
    ...(language ? { 'Accept-Language': language } : {}),
    ...(body?.json !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  return request(() =>
    fetch(new URL(path, window.location.origin), {
      method,
      headers,
      body: body?.form ?? (body?.json !== undefined ? JSON.stringify(body.json) : undefined),
    }),
  );
}
