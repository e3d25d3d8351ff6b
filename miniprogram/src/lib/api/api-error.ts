// The API's one error shape ({ error: { code, message, requestId, fields? } }) as an Error class,
// plus the two failures that never reach the server's handler: no network, unreadable answer.

export interface FieldIssue {
  /** Dotted path of the input field, e.g. 'villageId' or 'children.0.name'. */
  path: string;
  message: string;
}

export type ApiErrorKind = 'server' | 'network' | 'unexpected';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The server's error code (core/errors.ts), or 'network' / 'unexpected'. */
  readonly code: string;
  /** Already localized by the server (in the person's stored language); absent for network errors. */
  readonly serverMessage?: string;
  readonly requestId?: string;
  readonly fields: FieldIssue[];
  /** From the Retry-After header of a 429 or 503: seconds until it is worth trying again. */
  readonly retryAfterSeconds?: number;

  constructor(options: {
    kind: ApiErrorKind;
    status: number;
    code: string;
    message?: string;
    requestId?: string;
    fields?: FieldIssue[];
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(options.message ?? options.code, { cause: options.cause });
    this.name = 'ApiError';
    this.kind = options.kind;
    this.status = options.status;
    this.code = options.code;
    this.serverMessage = options.message;
    this.requestId = options.requestId;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /**
   * The server is there but cannot serve right now (503: its database is away, it is busy): nothing
   * is wrong with the request or the app, trying again shortly will do.
   */
  get temporary(): boolean {
    return this.status === 503;
  }

  /** The sign-in (Telegram init data) is missing, tampered or too old: only reopening helps. */
  get sessionLost(): boolean {
    return this.status === 401;
  }

  /** The message for one field ('villageId'), to show next to it; nested paths match by prefix. */
  fieldError(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
  }

  /** Field issues whose field the page does not show, to list them at the top of a form. */
  otherFieldErrors(shown: readonly string[]): FieldIssue[] {
    return this.fields.filter((f) => !shown.some((p) => f.path === p || f.path.startsWith(`${p}.`)));
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Field errors as a map for forms: fieldErrors(error).villageId. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.path, f.message]));
}
