// Issue 12, walkthrough item 2: a return item can ask for a document that has no slot of its own
// ("其他：请补充上传居住证"); the applicant uploads it as an 'other' document with its name, every
// document keeps the (cleaned) name it was uploaded under, and on resubmission the reviewer reads what
// changed since the return — fields, village, documents added and removed.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { pngWithText, smallPdf } from '../../fixtures/certificates';
import { createTestApp, type TestApp } from '../../harness/app';
import { submit, submittedApplication } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
const REVIEWER_EAST = 900002; // 王审核: 东山村, 西山村

interface Doc {
  id: string;
  kind: string;
  label: string | null;
  fileName: string | null;
}
interface View {
  form: Record<string, unknown>;
  version: number;
  documents: Doc[];
}

beforeAll(async () => {
  t = await createTestApp({ clock });
});

const json = async <T>(res: Response) => (await res.json()) as T;

function upload(telegramId: number, id: string, fields: Record<string, string>, file: File) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', file);
  return t.call('POST', `/api/certificates/applications/${id}/documents`, { as: telegramId, body: form });
}

describe('documents the office asks for that have no slot of their own', () => {
  it('lets the reviewer ask for an other document and the applicant meet it, named in their words', async () => {
    const app = await submittedApplication(t, db, 'dongshan', REVIEWER_EAST);
    const returned = await t.call('POST', `/api/review/applications/${app.id}/return`, {
      as: REVIEWER_EAST,
      body: {
        items: [
          { target: 'document:other', note: '请补充上传居住证' },
          { target: 'field:currentResidence.address', note: '请写明门牌号' },
        ],
      },
    });
    expect(returned.status).toBe(200);

    // Without saying what it is, an 'other' document is refused, in the person's language.
    const pdf = () => new File([smallPdf() as Uint8Array<ArrayBuffer>], '居住证 扫描件.pdf');
    const unnamed = await upload(app.telegramId, app.id, { kind: 'other' }, pdf());
    expect(unnamed.status).toBe(400);
    expect(await json<{ error: { fields: { path: string; message: string }[] } }>(unnamed)).toMatchObject({
      error: { fields: [{ path: 'label', message: '请写明这份材料是什么（例如：居住证）。' }] },
    });
    const tooLong = await upload(app.telegramId, app.id, { kind: 'other', label: '居'.repeat(41) }, pdf());
    expect(tooLong.status).toBe(400);
    // A fixed kind takes no label.
    expect((await upload(app.telegramId, app.id, { kind: 'id_card', label: '身份证' }, pdf())).status).toBe(
      400,
    );

    const added = await upload(app.telegramId, app.id, { kind: 'other', label: '  居住证  ' }, pdf());
    expect(added.status).toBe(201);
    const view = await json<View>(
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
    );
    expect(view.documents.find((d) => d.kind === 'other')).toMatchObject({
      label: '居住证',
      fileName: '居住证 扫描件.pdf',
    });
    // The documents uploaded before keep their names too.
    expect(view.documents.map((d) => d.fileName)).toEqual([
      'id.jpg',
      'hukou.png',
      'marriage.pdf',
      '居住证 扫描件.pdf',
    ]);
  });

  it('shows the reviewer what changed since the return: fields, documents added and removed', async () => {
    const app = await submittedApplication(t, db, 'dongshan', REVIEWER_EAST);
    const returned = await t.call('POST', `/api/review/applications/${app.id}/return`, {
      as: REVIEWER_EAST,
      body: { items: [{ target: 'document:hukou_page', note: '户口簿照片不清晰，请重新上传' }] },
    });
    expect(returned.status).toBe(200);

    const before = await json<View>(
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
    );
    const hukou = before.documents.find((d) => d.kind === 'hukou_page')!;
    const removed = await t.call('DELETE', `/api/certificates/applications/${app.id}/documents/${hukou.id}`, {
      as: app.telegramId,
    });
    expect(removed.status).toBe(204);
    const file = new File([pngWithText() as Uint8Array<ArrayBuffer>], 'C:\\fakepath\\hukou\u202Egnp.new.png');
    expect((await upload(app.telegramId, app.id, { kind: 'hukou_page' }, file)).status).toBe(201);
    const form = structuredClone(before.form) as { currentResidence: { address: string } };
    form.currentResidence.address = '广东省深圳市宝安区西乡街道固戍社区18栋302室';
    const saved = await t.call('PUT', `/api/certificates/applications/${app.id}/draft`, {
      as: app.telegramId,
      body: { form, version: before.version },
    });
    expect(saved.status).toBe(200);
    expect(await submit(t, app.telegramId, app.id)).toMatchObject({ status: 'in_review' });

    const review = await json<{
      changesSinceReturn: {
        fields: { path: string; before: unknown; after: unknown }[];
        villageChanged: boolean;
        documentsAdded: Doc[];
        documentsRemoved: Doc[];
      };
    }>(await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_EAST }));
    const changes = review.changesSinceReturn;
    expect(changes.fields).toEqual([
      {
        path: 'currentResidence.address',
        before: (before.form.currentResidence as { address: string }).address,
        after: '广东省深圳市宝安区西乡街道固戍社区18栋302室',
      },
    ]);
    expect(changes.villageChanged).toBe(false);
    // The new file's name lost its folders and the right-to-left override that disguised it.
    expect(changes.documentsAdded).toMatchObject([{ kind: 'hukou_page', fileName: 'hukougnp.new.png' }]);
    expect(changes.documentsRemoved).toMatchObject([
      { id: hukou.id, kind: 'hukou_page', fileName: 'hukou.png' },
    ]);

    // Once decided there is nothing left to compare.
    await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: REVIEWER_EAST });
    const decided = await json<{ changesSinceReturn: unknown }>(
      await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_EAST }),
    );
    expect(decided.changesSinceReturn).toBeNull();
  });
});
