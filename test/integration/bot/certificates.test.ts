// The certificate companion in chat, through the real webhook and the Telegram sandbox: documents
// sent as photos or files are attached to the open application, /status, and status messages.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { users, villages } from '../../../db/schema';
import { executableAsJpg, jpegWithGps, pngWithText, smallPdf, validForm } from '../../fixtures/certificates';
import { jpegDeclaring, pdfWithObjectStream, truncatedJpeg } from '../../fixtures/uploads';
import { createTestApp, type TestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';
import { issueTestCertificate, revokeTestCertificate } from '../../harness/issued-certificate';

const db = useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;
const REVIEWER_EAST = 900002;

beforeAll(async () => {
  t = await createTestApp();
  bot = botDriver(t);
});

let seq = 0;
async function migrant(language: 'zh-CN' | 'en' = 'zh-CN') {
  seq += 1;
  const id = 500_000_000 + (Date.now() % 10_000_000) * 10 + seq;
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
  await t.call('PATCH', '/api/me', { as: id, body: { villageId: v!.id, language } });
  const user = { id, first_name: `迁移${seq}`, language_code: language === 'en' ? 'en' : 'zh-hans' };
  return user;
}

async function startApplication(telegramId: number, form: object = validForm()) {
  const { id } = (await (
    await t.call('POST', '/api/certificates/applications', { as: telegramId })
  ).json()) as { id: string };
  await t.call('PUT', `/api/certificates/applications/${id}/draft`, {
    as: telegramId,
    body: { form, version: 1 },
  });
  return id;
}

async function view(telegramId: number, id: string) {
  return (await (await t.call('GET', `/api/certificates/applications/${id}`, { as: telegramId })).json()) as {
    status: string;
    documents: { kind: string; source: string; contentType: string; label: string | null }[];
  };
}

describe('documents sent to the bot', () => {
  it('asks which document a photo is and attaches it to the open application', async () => {
    const user = await migrant('en');
    const id = await startApplication(user.id);
    const [question] = await bot.sendPhoto(user, jpegWithGps());
    const en = translator('en', 'certificates');
    expect(question?.text).toBe(en('bot.whichDocument'));
    expect(question?.buttons.map((b) => b.text)).toEqual([
      en('documentKind.id_card'),
      en('documentKind.hukou_page'),
      en('documentKind.marriage_certificate'),
      en('documentKind.other'),
    ]);
    const idCard = question!.buttons[0]!;
    const replies = await bot.press(user, question!.message!, idCard.data!);
    expect(replies.find((r) => r.method === 'editMessageText')?.text).toBe(
      en('bot.attached', { kind: en('documentKind.id_card') }),
    );
    expect((await view(user.id, id)).documents).toEqual([
      expect.objectContaining({ kind: 'id_card', source: 'bot', contentType: 'image/jpeg' }),
    ]);
  });

  it('takes PDFs and PNGs sent as files too', async () => {
    const user = await migrant();
    const id = await startApplication(user.id);
    const [q1] = await bot.sendDocument(user, smallPdf(), '结婚证.pdf', 'application/pdf');
    await bot.press(user, q1!.message!, q1!.buttons[2]!.data!);
    const [q2] = await bot.sendDocument(user, pngWithText(), 'hukou.png', 'image/png');
    await bot.press(user, q2!.message!, q2!.buttons[1]!.data!);
    const kinds = (await view(user.id, id)).documents.map((d) => d.kind).sort();
    expect(kinds).toEqual(['hukou_page', 'marriage_certificate']);
  });

  it('refuses an executable sent as a file, in the person’s language, and attaches nothing', async () => {
    const user = await migrant('en');
    const id = await startApplication(user.id);
    const replies = await bot.sendDocument(user, executableAsJpg(), 'photo.jpg', 'image/jpeg');
    expect(replies.at(-1)?.text).toBe(translator('en', 'errors')('unsupported_media_type'));
    expect((await view(user.id, id)).documents).toEqual([]);
  });

  it('explains in the person’s language why a damaged photo or an active PDF is refused', async () => {
    const user = await migrant('en');
    const id = await startApplication(user.id);
    const en = translator('en', 'errors');
    expect((await bot.sendPhoto(user, truncatedJpeg())).at(-1)?.text).toBe(en('file_damaged'));
    expect((await bot.sendPhoto(user, jpegDeclaring(65_500, 65_500))).at(-1)?.text).toBe(
      en('image_too_large', { maxMegapixels: 40, maxSide: 16384 }),
    );
    const script = pdfWithObjectStream('<< /S /JavaScript /JS (app.alert\\(1\\)) >>');
    const replies = await bot.sendDocument(user, script, 'proof.pdf', 'application/pdf');
    expect(replies.at(-1)?.text).toBe(en('pdf_active_content'));
    expect((await view(user.id, id)).documents).toEqual([]);
  });

  it('spends the same upload budget as the mini app: past it, a document is refused with the wait', async () => {
    const user = await migrant('en');
    await startApplication(user.id);
    for (let i = 0; i < 30; i++) await bot.sendPhoto(user, jpegWithGps());
    const downloads = t.sandbox.callsTo('getFile').length;
    const refused = await bot.sendPhoto(user, jpegWithGps());
    expect(refused.at(-1)?.text).toMatch(/^Too many requests; please try again in \d+ seconds\.$/);
    // Refused before anything was fetched from Telegram or stored.
    expect(t.sandbox.callsTo('getFile').length).toBe(downloads);
  });

  it('says how to start when there is no application', async () => {
    const user = await migrant();
    const replies = await bot.sendPhoto(user, jpegWithGps());
    expect(replies.at(-1)?.text).toBe(translator('zh-CN', 'errors')('no_open_application'));
  });

  it('explains that a submitted application cannot take new documents', async () => {
    const user = await migrant();
    const id = await startApplication(user.id);
    for (const [kind, bytes, name] of [
      ['id_card', jpegWithGps(), 'a.jpg'],
      ['hukou_page', pngWithText(), 'b.png'],
      ['marriage_certificate', smallPdf(), 'c.pdf'],
    ] as const) {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
      await t.call('POST', `/api/certificates/applications/${id}/documents`, { as: user.id, body: form });
    }
    expect(
      (await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: user.id })).status,
    ).toBe(200);
    const replies = await bot.sendPhoto(user, jpegWithGps());
    expect(replies.at(-1)?.text).toBe(translator('zh-CN', 'errors')('application_locked'));
    expect((await view(user.id, id)).documents).toHaveLength(3);
  });

  it('attaches an "other" document under the name the applicant types next', async () => {
    const user = await migrant();
    const id = await startApplication(user.id);
    const zh = translator('zh-CN', 'certificates');
    const [question] = await bot.sendDocument(user, smallPdf(), 'juzhuzheng.pdf', 'application/pdf');
    const other = question!.buttons.find((b) => b.text === zh('documentKind.other'))!;
    const asked = await bot.press(user, question!.message!, other.data!);
    expect(asked.find((r) => r.method === 'editMessageText')?.text).toBe(zh('bot.askOtherLabel'));
    const [done] = await bot.send(user, '居住证');
    expect(done?.text).toBe(zh('bot.attached', { kind: '居住证' }));
    expect((await view(user.id, id)).documents).toEqual([
      expect.objectContaining({
        kind: 'other',
        label: '居住证',
        source: 'bot',
        contentType: 'application/pdf',
      }),
    ]);
    // The file is attached once: the next text is an ordinary message again.
    const [after] = await bot.send(user, '你好');
    expect(after?.text).not.toBe(zh('bot.attached', { kind: '你好' }));
    expect((await view(user.id, id)).documents).toHaveLength(1);
  });

  it('refuses a name that is too long and keeps waiting for a proper one', async () => {
    const user = await migrant('en');
    const id = await startApplication(user.id);
    const en = translator('en', 'certificates');
    const [question] = await bot.sendPhoto(user, jpegWithGps());
    await bot.press(user, question!.message!, question!.buttons[3]!.data!);
    const [refused] = await bot.send(user, 'x'.repeat(41));
    expect(refused?.text).toBe(en('validation.documentLabelLength'));
    const [done] = await bot.send(user, 'Residence permit');
    expect(done?.text).toBe(en('bot.attached', { kind: 'Residence permit' }));
    expect((await view(user.id, id)).documents).toEqual([
      expect.objectContaining({ kind: 'other', label: 'Residence permit', source: 'bot' }),
    ]);
  });
});

