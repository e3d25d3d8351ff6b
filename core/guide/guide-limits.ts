// The service guide's limits, one place for the API's schema and the editor page. Plain constants.

export const GUIDE_TITLE_MAX_CHARS = 120;
export const GUIDE_BODY_MAX_CHARS = 8000;
export const GUIDE_SORT_MAX = 10_000;
/** A page's address: lower-case letters, digits and dashes, starting with a letter or digit. */
export const GUIDE_SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;
