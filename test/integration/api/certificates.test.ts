// Certificates through the HTTP API on real Postgres, with an injected clock: apply → return with a
// checklist → resubmit → issue → verify → revoke, plus the error and security cases around it.
import { verifyAsync } from '@noble/ed25519';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { fixedClock } from '../../../core/runtime';
import {
  applicationEvents,
  auditLog,
  certificateApplications,
  certificates,
  storedFiles,
  users,
  villages,
} from '../../../db/schema';
import { executableAsJpg, jpegWithGps, pngWithText, smallPdf, validForm } from '../../fixtures/certificates';
import { metadataTags } from '../../fixtures/exiftool';
import {
  jpegDeclaring,
  jpegWithStrayByteAfterExif,
  pdfWith,
  pdfWithObjectStream,
  pngDeclaring,
  truncatedJpeg,
} from '../../fixtures/uploads';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Friday 27 November 2026, 10:00 in Shanghai.
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

const REVIEWER_EAST = 900002; // 王审核: 东山村, 西山村
const REVIEWER_SOUTH = 900006; // 周审核: 南湖社区, 北苑社区, 河西村
const RESIDENT = 900101;
const ADMIN = 900001;

let seq = 0;
async function newMigrant(village = 'dongshan', language: 'zh-CN' | 'en' = 'zh-CN') {
  seq += 1;
  const telegramId = 800_000_000 + (Date.now() % 10_000_000) * 10 + seq;
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, village));
  const res = await t.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id, language } });
  expect(res.status).toBe(200);
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return { telegramId, userId: u!.id };
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function startWithForm(telegramId: number, form: object = validForm()) {
  const started = await json<{ id: string }>(
    await t.call('POST', '/api/certificates/applications', { as: telegramId }),
  );
  const saved = await t.call('PUT', `/api/certificates/applications/${started.id}/draft`, {
    as: telegramId,
    body: { form, version: 1 },
  });
  expect(saved.status).toBe(200);
  return started.id;
}

function upload(telegramId: number, applicationId: string, kind: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return t.call('POST', `/api/certificates/applications/${applicationId}/documents`, {
    as: telegramId,
    body: form,
  });
}

async function uploadAll(telegramId: number, applicationId: string) {
  for (const [kind, bytes, name] of [
    ['id_card', jpegWithGps(), 'id.jpg'],
    ['hukou_page', pngWithText(), 'hukou.png'],
    ['marriage_certificate', smallPdf(), 'marriage.pdf'],
  ] as const) {
    expect((await upload(telegramId, applicationId, kind, bytes, name)).status).toBe(201);
  }
}

async function submitted(village = 'dongshan') {
  const migrant = await newMigrant(village);
  const id = await startWithForm(migrant.telegramId);
  await uploadAll(migrant.telegramId, id);
  expect(
    (await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: migrant.telegramId })).status,
  ).toBe(200);
  return { ...migrant, id };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
});

