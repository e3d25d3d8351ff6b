// Records for the authorization sweep, written straight to the database (fast, and in exactly the
// state a row of core/auth/access-table.ts names): applications of 东山村 owned by 900002, issued
// certificates, campaigns by 900003 or 900007 in every stage, guide pages. cleanup() removes them.
import { eq, inArray, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { CAMPAIGN_IMAGE_PURPOSE } from '../../core/campaigns/campaign-image';
import { DOCUMENT_PURPOSE } from '../../core/certificates/add-document';
import type { Db } from '../../db/client';
import {
  applicationDocuments,
  applicationEvents,
  type CampaignStatus,
  campaignDeliveries,
  campaigns,
  campaignVariants,
  certificateApplications,
  certificates,
  guidePages,
  type OfficerRole,
  officerInvites,
  officerRoles,
  storedFiles,
  townships,
  users,
  villages,
} from '../../db/schema';
import { jpegWithGps, pngWithText, validForm } from '../fixtures/certificates';
import type { TestApp } from './app';
import { villageId } from './certificate-flow';

export const SWEEP_TITLE = 'sweep ·';
const OWNER = 900002;

export interface Person {
  telegramId: number;
  userId: string;
}

export function sweepFixtures(t: TestApp, db: Db) {
  const people: string[] = [];
  const slugs: string[] = [];
  const userIds = new Map<number, string>();
  let seq = 0;

  async function userIdOf(telegramId: number): Promise<string> {
    if (!userIds.has(telegramId)) {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
      userIds.set(telegramId, u!.id);
    }
    return userIds.get(telegramId)!;
  }

  async function storedFile(ownerUserId: string, purpose: string, bytes: Uint8Array, contentType: string) {
    const objectKey = `sweep/${crypto.randomUUID()}`;
    await t.files.put(objectKey, bytes, { httpMetadata: { contentType } });
    const [f] = await db
      .insert(storedFiles)
      .values({ objectKey, ownerUserId, contentType, sizeBytes: bytes.byteLength, sha256: 'sweep', purpose })
      .returning({ id: storedFiles.id });
    return f!.id;
  }

  /** A migrant of 东山村 nobody has seen before (ids in a range no other test file uses). */
  async function person(): Promise<Person> {
    seq += 1;
    const telegramId = 600_000_000 + (Date.now() % 1_000_000) * 100 + (seq % 100);
    const [u] = await db
      .insert(users)
      .values({
        telegramId,
        displayName: `Sweep ${seq}`,
        villageId: await villageId(db, 'dongshan'),
        populationStatus: 'moved_away',
      })
      .returning({ id: users.id });
    people.push(u!.id);
    return { telegramId, userId: u!.id };
  }

  /** An application of 东山村 with its three documents: a draft, submitted (nobody's yet), or in review owned by 900002. */
  async function application(status: 'draft' | 'submitted' | 'in_review') {
    const applicant = await person();
    const now = t.clock.now();
    const submitted = status !== 'draft';
    const [row] = await db
      .insert(certificateApplications)
      .values({
        applicantUserId: applicant.userId,
        villageId: await villageId(db, 'dongshan'),
        status,
        form: validForm() as unknown as Record<string, unknown>,
        submissionCount: submitted ? 1 : 0,
        submittedAt: submitted ? now : null,
        deadlineAt: submitted ? new Date(now.getTime() + 3 * 86_400_000) : null,
        ownerOfficerId: status === 'in_review' ? await userIdOf(OWNER) : null,
        ownedSince: status === 'in_review' ? now : null,
      })
      .returning({ id: certificateApplications.id });
    const fileId = await storedFile(applicant.userId, DOCUMENT_PURPOSE, jpegWithGps(), 'image/jpeg');
    const docs = await db
      .insert(applicationDocuments)
      .values(
        (['id_card', 'hukou_page', 'marriage_certificate'] as const).map((kind) => ({
          applicationId: row!.id,
          kind,
          fileId,
          source: 'mini_app' as const,
        })),
      )
      .returning({ id: applicationDocuments.id });
    await db
      .insert(applicationEvents)
      .values({ applicationId: row!.id, type: 'created', actorUserId: applicant.userId });
    return { applicant, id: row!.id, documentId: docs[0]!.id };
  }

  /** A certificate issued through the API by its owner, its PDF already stored (no rendering). */
  async function certificate() {
    const app = await application('in_review');
    const res = await t.call('POST', `/api/review/applications/${app.id}/issue`, { as: OWNER });
    expect(res.status).toBe(200);
    const [cert] = await db.select().from(certificates).where(eq(certificates.applicationId, app.id));
    const pdfFileId = await storedFile(
      app.applicant.userId,
      'certificate_pdf',
      new Uint8Array([37, 80, 68, 70]),
      'application/pdf',
    );
    await db.update(certificates).set({ pdfFileId }).where(eq(certificates.id, cert!.id));
    return { ...app, serial: cert!.serial, checkCode: cert!.checkCode, payload: cert!.payload };
  }

  /** A campaign for 东山村 with a zh-CN variant (and image) in `status`, written by `author`. */
  async function campaign(
    status: CampaignStatus,
    author: number,
    options: { failedDelivery?: boolean } = {},
  ) {
    const createdBy = await userIdOf(author);
    const now = t.clock.now();
    const approved = !['draft', 'submitted'].includes(status);
    const [row] = await db
      .insert(campaigns)
      .values({
        title: `${SWEEP_TITLE} ${status}`,
        topic: 'marriage_customs',
        status,
        audience: { villageIds: [await villageId(db, 'dongshan')], languages: [], statuses: [] },
        createdBy,
        submittedAt: status === 'draft' ? null : now,
        approvedBy: approved ? await userIdOf(author === 900003 ? 900007 : 900003) : null,
        approvedAt: approved ? now : null,
        startedAt: ['sending', 'sent'].includes(status) ? now : null,
        finishedAt: status === 'sent' ? now : null,
        materialized: status === 'sent',
      })
      .returning({ id: campaigns.id });
    const imageFileId = await storedFile(createdBy, CAMPAIGN_IMAGE_PURPOSE, pngWithText(), 'image/png');
    await db
      .insert(campaignVariants)
      .values({ campaignId: row!.id, language: 'zh-CN', text: '<b>婚育新风进万家</b> 测试', imageFileId });
    if (options.failedDelivery) {
      const recipient = await person();
      await db.insert(campaignDeliveries).values({
        campaignId: row!.id,
        userId: recipient.userId,
        chatId: recipient.telegramId,
        language: 'zh-CN',
        status: 'failed',
        attempts: 6,
        errorCode: 'network',
      });
    }
    return { id: row!.id };
  }

  async function guidePage() {
    const slug = `sweep-${crypto.randomUUID().slice(0, 8)}`;
    slugs.push(slug);
    await db
      .insert(guidePages)
      .values({ slug, sort: 9999, content: { 'zh-CN': { title: '测试', body: '测试' } } });
    return slug;
  }

  /** A seeded person's application (their certificates first): gone as if never started. */
  async function removeApplication(id: string) {
    await db.delete(certificates).where(eq(certificates.applicationId, id));
    await db.delete(certificateApplications).where(eq(certificateApplications.id, id));
  }

  /** Removes every record made here or by the calls on them (campaign rounds, guide pages, drafts). */
  async function cleanup() {
    const apps = people.length
      ? await db
          .select({ id: certificateApplications.id })
          .from(certificateApplications)
          .where(inArray(certificateApplications.applicantUserId, people))
      : [];
    if (apps.length) {
      const ids = apps.map((a) => a.id);
      await db.delete(certificates).where(inArray(certificates.applicationId, ids));
      await db.delete(certificateApplications).where(inArray(certificateApplications.id, ids));
    }
    await db.delete(campaigns).where(like(campaigns.title, `${SWEEP_TITLE}%`));
    if (slugs.length) await db.delete(guidePages).where(inArray(guidePages.slug, slugs));
  }

  /** A village of its own (removed again by removeVillage). */
  async function village(): Promise<number> {
    const [township] = await db.select({ id: townships.id }).from(townships).limit(1);
    const [v] = await db
      .insert(villages)
      .values({ townshipId: township!.id, name: '扫描村', code: `sweep-${crypto.randomUUID().slice(0, 8)}` })
      .returning({ id: villages.id });
    return v!.id;
  }

  async function removeVillage(id: number) {
    await db.delete(villages).where(eq(villages.id, id));
  }

  /** A fresh person who is an officer with this role and scope. */
  async function officer(role: OfficerRole, villageIds: number[] | null): Promise<Person> {
    const p = await person();
    const [township] = await db.select({ id: townships.id }).from(townships).limit(1);
    await db.insert(officerRoles).values({ userId: p.userId, townshipId: township!.id, role, villageIds });
    return p;
  }

  /** An open invitation (a reviewer of the whole township) made by `createdBy`. */
  async function invite(createdBy: string): Promise<string> {
    const [township] = await db.select({ id: townships.id }).from(townships).limit(1);
    const [row] = await db
      .insert(officerInvites)
      .values({
        tokenHash: crypto.randomUUID(),
        townshipId: township!.id,
        roles: ['reviewer'],
        villageIds: null,
        createdBy,
        expiresAt: new Date(Date.now() + 86_400_000 * 30),
      })
      .returning({ id: officerInvites.id });
    return row!.id;
  }

  return {
    village,
    removeVillage,
    officer,
    invite,
    userIdOf,
    person,
    application,
    certificate,
    campaign,
    guidePage,
    removeApplication,
    cleanup,
    trackSlug: (slug: string) => slugs.push(slug),
  };
}
