// Certificates in the real Workers runtime: the whole path from submission to a PDF in the chat —
// multipart upload into R2, the Queue delivering the issue job, pdf-lib rendering with the CJK font
// read from the static assets, and sendDocument to the Telegram sandbox — plus the public check.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signInitData } from '../../core/auth/init-data';
import { withCheckDigit } from '../../core/certificates/resident-id';
import { LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { randomTelegramId, waitForChatCalls } from './helpers';

const REVIEWER_EAST = 900002;

async function call(method: string, path: string, as: number | null, body?: BodyInit | object) {
  const headers: Record<string, string> = {};
  if (as !== null) {
    headers.Authorization = `tma ${await signInitData({ user: { id: as, first_name: 'W' }, botToken: LOCAL_BOT_TOKEN, authDate: new Date() })}`;
  }
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  return SELF.fetch(`http://worker.test${path}`, { method, headers, body: payload });
}

describe('certificates inside workerd', () => {
  it('issues a certificate whose PDF is rendered by the queue and sent to the holder', async () => {
    const migrant = randomTelegramId();
    const villages = (await (await call('GET', '/api/villages', migrant)).json()) as {
      villages: { id: number; code: string }[];
    };
    const dongshan = villages.villages.find((v) => v.code === 'dongshan')!.id;
    await call('PATCH', '/api/me', migrant, { villageId: dongshan, language: 'zh-CN' });
    const { id } = (await (await call('POST', '/api/certificates/applications', migrant)).json()) as {
      id: string;
    };
    const form = {
      applicant: {
        name: '赵云',
        sex: 'male',
        birthDate: '1990-05-01',
        idNumber: withCheckDigit('11010519900501003'),
      },
      hukouAddress: '示范镇东山村一组1号',
      currentResidence: { address: '浙江省杭州市西湖区文三路100号' },
      marital: { status: 'unmarried' },
      children: [],
    };
    expect(
      (await call('PUT', `/api/certificates/applications/${id}/draft`, migrant, { form, version: 1 })).status,
    ).toBe(200);
    for (const kind of ['id_card', 'hukou_page']) {
      const body = new FormData();
      body.set('kind', kind);
      body.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], `${kind}.pdf`));
      expect(
        (await call('POST', `/api/certificates/applications/${id}/documents`, migrant, body)).status,
      ).toBe(201);
    }
    expect((await call('POST', `/api/certificates/applications/${id}/submit`, migrant)).status).toBe(200);
    expect((await call('POST', `/api/review/applications/${id}/claim`, REVIEWER_EAST)).status).toBe(200);
    const issued = (await (
      await call('POST', `/api/review/applications/${id}/issue`, REVIEWER_EAST)
    ).json()) as {
      serial: string;
      checkCode: string;
    };
    expect(issued.serial).toMatch(/^DEMO-\d{4}-\d{6}$/);

    // submitted, in review, the PDF and the "issued" message reach the chat through the Queue.
    const calls = await waitForChatCalls(migrant, 4, 20_000);
    // The PDF comes after the message announcing it, as its reply.
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage', 'sendDocument']);
    const announced = (calls[2]!.response as { result: { message_id: number } }).result.message_id;
    expect(calls[3]!.params.reply_parameters).toMatchObject({ message_id: announced });
    const document = calls.find((c) => c.method === 'sendDocument');
    expect(document?.status).toBe(200);
    const sent = document!.params.document as { file_name: string; file_size: number };
    expect(sent.file_name).toBe(`${issued.serial}.pdf`);
    expect(sent.file_size).toBeGreaterThan(5_000);

    const pdf = await call('GET', `/api/certificates/${issued.serial}/pdf`, migrant);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');

    const path = `/api/certificates/${issued.serial}/verify?c=${issued.checkCode}`;
    const check = (await (await call('GET', path, null)).json()) as {
      result: string;
      holder: { name: string };
    };
    expect(check).toMatchObject({ result: 'valid', holder: { name: '赵*' } });
  });
});