describe('a migrant applies and an officer issues', () => {
  it('goes from draft through a return for two items to an issued, verifiable and revocable certificate', async () => {
    const migrant = await newMigrant('dongshan');
    const id = await startWithForm(migrant.telegramId, { applicant: { name: '李娜' } });

    // A half-filled draft is kept and can be resumed elsewhere.
    const draft = await json<{ form: { applicant: { name: string } }; version: number; status: string }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(draft).toMatchObject({ status: 'draft', version: 2, form: { applicant: { name: '李娜' } } });
    const full = await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
      as: migrant.telegramId,
      body: { form: validForm(), version: 2 },
    });
    expect(full.status).toBe(200);
    await uploadAll(migrant.telegramId, id);

    const submit = await json<{ status: string; deadlineAt: string }>(
      await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: migrant.telegramId }),
    );
    // Friday morning + 3 working days = end of Wednesday 2 December, Shanghai time.
    expect(submit).toEqual({ status: 'submitted', deadlineAt: '2026-12-02T15:59:59.999Z', version: 4 });

    const queue = await json<{ items: { id: string; overdue: boolean }[] }>(
      await t.call('GET', '/api/review/applications', { as: REVIEWER_EAST }),
    );
    expect(queue.items.find((i) => i.id === id)).toMatchObject({ overdue: false });

    // Opening it changes nothing; the officer takes it up with its own action (领取办理).
    const before = await json<{ status: string; owner: unknown; can: { claim: boolean; decide: boolean } }>(
      await t.call('GET', `/api/review/applications/${id}`, { as: REVIEWER_EAST }),
    );
    expect(before).toMatchObject({ status: 'submitted', owner: null, can: { claim: true, decide: false } });
    expect((await t.call('POST', `/api/review/applications/${id}/claim`, { as: REVIEWER_EAST })).status).toBe(
      200,
    );
    const opened = await json<{ status: string; can: { decide: boolean }; owner: { displayName: string } }>(
      await t.call('GET', `/api/review/applications/${id}`, { as: REVIEWER_EAST }),
    );
    expect(opened).toMatchObject({
      status: 'in_review',
      can: { decide: true, handOver: true, revoke: false },
      owner: { displayName: '王审核' },
    });

    const items = [
      { target: 'document:marriage_certificate', note: '结婚证照片不清晰，请重新拍摄内页' },
      { target: 'field:currentResidence.address', note: '现居住地请写到门牌号' },
    ];
    expect(
      (await t.call('POST', `/api/review/applications/${id}/return`, { as: REVIEWER_EAST, body: { items } }))
        .status,
    ).toBe(200);

    const returned = await json<{ status: string; returnItems: unknown }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(returned).toMatchObject({ status: 'returned', returnItems: items });

    // The migrant fixes both items and resubmits on Monday: a new deadline, the same officer.
    clock.set('2026-11-30T01:00:00Z');
    const fixed = validForm();
    fixed.currentResidence.address = '广东省深圳市宝安区西乡街道固戍社区18栋502室';
    const { version } = await json<{ version: number }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(
      (
        await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
          as: migrant.telegramId,
          body: { form: fixed, version },
        })
      ).status,
    ).toBe(200);
    expect(
      (await upload(migrant.telegramId, id, 'marriage_certificate', smallPdf(), 'marriage2.pdf')).status,
    ).toBe(201);
    const resubmitted = await json<{ status: string; deadlineAt: string }>(
      await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: migrant.telegramId }),
    );
    expect(resubmitted).toMatchObject({ status: 'in_review', deadlineAt: '2026-12-03T15:59:59.999Z' });

    const issued = await json<{ serial: string; validUntil: string; payload: string; checkCode: string }>(
      await t.call('POST', `/api/review/applications/${id}/issue`, { as: REVIEWER_EAST }),
    );
    expect(issued.serial).toMatch(/^DEMO-2026-\d{6}$/);
    expect(issued.validUntil).toBe('2029-11-29');
    expect(issued.checkCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const check = `?c=${issued.checkCode}`;

    const verify = await json(await t.call('GET', `/api/certificates/${issued.serial}/verify${check}`));
    expect(verify).toMatchObject({
      result: 'valid',
      holder: {
        name: '李*',
        idNumber: `1101**********${validForm().applicant.idNumber.slice(-4)}`,
        sex: 'female',
      },
      issuer: '示范镇人口服务办公室',
    });
    expect(JSON.stringify(verify)).not.toContain(validForm().applicant.idNumber);

    const page = await t.call('GET', `/verify/${issued.serial}${check}`, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(translator('en', 'certificates')('verify.result.valid'));
    expect(html).not.toContain(validForm().applicant.idNumber);

    const revoke = await t.call('POST', `/api/review/certificates/${issued.serial}/revoke`, {
      as: REVIEWER_EAST,
      body: { reason: '申请人提供的婚姻状况材料不实' },
    });
    expect(revoke.status).toBe(200);
    expect(
      await json(await t.call('GET', `/api/certificates/${issued.serial}/verify${check}`)),
    ).toMatchObject({
      result: 'revoked',
    });
    expect(await (await t.call('GET', `/verify/${issued.serial}${check}`)).text()).toContain(
      translator('zh-CN', 'certificates')('verify.result.revoked'),
    );

    const history = await db
      .select({ type: applicationEvents.type })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, id))
      .orderBy(applicationEvents.id);
    expect(history.map((h) => h.type)).toEqual([
      'created',
      'submitted',
      'claimed',
      'returned',
      'resubmitted',
      'issued',
      'revoked',
    ]);
  });

  it('signs the QR payload so that a plain Ed25519 implementation verifies it with the published key', async () => {
    clock.set('2026-11-27T02:00:00Z');
    const app = await submitted();
    await t.call('POST', `/api/review/applications/${app.id}/claim`, { as: REVIEWER_EAST });
    const issued = await json<{ payload: string }>(
      await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: REVIEWER_EAST }),
    );
    const { keys } = await json<{ keys: { kid: string; publicKey: string }[] }>(
      await t.call('GET', '/api/certificates/keys'),
    );
    const cut = issued.payload.lastIndexOf('|');
    const kid = issued.payload.split('|')[1];
    const key = keys.find((k) => k.kid === kid)!;
    const ok = await verifyAsync(
      Buffer.from(issued.payload.slice(cut + 1), 'base64url'),
      new TextEncoder().encode(issued.payload.slice(0, cut)),
      Buffer.from(key.publicKey, 'base64url'),
    );
    expect(ok).toBe(true);

    const genuine = await json(
      await t.call('POST', '/api/certificates/verify-payload', { body: { payload: issued.payload } }),
    );
    expect(genuine).toMatchObject({ signature: 'valid', register: { result: 'valid' } });
    // A forged QR: someone puts another name in and keeps the signature.
    const forged = issued.payload.replace('|李娜|', '|李明|');
    expect(forged).not.toBe(issued.payload);
    const answer = await json(
      await t.call('POST', '/api/certificates/verify-payload', { body: { payload: forged } }),
    );
    expect(answer).toEqual({ signature: 'invalid' });
    expect(
      await json(
        await t.call('POST', '/api/certificates/verify-payload', { body: { payload: 'HYZM1|junk' } }),
      ),
    ).toEqual({
      signature: 'malformed',
    });
  });

  it('sends every status change to the applicant in their language, then the certificate as a PDF in reply to its announcement', async () => {
    clock.set('2026-11-27T02:00:00Z');
    const migrant = await newMigrant('xishan', 'en');
    const id = await startWithForm(migrant.telegramId);
    await uploadAll(migrant.telegramId, id);
    await t.drainJobs();
    await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: migrant.telegramId });
    await t.call('POST', `/api/review/applications/${id}/claim`, { as: REVIEWER_EAST });
    await t.call('POST', `/api/review/applications/${id}/issue`, { as: REVIEWER_EAST });
    const jobs = await t.drainJobs();
    expect(jobs.map((j) => (j.type === 'notify-user' ? j.messageKey : j.type))).toEqual([
      'certificates:notify.submitted',
      'certificates:notify.inReview',
      'certificates:notify.issued',
      // Queued only once the message announcing it went out.
      'deliver-certificate',
    ]);
    const calls = t.sandbox.calls.filter((c) => c.params.chat_id === migrant.telegramId);
    const en = translator('en', 'certificates');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage', 'sendDocument']);
    expect(calls[0]?.params.text).toBe(en('notify.submitted', { deadline: '2026-12-02 23:59' }));
    const announced = (calls[2]!.response as { result: { message_id: number } }).result.message_id;
    expect(calls[3]?.params.reply_parameters).toMatchObject({ message_id: announced });
    const doc = calls[3]?.params.document as { file_name: string; file_size: number };
    expect(doc.file_name).toMatch(/^DEMO-2026-\d{6}\.pdf$/);
    expect(doc.file_size).toBeGreaterThan(5_000);
    const [cert] = await db.select().from(certificates).where(eq(certificates.applicationId, id));
    expect(cert?.pdfFileId).toBeTruthy();

    const pdf = await t.call('GET', `/api/certificates/${cert!.serial}/pdf`, { as: migrant.telegramId });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).toBe(`attachment; filename="${cert!.serial}.pdf"`);
    expect(pdf.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });
});