describe('/status and status messages', () => {
  it('shows where the application stands with a button to it', async () => {
    const user = await migrant();
    const [none] = await bot.send(user, '/status');
    expect(none?.text).toBe(translator('zh-CN', 'certificates')('bot.noApplication'));
    const id = await startApplication(user.id);
    const [draft] = await bot.send(user, '/status');
    expect(draft?.text).toBe(translator('zh-CN', 'certificates')('bot.status.draft'));
    expect(draft?.buttons[0]?.webAppUrl).toBe(`https://township.example/app/certificates/applications/${id}`);
  });

  it('says a revoked certificate is revoked, never "valid until"', async () => {
    const issued = await issueTestCertificate(t, db);
    const user = { id: issued.telegramId, first_name: '李娜', language_code: 'zh-hans' };
    const zh = translator('zh-CN', 'certificates');
    const [before] = await bot.send(user, '/status');
    expect(before?.text).toBe(
      zh('bot.status.issued', { serial: issued.serial, validUntil: issued.validUntil }),
    );
    await revokeTestCertificate(t, issued.serial);
    const [after] = await bot.send(user, '/status');
    expect(after?.text).toBe(zh('bot.status.revoked', { serial: issued.serial }));
    expect(after?.text).not.toContain(issued.validUntil);
  });

  it('sends the return checklist to the applicant with a button that opens the application', async () => {
    const user = await migrant('en');
    const id = await startApplication(user.id);
    for (const [kind, bytes] of [
      ['id_card', jpegWithGps()],
      ['hukou_page', pngWithText()],
      ['marriage_certificate', smallPdf()],
    ] as const) {
      const [q] = await bot.sendPhoto(user, bytes);
      const code = { id_card: 0, hukou_page: 1, marriage_certificate: 2 }[kind];
      await bot.press(user, q!.message!, q!.buttons[code]!.data!);
    }
    expect(
      (await t.call('POST', `/api/certificates/applications/${id}/submit`, { as: user.id })).status,
    ).toBe(200);
    await t.call('POST', `/api/review/applications/${id}/claim`, { as: REVIEWER_EAST });
    const items = [
      { target: 'document:id_card', note: 'The ID card photo is blurred; retake it in daylight' },
      { target: 'field:hukouAddress', note: 'Write the group and house number' },
    ];
    await t.call('POST', `/api/review/applications/${id}/return`, { as: REVIEWER_EAST, body: { items } });
    await t.drainJobs();
    const messages = bot.callsTo(user.id).filter((c) => c.method === 'sendMessage');
    const last = messages.at(-1)!;
    expect(last.text).toBe(
      translator('en', 'certificates')('notify.returned', {
        count: 2,
        items: items.map((i, n) => `${n + 1}. ${i.note}`).join('\n'),
      }),
    );
    expect(last.buttons[0]).toMatchObject({
      text: translator('en', 'certificates')('notify.open'),
      webAppUrl: `https://township.example/app/certificates/applications/${id}`,
    });
    const [row] = await db
      .select({ language: users.language })
      .from(users)
      .where(eq(users.telegramId, user.id));
    expect(row?.language).toBe('en');
  });
});
