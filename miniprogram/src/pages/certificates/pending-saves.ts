// Draft saves still on their way, per application. The form saves when it is left (返回); coming
// back at once must not read the application before that save arrived, or the form would show the
// old text and its next save would be refused as coming from a stale copy.
const pending = new Map<string, Promise<unknown>>();

export function trackSave(applicationId: string, save: Promise<unknown>): void {
  const settled = save.catch(() => undefined);
  pending.set(applicationId, settled);
  void settled.then(() => {
    if (pending.get(applicationId) === settled) pending.delete(applicationId);
  });
}

/** Resolves once the application's last save started has finished (saved or not). */
export function savesSettled(applicationId: string): Promise<unknown> {
  return pending.get(applicationId) ?? Promise.resolve();
}