describe('telling everything at once and losing nothing', () => {
  it('lists every missing field and document in one answer and leaves the draft as it was', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId, { applicant: { name: '李娜' } });
    const res = await t.call('POST', `/api/certificates/applications/${id}/submit`, {
      as: migrant.telegramId,
    });
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    const paths = body.error.fields!.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'applicant.sex',
        'applicant.birthDate',
        'applicant.idNumber',
        'hukouAddress',
        'currentResidence',
        'marital',
        'documents.id_card',
        'documents.hukou_page',
      ]),
    );
    expect(body.error.fields!.every((f) => !f.message.includes(':'))).toBe(true);
    const after = await json<{ status: string; form: object }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(after).toMatchObject({ status: 'draft', form: { applicant: { name: '李娜' } } });
  });

  it('points at the ID field with a localized message when the check digit is wrong', async () => {
    const migrant = await newMigrant('dongshan', 'en');
    const form = validForm();
    const id17 = form.applicant.idNumber.slice(0, 17);
    const wrong = form.applicant.idNumber.endsWith('1') ? `${id17}2` : `${id17}1`;
    form.applicant.idNumber = wrong;
    const id = await startWithForm(migrant.telegramId, form);
    await uploadAll(migrant.telegramId, id);
    const body = await json<ErrorBody>(
      await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: migrant.telegramId }),
    );
    expect(body.error.fields).toContainEqual({
      path: 'applicant.idNumber',
      message: translator('en', 'certificates')('validation.idCheckDigit'),
    });
  });

  it('refuses a save from a stale copy and keeps what the other device saved', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId, { applicant: { name: '第一台' } });
    const stale = await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
      as: migrant.telegramId,
      body: { form: { applicant: { name: '旧副本' } }, version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await json<ErrorBody>(stale)).error.code).toBe('version_conflict');
    const kept = await json<{ form: { applicant: { name: string } } }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(kept.form.applicant.name).toBe('第一台');
  });

  it('refuses a 50 MB upload with 413 and stores nothing', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId);
    const before = t.files.objects.size;
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    const res = await upload(migrant.telegramId, id, 'id_card', big, 'huge.jpg');
    expect(res.status).toBe(413);
    expect((await json<ErrorBody>(res)).error.message).toContain('10');
    expect(t.files.objects.size).toBe(before);
    const view = await json<{ documents: unknown[] }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    expect(view.documents).toEqual([]);
  });

  it('refuses an executable renamed .jpg with 415 and stores nothing', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId);
    const before = await db.select().from(storedFiles).where(eq(storedFiles.ownerUserId, migrant.userId));
    const res = await upload(migrant.telegramId, id, 'id_card', executableAsJpg(), 'photo.jpg');
    expect(res.status).toBe(415);
    expect(await db.select().from(storedFiles).where(eq(storedFiles.ownerUserId, migrant.userId))).toEqual(
      before,
    );
  });

  it('refuses damaged, oversized and active files with a localized reason, storing nothing', async () => {
    const migrant = await newMigrant('dongshan', 'en');
    const id = await startWithForm(migrant.telegramId);
    const before = await db.select().from(storedFiles).where(eq(storedFiles.ownerUserId, migrant.userId));
    const en = translator('en', 'errors');
    for (const [bytes, name, status, message] of [
      [jpegWithStrayByteAfterExif(), 'id.jpg', 400, en('file_damaged')],
      [truncatedJpeg(), 'id.jpg', 400, en('file_damaged')],
      [
        jpegDeclaring(65_500, 65_500),
        'id.jpg',
        400,
        en('image_too_large', { maxMegapixels: 40, maxSide: 16384 }),
      ],
      [
        pngDeclaring(30_000, 30_000),
        'id.png',
        400,
        en('image_too_large', { maxMegapixels: 40, maxSide: 16384 }),
      ],
      [
        pdfWith({ action: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' }),
        'id.pdf',
        415,
        en('pdf_active_content'),
      ],
      [pdfWithObjectStream('<< >>', { corrupt: true }), 'id.pdf', 415, en('pdf_unreadable')],
    ] as const) {
      const res = await upload(migrant.telegramId, id, 'id_card', bytes, name);
      expect(res.status).toBe(status);
      expect(((await res.json()) as ErrorBody).error.message).toBe(message);
    }
    expect(en('image_too_large', { maxMegapixels: 40, maxSide: 16384 })).toContain('at most 40 megapixels');
    expect(await db.select().from(storedFiles).where(eq(storedFiles.ownerUserId, migrant.userId))).toEqual(
      before,
    );
  });

  it('stores photos without their GPS metadata', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId);
    await upload(migrant.telegramId, id, 'id_card', jpegWithGps(), 'id.jpg');
    const view = await json<{ documents: { id: string }[] }>(
      await t.call('GET', `/api/certificates/applications/${id}`, { as: migrant.telegramId }),
    );
    const file = await t.call(
      'GET',
      `/api/certificates/applications/${id}/documents/${view.documents[0]!.id}`,
      { as: migrant.telegramId },
    );
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(file.headers.get('Content-Type')).toBe('image/jpeg');
    // A download, never a page of this origin, even when the address is opened directly.
    expect(file.headers.get('Content-Disposition')).toBe('attachment');
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(file.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox");
    expect(bytes.includes(Buffer.from('GPSMARKER'))).toBe(false);
    expect(metadataTags(new Uint8Array(bytes))).toEqual([]);
  });

  it('keeps a submitted application locked against changes by the applicant', async () => {
    const app = await submitted();
    const save = await t.call('PUT', `/api/certificates/applications/${app.id}/draft`, {
      as: app.telegramId,
      body: { form: validForm(), version: 99 },
    });
    expect(save.status).toBe(409);
    expect((await json<ErrorBody>(save)).error.code).toBe('application_locked');
    expect((await upload(app.telegramId, app.id, 'id_card', jpegWithGps(), 'x.jpg')).status).toBe(409);
  });
});

