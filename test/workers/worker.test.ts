import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../api/index';
import { buildServices } from '../../api/services';
import { readFile } from '../../core/files/read-file';
import { storeFile } from '../../core/files/store-file';
import { translator } from '../../core/i18n';
import { auditLog, storedFiles, telegramUpdates, users } from '../../db/schema';
import { GPS_MARKER, mpoWithGpsInSecondFrame, pdfWithObjectStream } from '../fixtures/uploads';
import { textUpdate } from '../harness/telegram-updates';
import { bindings, randomTelegramId, testDb, waitForChatCalls } from './helpers';

/** The same deps the Worker builds from its bindings, for calling use cases directly. */
const deps = () => buildServices(bindings, {}, { requestId: 'workerd-test' }).deps;

async function newUser(language: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN') {
  const [row] = await testDb()
    .insert(users)
    .values({ telegramId: randomTelegramId(), displayName: 'Test', language })
    .returning();
  return row!;
}

function postUpdate(update: object, secret = bindings.TELEGRAM_WEBHOOK_SECRET) {
  return SELF.fetch('http://worker.test/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update),
  });
}

describe('the Worker inside workerd', () => {
  it('answers /healthz after a real database round trip', async () => {
    const res = await SELF.fetch('http://worker.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 503 from /healthz when the database cannot be reached', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('http://worker.test/healthz'),
      { ...bindings, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
  });

  it('fails fast naming the missing secret', async () => {
    const ctx = createExecutionContext();
    const { TELEGRAM_BOT_TOKEN: _omitted, ...rest } = bindings;
    const res = await worker.fetch(new Request('http://worker.test/healthz'), rest, ctx);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; detail: string } };
    expect(body.error.code).toBe('config_invalid');
    expect(body.error.detail).toContain('TELEGRAM_BOT_TOKEN');
  });

  it('handles a webhook update through the bot once, even when Telegram delivers it twice', async () => {
    const telegramId = randomTelegramId();
    const update = textUpdate({ id: telegramId, first_name: 'Workerd', language_code: 'en' }, '/help', {
      update_id: randomTelegramId(),
    });
    const first = await postUpdate(update);
    expect(first.status).toBe(200);
    const replay = await postUpdate(update);
    expect(replay.status).toBe(200);
    const calls = await waitForChatCalls(telegramId, 1);
    await new Promise((r) => setTimeout(r, 300)); // a second reply would have arrived by now
    const after = await waitForChatCalls(telegramId, 2, 500);
    expect(calls[0]?.params.text).toBe(translator('en', 'bot')('help'));
    expect(after).toHaveLength(1);
    const [claimed] = await testDb()
      .select()
      .from(telegramUpdates)
      .where(eq(telegramUpdates.updateId, update.update_id));
    expect(claimed?.status).toBe('done');
  });

  it('rejects a webhook call without the secret header', async () => {
    const res = await postUpdate(
      textUpdate({ id: randomTelegramId() }, '/start'),
      'wrong-secret-wrong-secret',
    );
    expect(res.status).toBe(401);
  });

  it('delivers a notification job from the Queue to the person in their language', async () => {
    const user = await newUser('zh-TW');
    await bindings.JOBS.send({ type: 'notify-user', userId: user.id, messageKey: 'languageSet', params: {} });
    const calls = await waitForChatCalls(user.telegramId, 1, 15_000);
    expect(calls[0]?.method).toBe('sendMessage');
    expect(calls[0]?.params.text).toBe(translator('zh-TW', 'bot')('languageSet'));
  });

  it('acknowledges malformed jobs and retries a job whose send failed', async () => {
    const user = await newUser();
    const batch = createMessageBatch('township-jobs', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { type: 'unknown' } },
      {
        id: 'ok',
        timestamp: new Date(),
        attempts: 1,
        body: { type: 'notify-user', userId: user.id, messageKey: 'help' },
      },
    ]);
    const ctx = createExecutionContext();
    // Telegram unreachable: the job must be retried by the queue, not lost.
    await worker.queue(batch, { ...bindings, TELEGRAM_API_ROOT: 'http://127.0.0.1:1' });
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toContain('bad');
    expect(result.retryMessages.map((m) => m.msgId)).toContain('ok');
  });

  it('runs the cron trigger and purges claimed update ids older than a week', async () => {
    const db = testDb();
    const oldId = randomTelegramId();
    await db
      .insert(telegramUpdates)
      .values({ updateId: oldId, status: 'done', receivedAt: new Date(Date.now() - 8 * 86_400_000) });
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), bindings);
    const left = await testDb().select().from(telegramUpdates).where(eq(telegramUpdates.updateId, oldId));
    expect(left).toHaveLength(0);
  });

  it('stores a document in R2 with its checksum and lets an officer read it only with an audit entry', async () => {
    const owner = await newUser();
    const pdf = new TextEncoder().encode('%PDF-1.4\n% test document\n');
    const row = await storeFile({
      deps: deps(),
      store: bindings.FILES,
      ownerUserId: owner.id,
      purpose: 'test',
      bytes: pdf,
    });
    expect(row.contentType).toBe('application/pdf');
    expect(row.sizeBytes).toBe(pdf.byteLength);
    const object = await bindings.FILES.get(row.objectKey);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(pdf);

    const admin = {
      userId: (await newUser()).id,
      telegramId: 1,
      villageId: null,
      roles: [{ role: 'admin' as const, villageIds: null }],
    };
    const read = await readFile({ deps: deps(), store: bindings.FILES, actor: admin, fileId: row.id });
    expect(read.bytes).toEqual(pdf);
    const audits = await testDb().select().from(auditLog).where(eq(auditLog.recordId, row.id));
    expect(audits.map((a) => a.action)).toEqual(['file.read']);
    const [meta] = await testDb().select().from(storedFiles).where(eq(storedFiles.id, row.id));
    expect(meta?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cleans and checks uploads in the Workers runtime: photos rewritten, scripts in object streams refused', async () => {
    const owner = await newUser();
    const store = (bytes: Uint8Array) =>
      storeFile({ deps: deps(), store: bindings.FILES, ownerUserId: owner.id, purpose: 'test', bytes });
    const photo = await store(mpoWithGpsInSecondFrame());
    const kept = new Uint8Array(await (await bindings.FILES.get(photo.objectKey))!.arrayBuffer());
    expect(new TextDecoder('latin1').decode(kept)).not.toContain(GPS_MARKER);
    // DecompressionStream inflates the object stream here as it does in Node.
    const script = pdfWithObjectStream('<< /S /JavaScript /JS (app.alert\\(1\\)) >>');
    await expect(store(script)).rejects.toMatchObject({ code: 'pdf_active_content' });
    await expect(store(pdfWithObjectStream('<< /S /GoTo /D [3 0 R /Fit] >>'))).resolves.toMatchObject({
      contentType: 'application/pdf',
    });
  });
});
