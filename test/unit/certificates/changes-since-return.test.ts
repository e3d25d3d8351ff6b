// What the reviewer is shown on a resubmission: exactly what changed since the return.
import { describe, expect, it } from 'vitest';
import { changesSinceReturn } from '../../../core/certificates/changes-since-return';
import type { ReturnSnapshot } from '../../../db/schema';

const doc = (
  id: string,
  kind: ReturnSnapshot['documents'][number]['kind'],
  fileName: string | null = null,
) => ({
  id,
  kind,
  label: kind === 'other' ? '居住证' : null,
  fileName,
});

const snapshot: ReturnSnapshot = {
  at: '2026-11-27T03:00:00.000Z',
  villageId: 1,
  form: {
    applicant: { name: '李娜', idNumber: '11010519940315002X' },
    currentResidence: { address: '深圳市宝安区' },
    children: [{ name: '王小雨' }, { name: '王小雪' }],
  },
  documents: [doc('a', 'id_card', 'id.jpg'), doc('b', 'hukou_page', 'hukou-blurred.jpg')],
};

describe('changes since the return', () => {
  it('lists changed, added and removed fields by their path, and nothing that stayed the same', () => {
    const changes = changesSinceReturn(snapshot, {
      villageId: 1,
      documents: snapshot.documents,
      form: {
        applicant: { name: '李娜', idNumber: '11010519940315002X', phone: '13800138000' },
        currentResidence: { address: '深圳市宝安区固戍社区18栋302室' },
        children: [{ name: '王小雨' }],
      },
    });
    expect(changes.fields).toEqual([
      { path: 'applicant.phone', before: null, after: '13800138000' },
      { path: 'currentResidence.address', before: '深圳市宝安区', after: '深圳市宝安区固戍社区18栋302室' },
      { path: 'children.1.name', before: '王小雪', after: null },
    ]);
    expect(changes.villageChanged).toBe(false);
    expect(changes.documentsAdded).toEqual([]);
    expect(changes.documentsRemoved).toEqual([]);
  });

  it('names the documents added and removed, and a village change', () => {
    const changes = changesSinceReturn(snapshot, {
      villageId: 2,
      form: snapshot.form,
      documents: [
        snapshot.documents[0]!,
        doc('c', 'hukou_page', 'hukou.jpg'),
        doc('d', 'other', 'permit.pdf'),
      ],
    });
    expect(changes.fields).toEqual([]);
    expect(changes.villageChanged).toBe(true);
    expect(changes.documentsAdded.map((d) => d.id)).toEqual(['c', 'd']);
    expect(changes.documentsAdded[1]).toEqual({
      id: 'd',
      kind: 'other',
      label: '居住证',
      fileName: 'permit.pdf',
    });
    expect(changes.documentsRemoved).toEqual([
      { id: 'b', kind: 'hukou_page', label: null, fileName: 'hukou-blurred.jpg' },
    ]);
  });
});