describe('who may see and do what', () => {
  it('does not let another migrant see an application or its documents', async () => {
    const app = await submitted();
    const other = await newMigrant();
    expect(
      (await t.call('GET', `/api/certificates/applications/${app.id}`, { as: other.telegramId })).status,
    ).toBe(404);
    const view = await json<{ documents: { id: string }[] }>(
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
    );
    const doc = await t.call(
      'GET',
      `/api/certificates/applications/${app.id}/documents/${view.documents[0]!.id}`,
      {
        as: other.telegramId,
      },
    );
    expect([403, 404]).toContain(doc.status);
  });

  it('does not let an officer open an application outside their villages', async () => {
    const app = await submitted('dongshan');
    const res = await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_SOUTH });
    expect(res.status).toBe(403);
    const queue = await json<{ items: { id: string }[] }>(
      await t.call('GET', '/api/review/applications', { as: REVIEWER_SOUTH }),
    );
    expect(queue.items.map((i) => i.id)).not.toContain(app.id);
  });

  it('does not let a resident issue, or even list the queue', async () => {
    const app = await submitted();
    expect((await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: RESIDENT })).status).toBe(
      403,
    );
    expect((await t.call('GET', '/api/review/applications', { as: RESIDENT })).status).toBe(403);
    expect(
      (await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: app.telegramId })).status,
    ).toBe(403);
  });

  it('keeps drafts private to the applicant', async () => {
    const migrant = await newMigrant();
    const id = await startWithForm(migrant.telegramId);
    expect((await t.call('GET', `/api/review/applications/${id}`, { as: REVIEWER_EAST })).status).toBe(404);
  });

  it('gives the application to the first officer who takes it up, refuses a second claim and records a handover', async () => {
    const app = await submitted('nanhu');
    const second = await createSecondSouthReviewer();
    await t.call('POST', `/api/review/applications/${app.id}/claim`, { as: REVIEWER_SOUTH });
    const late = await t.call('POST', `/api/review/applications/${app.id}/claim`, { as: second.telegramId });
    expect(late.status).toBe(409);
    expect((await json<ErrorBody>(late)).error.code).toBe('invalid_transition');
    const view = await json<{ owner: { displayName: string }; can: { decide: boolean } }>(
      await t.call('GET', `/api/review/applications/${app.id}`, { as: second.telegramId }),
    );
    expect(view).toMatchObject({ owner: { displayName: '周审核' }, can: { decide: false } });
    const notOwner = await t.call('POST', `/api/review/applications/${app.id}/return`, {
      as: second.telegramId,
      body: { items: [{ target: 'other', note: '请补充材料' }] },
    });
    expect(notOwner.status).toBe(403);
    expect((await json<ErrorBody>(notOwner)).error.code).toBe('not_owner');

    const officers = await json<{ officers: { userId: string; displayName: string }[] }>(
      await t.call('GET', `/api/review/applications/${app.id}/officers`, { as: REVIEWER_SOUTH }),
    );
    expect(officers.officers.map((o) => o.userId)).toContain(second.userId);
    const handover = await t.call('POST', `/api/review/applications/${app.id}/handover`, {
      as: REVIEWER_SOUTH,
      body: { toOfficerUserId: second.userId, note: '休假，请接手' },
    });
    expect(handover.status).toBe(204);
    expect(
      (await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: REVIEWER_SOUTH })).status,
    ).toBe(403);
    expect(
      (await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: second.telegramId })).status,
    ).toBe(200);
    const [event] = await db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, 'handed_over')));
    expect(event?.details).toMatchObject({ toOfficerUserId: second.userId, note: '休假，请接手' });
  });

  it('writes every officer read of an application and its documents to the audit log', async () => {
    const app = await submitted();
    const view = await json<{ documents: { id: string }[] }>(
      await t.call('GET', `/api/review/applications/${app.id}`, { as: REVIEWER_EAST }),
    );
    await t.call('GET', `/api/certificates/applications/${app.id}/documents/${view.documents[0]!.id}`, {
      as: REVIEWER_EAST,
    });
    const [officer] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.telegramId, REVIEWER_EAST));
    const entries = await db.select().from(auditLog).where(eq(auditLog.actorUserId, officer!.id));
    const actions = entries
      .filter((e) => e.recordId === app.id || e.recordId === view.documents[0]!.id)
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['certificate_application.read', 'certificate_document.read']),
    );
    // The applicant reading their own documents leaves no officer trail.
    await t.call('GET', `/api/certificates/applications/${app.id}/documents/${view.documents[0]!.id}`, {
      as: app.telegramId,
    });
    const own = await db.select().from(auditLog).where(eq(auditLog.actorUserId, app.userId));
    expect(own).toEqual([]);
  });

  it('lets an admin look and revoke but not issue', async () => {
    const app = await submitted();
    expect((await t.call('GET', `/api/review/applications/${app.id}`, { as: ADMIN })).status).toBe(200);
    const [row] = await db
      .select()
      .from(certificateApplications)
      .where(eq(certificateApplications.id, app.id));
    expect(row?.ownerOfficerId).toBeNull();
    expect((await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: ADMIN })).status).toBe(
      403,
    );
  });
});

