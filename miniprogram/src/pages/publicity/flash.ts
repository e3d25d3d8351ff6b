// A one-time notice carried across a navigation (e.g. "Draft saved" after a new campaign's page
// replaces the "new" page): set before navigate(), taken once by the next page.
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
