// What the applicant changed between the office's return and the resubmission: form fields (by
// dotted path, as the form and the return checklist name them), the village, documents added and
// removed. Shown to the reviewer so a second look starts where the first one stopped. Pure.
import type { ReturnSnapshot } from '../../db/schema';

export interface DocumentRef {
  id: string;
  kind: ReturnSnapshot['documents'][number]['kind'];
  label: string | null;
  fileName: string | null;
}

export interface ChangesSinceReturn {
  returnedAt: string;
  fields: { path: string; before: unknown; after: unknown }[];
  villageChanged: boolean;
  documentsAdded: DocumentRef[];
  documentsRemoved: DocumentRef[];
}

/** Leaves of a JSON form by dotted path ('children.1.name'), in document order. */
function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null) {
    // Arrays too: Object.entries gives their indexes ('children.1').
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
  return out;
}

export function changesSinceReturn(
  snapshot: ReturnSnapshot,
  current: { form: Record<string, unknown>; villageId: number | null; documents: readonly DocumentRef[] },
): ChangesSinceReturn {
  const before = leaves(snapshot.form);
  const after = leaves(current.form);
  const paths = [...after.keys(), ...[...before.keys()].filter((p) => !after.has(p))];
  const fields = paths
    .filter((p) => before.get(p) !== after.get(p))
    .map((path) => ({ path, before: before.get(path) ?? null, after: after.get(path) ?? null }));
  const was = new Set(snapshot.documents.map((d) => d.id));
  const is = new Set(current.documents.map((d) => d.id));
  const ref = (d: DocumentRef): DocumentRef => ({
    id: d.id,
    kind: d.kind,
    label: d.label,
    fileName: d.fileName,
  });
  return {
    returnedAt: snapshot.at,
    fields,
    villageChanged: snapshot.villageId !== current.villageId,
    documentsAdded: current.documents.filter((d) => !was.has(d.id)).map(ref),
    documentsRemoved: snapshot.documents.filter((d) => !is.has(d.id)).map(ref),
  };
}