describe('deadlines (限时办结)', () => {
  it('escalates an undecided application once when its deadline passes and counts it on the dashboard', async () => {
    clock.set('2026-11-27T02:00:00Z');
    const app = await submitted('hexi');
    await t.drainJobs();
    clock.set('2026-12-03T01:00:00Z'); // Thursday: the Wednesday deadline has passed
    const { escalateOverdueApplications } = await import(
      '../../../core/certificates/escalate-overdue-applications'
    );
    const first = await escalateOverdueApplications({ deps: t.services().deps });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const again = await escalateOverdueApplications({ deps: t.services().deps });
    expect(again.escalated).toBe(0);
    const jobs = await t.drainJobs();
    // Unowned: every reviewer of 河西村 hears about it.
    const [south] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, REVIEWER_SOUTH));
    expect(jobs).toContainEqual(
      expect.objectContaining({ userId: south!.id, messageKey: 'certificates:notify.officerOverdue' }),
    );

    const queue = await json<{ items: { id: string; overdue: boolean }[] }>(
      await t.call('GET', '/api/review/applications?overdue=true', { as: REVIEWER_SOUTH }),
    );
    expect(queue.items.find((i) => i.id === app.id)?.overdue).toBe(true);
    const dashboard = await json<{ overdueNow: number; perVillage: { name: string; overdue: number }[] }>(
      await t.call('GET', '/api/review/dashboard', { as: REVIEWER_SOUTH }),
    );
    expect(dashboard.overdueNow).toBeGreaterThanOrEqual(1);
    expect(dashboard.perVillage.find((v) => v.name === '河西村')?.overdue).toBeGreaterThanOrEqual(1);
  });
});

