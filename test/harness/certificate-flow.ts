// A migrant's way through the certificate API, step by step, for tests that need applications in a
// given state: a fresh person (nobody else's shared state), a complete form, documents, submission,
// an officer's claim and return.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/client';
import { users, villages } from '../../db/schema';
import { jpegWithGps, pngWithText, smallPdf, validForm } from '../fixtures/certificates';
import type { TestApp } from './app';

let seq = 0;

export async function villageId(db: Db, code: string): Promise<number> {
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, code));
  return v!.id;
}

/** A person seen for the first time, filed in `village` (telegram ids no demo user has). */
export async function newMigrant(t: TestApp, db: Db, village = 'dongshan') {
  seq += 1;
  const telegramId = 760_000_000 + (Date.now() % 1_000_000) * 10 + (seq % 10);
  const res = await t.call('PATCH', '/api/me', {
    as: telegramId,
    body: { villageId: await villageId(db, village) },
  });
  expect(res.status).toBe(200);
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return { telegramId, userId: u!.id };
}

/** A draft with a complete form for `village` and all three documents; returns its id and version. */
export async function completeDraft(t: TestApp, db: Db, telegramId: number, village = 'dongshan') {
  const { id } = (await (
    await t.call('POST', '/api/certificates/applications', { as: telegramId })
  ).json()) as {
    id: string;
  };
  const saved = await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
    as: telegramId,
    body: { form: validForm(), villageId: await villageId(db, village), version: 1 },
  });
  expect(saved.status).toBe(200);
  for (const [kind, bytes, name] of [
    ['id_card', jpegWithGps(), 'id.jpg'],
    ['hukou_page', pngWithText(), 'hukou.png'],
    ['marriage_certificate', smallPdf(), 'marriage.pdf'],
  ] as const) {
    const form = new FormData();
    form.set('kind', kind);
    form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    const res = await t.call('POST', `/api/certificates/applications/${id}/documents`, {
      as: telegramId,
      body: form,
    });
    expect(res.status).toBe(201);
  }
  return id;
}

export async function submit(t: TestApp, telegramId: number, id: string) {
  const res = await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: telegramId });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string };
}

/** Submitted by a fresh migrant of `village`, taken up by `reviewer` when given. */
export async function submittedApplication(t: TestApp, db: Db, village = 'dongshan', reviewer?: number) {
  const migrant = await newMigrant(t, db, village);
  const id = await completeDraft(t, db, migrant.telegramId, village);
  await submit(t, migrant.telegramId, id);
  if (reviewer)
    expect((await t.call('POST', `/api/review/applications/${id}/claim`, { as: reviewer })).status).toBe(200);
  return { ...migrant, id };
}

/** The owner returns it asking for one more thing. */
export async function returnToApplicant(t: TestApp, reviewer: number, id: string) {
  const res = await t.call('POST', `/api/review/applications/${id}/return`, {
    as: reviewer,
    body: { items: [{ target: 'other', note: '请核对户籍所在村' }] },
  });
  expect(res.status).toBe(200);
}
