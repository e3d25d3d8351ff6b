// Issues a certificate through the API (a new migrant of 东山村 applies with every document, the
// reviewer of 东山村 claims and issues): for tests about what happens to a certificate afterwards.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/client';
import { villages } from '../../db/schema';
import { smallPdf, validForm } from '../fixtures/certificates';
import type { TestApp } from './app';

export const REVIEWER_DONGSHAN = 900002;

let seq = 0;

export interface IssuedCertificate {
  telegramId: number;
  applicationId: string;
  serial: string;
  checkCode: string;
  validUntil: string;
  payload: string;
}

export async function issueTestCertificate(t: TestApp, db: Db, name = '李娜'): Promise<IssuedCertificate> {
  seq += 1;
  const telegramId = 700_000_000 + (Date.now() % 10_000_000) * 10 + seq;
  const [village] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
  await t.call('PATCH', '/api/me', { as: telegramId, body: { villageId: village!.id, language: 'zh-CN' } });
  const { id } = (await (
    await t.call('POST', '/api/certificates/applications', { as: telegramId })
  ).json()) as {
    id: string;
  };
  const ok = (res: Response) => expect(res.status).toBeLessThan(300);
  ok(
    await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
      as: telegramId,
      body: { form: validForm({ name }), version: 1 },
    }),
  );
  for (const kind of ['id_card', 'hukou_page', 'marriage_certificate']) {
    const form = new FormData();
    form.set('kind', kind);
    form.set('file', new File([smallPdf() as Uint8Array<ArrayBuffer>], `${kind}.pdf`));
    ok(
      await t.call('POST', `/api/certificates/applications/${id}/documents`, { as: telegramId, body: form }),
    );
  }
  ok(await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: telegramId }));
  ok(await t.call('POST', `/api/review/applications/${id}/claim`, { as: REVIEWER_DONGSHAN }));
  const issued = await t.call('POST', `/api/review/applications/${id}/issue`, { as: REVIEWER_DONGSHAN });
  ok(issued);
  return {
    telegramId,
    applicationId: id,
    ...((await issued.json()) as Omit<IssuedCertificate, 'telegramId' | 'applicationId'>),
  };
}

export async function revokeTestCertificate(t: TestApp, serial: string): Promise<void> {
  const res = await t.call('POST', `/api/review/certificates/${serial}/revoke`, {
    as: REVIEWER_DONGSHAN,
    body: { reason: '申请材料不实，证明撤销' },
  });
  expect(res.status).toBe(200);
}