async function createSecondSouthReviewer() {
  const { officerRoles, townships } = await import('../../../db/schema');
  const telegramId = 910_000_000 + (Date.now() % 1_000_000);
  await t.call('GET', '/api/me', { as: telegramId, headers: {} });
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  const [town] = await db.select({ id: townships.id }).from(townships);
  const south = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'nanhu'));
  await db
    .insert(officerRoles)
    .values({ userId: u!.id, townshipId: town!.id, role: 'reviewer', villageIds: [south[0]!.id] });
  return { telegramId, userId: u!.id };
}

describe('retention', () => {
  it('deletes the evidence of decided applications after the retention period and keeps the certificate', async () => {
    clock.set('2026-11-27T02:00:00Z');
    const app = await submitted();
    await t.call('POST', `/api/review/applications/${app.id}/claim`, { as: REVIEWER_EAST });
    const issued = await json<{ serial: string }>(
      await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: REVIEWER_EAST }),
    );
    const before = await json<{ documents: unknown[] }>(
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
    );
    expect(before.documents).toHaveLength(3);
    const objectsBefore = t.files.objects.size;

    const { purgeExpired } = await import('../../../core/maintenance/purge-expired');
    clock.set('2027-06-01T02:00:00Z'); // within the 365 days
    await purgeExpired({ deps: t.services().deps });
    expect(
      (
        await json<{ documents: unknown[] }>(
          await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
        )
      ).documents,
    ).toHaveLength(3);

    clock.set('2027-11-30T02:00:00Z');
    const purged = await purgeExpired({ deps: t.services().deps });
    expect(purged.decidedDocuments).toBeGreaterThanOrEqual(3);
    const after = await json<{ documents: unknown[]; certificate: { serial: string } }>(
      await t.call('GET', `/api/certificates/applications/${app.id}`, { as: app.telegramId }),
    );
    expect(after.documents).toEqual([]);
    expect(after.certificate.serial).toBe(issued.serial);
    expect(t.files.objects.size).toBeLessThanOrEqual(objectsBefore - 3);
    const left = await db.select().from(storedFiles).where(eq(storedFiles.ownerUserId, app.userId));
    expect(left.every((f) => f.purpose === 'certificate_pdf')).toBe(true);
    clock.set('2026-11-27T02:00:00Z');
  });

  it('deletes a photo sent to the bot that was never attached, a day later', async () => {
    clock.set('2026-11-27T02:00:00Z');
    const migrant = await newMigrant();
    const { storeFile } = await import('../../../core/files/store-file');
    const { PENDING_DOCUMENT_PURPOSE } = await import('../../../core/certificates/receive-bot-document');
    const file = await storeFile({
      deps: t.services().deps,
      ownerUserId: migrant.userId,
      purpose: PENDING_DOCUMENT_PURPOSE,
      bytes: jpegWithGps(),
    });
    const { purgeExpired } = await import('../../../core/maintenance/purge-expired');
    clock.set('2026-11-27T20:00:00Z');
    await purgeExpired({ deps: t.services().deps });
    expect(await db.select().from(storedFiles).where(eq(storedFiles.id, file.id))).toHaveLength(1);
    clock.set('2026-11-28T03:00:00Z');
    await purgeExpired({ deps: t.services().deps });
    expect(await db.select().from(storedFiles).where(eq(storedFiles.id, file.id))).toEqual([]);
    expect(t.files.objects.has(file.objectKey)).toBe(false);
    clock.set('2026-11-27T02:00:00Z');
  });
});
