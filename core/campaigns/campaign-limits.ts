// A campaign's limits, one place for the API's schemas and the compose form (maxLength, counters).
// Plain constants, no zod.

/** Telegram's limits: 4096 characters of text, 1024 of a photo caption (after entity parsing). */
export const MAX_TEXT_CHARS = 4096;
export const MAX_CAPTION_CHARS = 1024;
export const MAX_TITLE_CHARS = 120;
export const MAX_BUTTON_TEXT_CHARS = 40;
export const MAX_BUTTON_TARGET_CHARS = 500;
/** An approver's note when returning a campaign to its author. */
export const MAX_NOTE_CHARS = 1000;
