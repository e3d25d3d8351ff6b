// The certificate's limits, one place for the API's schemas and the mini app's inputs (maxLength,
// "add a child" button, counters). Plain constants, no zod: the officer's pages import them too.

export const MAX_CHILDREN = 10;
export const NAME_MAX_CHARS = 30;
/** A draft keeps what was typed, up to twice a name's length, so nothing is cut while editing. */
export const DRAFT_NAME_MAX_CHARS = NAME_MAX_CHARS * 2;
export const ADDRESS_MIN_CHARS = 5;
export const ADDRESS_MAX_CHARS = 200;
/** GB 11643: 17 digits and a check character. */
export const ID_NUMBER_CHARS = 18;
/** What an 'other' document is, in the applicant's words ("居住证"); the database allows no more. */
export const DOCUMENT_LABEL_MAX_CHARS = 40;
/** A mainland mobile number. */
export const PHONE_CHARS = 11;

/** The reviewer's side: a return checklist item, a reject or revoke reason, a handover note. */
export const RETURN_NOTE_MIN_CHARS = 2;
export const RETURN_NOTE_MAX_CHARS = 300;
export const RETURN_ITEMS_MAX = 30;
export const REASON_MIN_CHARS = 5;
export const REASON_MAX_CHARS = 1000;
export const HANDOVER_NOTE_MAX_CHARS = 500;
