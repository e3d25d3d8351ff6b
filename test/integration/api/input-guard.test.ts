// The edge guard through the real app: the inputs the hardening review turned into 500s now get the
// usual 400 validation_failed with field paths, localized, before any use case or query runs.
import { describe, expect, it } from 'vitest';
import { nextTelegramId } from '../../fixtures/campaigns';
import type { ErrorBody } from '../../harness/app';
import { createTestApp } from '../../harness/app';

const t = await createTestApp();
const RESIDENT = 900101;
const PUBLICITY = 900003;

async function refused(res: Response) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('validation_failed');
  return body.error.fields ?? [];
}

describe('the edge guard', () => {
  it('refuses a NUL in a path parameter, even anonymously', async () => {
    const fields = await refused(await t.call('GET', '/api/certificates/%00/verify'));
    expect(fields).toEqual([{ path: 'path', message: expect.any(String) }]);
  });

  it('refuses an encoded lone surrogate in the path and a NUL in a query value', async () => {
    await refused(await t.call('GET', '/api/certificates/%ED%A0%80/verify'));
    const fields = await refused(
      await t.call('GET', '/api/review/applications?villageId=1%00', { as: 900002 }),
    );
    expect(fields.map((f) => f.path)).toEqual(['villageId']);
  });

  it('refuses ids beyond int4 in paths, queries and bodies, naming the field', async () => {
    expect(
      (await refused(await t.call('GET', '/api/villages/2147483648/summary', { as: 900001 })))[0]?.path,
    ).toBe('villageId');
    const count = await refused(
      await t.call('GET', '/api/campaigns/audience/count?topic=care_for_girls&villageIds=1,2147483648', {
        as: PUBLICITY,
      }),
    );
    expect(count[0]?.path).toMatch(/^villageIds/);
    const me = await refused(
      await t.call('PATCH', '/api/me', { as: RESIDENT, body: { villageId: 2 ** 31 } }),
    );
    expect(me).toEqual([{ path: 'villageId', message: expect.any(String) }]);
  });

  it('refuses NUL and lone surrogates in JSON text fields, with the path and a localized message', async () => {
    const res = await t.call('POST', '/api/campaigns', {
      as: PUBLICITY,
      headers: { 'Accept-Language': 'en' },
      body: { title: 'a\u0000b', topic: 'care_for_girls', audience: { villageIds: [] } },
    });
    const fields = await refused(res);
    expect(fields).toEqual([{ path: 'title', message: expect.stringContaining('not allowed') }]);
    const surrogate = await t.call('PUT', '/api/me/topics', { as: RESIDENT, body: { topics: ['\ud800'] } });
    expect((await refused(surrogate))[0]?.path).toBe('topics.0');
  });

  it('refuses an over-long text and an over-large JSON body', async () => {
    const long = await t.call('PATCH', '/api/me', { as: RESIDENT, body: { language: 'x'.repeat(20_000) } });
    expect((await refused(long))[0]?.path).toBe('language');
    const huge = await t.call('PATCH', '/api/me', { as: RESIDENT, body: { x: 'y'.repeat(600_000) } });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe('request_too_large');
  });

  it('checks multipart fields too', async () => {
    const form = new FormData();
    form.append('kind', 'id_card\u0000');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'x.jpg');
    // A person of this test's own: starting an application must not touch the demo people's files.
    const applicant = nextTelegramId();
    const start = await t.call('POST', '/api/certificates/applications', { as: applicant });
    const { id } = (await start.json()) as { id: string };
    const res = await t.call('POST', `/api/certificates/applications/${id}/documents`, {
      as: applicant,
      body: form,
    });
    expect(await refused(res)).toEqual([{ path: 'kind', message: expect.any(String) }]);
  });

  it('lets Chinese, emoji and proper surrogate pairs through', async () => {
    const res = await t.call('GET', `/api/certificates/${encodeURIComponent('东山😀')}/verify`);
    expect(res.status).not.toBe(500);
    const ok = await t.call('POST', '/api/certificates/verify-payload', {
      body: { payload: '婚育证明 😀 👨‍👩‍👧' },
    });
    expect(ok.status).toBe(200);
  });

  it('leaves Telegram’s webhook alone (its user ids exceed int4)', async () => {
    const res = await t.call('POST', '/telegram/webhook', {
      body: { update_id: 1, message: { from: { id: 2 ** 33 } } },
    });
    expect(res.status).toBe(401); // the secret is checked, not the ids
  });
});
