// Domain errors: core throws AppError(code); each transport maps the code once (HTTP status in
// api/, a localized sentence in bot/). The message key lives in the locale files under errors.<code>.

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  init_data_invalid: 401,
  init_data_expired: 401,
  webhook_secret_invalid: 401,
  forbidden: 403,
  out_of_scope: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  application_locked: 409,
  invalid_transition: 409,
  not_owner: 403,
  too_many_documents: 400,
  no_open_application: 404,
  own_campaign: 403,
  not_author: 403,
  nothing_to_resend: 409,
  /** A health upload before the separate health-data consent (service file). */
  consent_required: 409,
  telegram_refused: 422,
  telegram_unavailable: 503,
  payload_too_large: 413,
  request_too_large: 413,
  unsupported_media_type: 415,
  /** An upload whose structure is broken (truncated, stray bytes, bad checksums): refused, never kept as is. */
  file_damaged: 400,
  /** An image whose header declares more pixels than MAX_IMAGE_MEGAPIXELS / MAX_IMAGE_SIDE allow. */
  image_too_large: 400,
  /** A PDF with scripts, launch actions, attachments, rich media or XFA forms. */
  pdf_active_content: 415,
  /** A PDF whose hidden parts (compressed object streams) cannot be inspected. */
  pdf_unreadable: 415,
  /** A tip-off's text is about a private person (pregnancy, family), or carries an ID or phone number. */
  tip_screened: 422,
  too_many_attachments: 400,
  /** A reward amount outside the category's published tier (or a category without cash rewards). */
  reward_outside_tier: 400,
  /** An earlier tip of the same matter was substantiated first, or the matter already has a reward. */
  reward_not_first: 409,
  rate_limited: 429,
  temporarily_unavailable: 503,
  internal: 500,
  config_invalid: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  /** An i18n key ('namespace:key'); transports translate it in the person's language. */
  message: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];
  readonly params?: Record<string, string | number>;
  /** Sent as Retry-After: when it is worth trying again (429, 503). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      fields?: FieldIssue[];
      params?: Record<string, string | number>;
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.params = options.params;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
