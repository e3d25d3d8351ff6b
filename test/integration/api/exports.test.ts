// CSV exports of applications, certificates and campaign reach: the filters on screen, the officer's
// villages only, a BOM for Excel, formulas neutralised, ID numbers masked, and each export audited.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { auditLog, certificateApplications, users } from '../../../db/schema';
import { residentId, validForm } from '../../fixtures/certificates';
import { createTestApp, type TestApp } from '../../harness/app';
import { villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';
import { issueTestCertificate } from '../../harness/issued-certificate';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;

const REVIEWER_EAST = 900002; // 东山村, 西山村
const REVIEWER_SOUTH = 900006; // 南湖社区, 北苑社区, 河西村
const PUBLICITY = 900003;
const stamp = Date.now() % 100_000;
const created: string[] = [];
const createdUsers: string[] = [];
const EVIL = `=HYPERLINK("http://x","${stamp}")`;
const SOUTH_NAME = `南湖导出${stamp}`;
let evilId: string;
let evilIdNumber: string;

async function submitted(village: string, name: string) {
  const [u] = await db
    .insert(users)
    .values({ telegramId: 790_000_000 + stamp * 10 + created.length, displayName: 'x' })
    .returning({ id: users.id });
  createdUsers.push(u!.id);
  const form = validForm({ name });
  form.applicant.idNumber = residentId('1990-01-02', 'female', 300 + created.length);
  const [a] = await db
    .insert(certificateApplications)
    .values({
      applicantUserId: u!.id,
      villageId: await villageId(db, village),
      status: 'submitted',
      form,
      submittedAt: clock.now(),
      deadlineAt: new Date('2026-11-20T10:00:00Z'),
      submissionCount: 1,
    })
    .returning({ id: certificateApplications.id });
  created.push(a!.id);
  return { id: a!.id, idNumber: form.applicant.idNumber };
}

async function exportCsv(as: number, path: string, body: unknown) {
  const res = await t.call('POST', path, { as, body });
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('Content-Disposition')).toMatch(
    /^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const evil = await submitted('dongshan', EVIL);
  evilId = evil.id;
  evilIdNumber = evil.idNumber;
  await submitted('nanhu', SOUTH_NAME);
});

afterAll(async () => {
  await db.delete(certificateApplications).where(inArray(certificateApplications.id, created));
  await db.delete(users).where(inArray(users.id, createdUsers));
});

describe('exporting applications', () => {
  it('writes the queue on screen with localized headers, masked ID numbers and no live formulas', async () => {
    const csv = await exportCsv(REVIEWER_EAST, '/api/review/applications/export', { view: 'open' });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '申请编号,状态,户籍所在村（社区）,申请人,身份证号（部分隐藏）,提交时间,办结时限,是否超期,办结时间,负责人,提交次数,证明编号,证明状态',
    );
    const row = lines.find((l) => l.startsWith(evilId))!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"",""${stamp}"")"`);
    expect(row).toContain(`${evilIdNumber.slice(0, 4)}**********${evilIdNumber.slice(-4)}`);
    expect(row).not.toContain(evilIdNumber);
    expect(row).toContain(',已提交,东山村,');
    expect(row).toContain(',是,'); // past its deadline
    expect(csv).not.toContain(SOUTH_NAME);
  });

  it('keeps the filters: another view, another village, the search term', async () => {
    expect(
      await exportCsv(REVIEWER_EAST, '/api/review/applications/export', { view: 'decided' }),
    ).not.toContain(evilId);
    const west = await villageId(db, 'xishan');
    expect(
      await exportCsv(REVIEWER_EAST, '/api/review/applications/export', { villageId: west }),
    ).not.toContain(evilId);
    const searched = await exportCsv(REVIEWER_EAST, '/api/review/applications/export', {
      q: evilIdNumber.slice(-6),
    });
    expect(searched).toContain(evilId);
    expect(searched.trim().split('\r\n')).toHaveLength(2);
    const south = await exportCsv(REVIEWER_SOUTH, '/api/review/applications/export', { q: SOUTH_NAME });
    expect(south).toContain(SOUTH_NAME);
    expect(south).not.toContain(evilId);
  });

  it('records each export in the audit log with its filters, never the search term', async () => {
    await exportCsv(REVIEWER_EAST, '/api/review/applications/export', {
      q: evilIdNumber.slice(-4),
      mine: 'false',
    });
    const [row] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'certificate_application.export'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(row?.details).toMatchObject({ search: 'id_tail', mine: false });
    expect(JSON.stringify(row)).not.toContain(evilIdNumber.slice(-4));
  });

  it('refuses people without the review role', async () => {
    const res = await t.call('POST', '/api/review/applications/export', { as: PUBLICITY, body: {} });
    expect(res.status).toBe(403);
  });
});

describe('exporting certificates', () => {
  it('lists issued certificates of my villages by state, with the holder’s ID masked', async () => {
    const issued = await issueTestCertificate(t, db, '赵导出');
    const csv = await exportCsv(REVIEWER_EAST, '/api/review/certificates/export', { state: 'valid' });
    const row = csv.split('\r\n').find((l) => l.startsWith(issued.serial))!;
    expect(row).toContain('赵导出');
    expect(row).toContain(',有效,');
    expect(row).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(
      await exportCsv(REVIEWER_EAST, '/api/review/certificates/export', { state: 'revoked' }),
    ).not.toContain(issued.serial);
    expect(await exportCsv(REVIEWER_SOUTH, '/api/review/certificates/export', {})).not.toContain(
      issued.serial,
    );
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certificate.export')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit?.details).toMatchObject({ state: null });
  });

  it('refuses a malformed filter with a 400', async () => {
    const res = await t.call('POST', '/api/review/certificates/export', {
      as: REVIEWER_EAST,
      body: { issuedFrom: '2026-13-01' },
    });
    expect(res.status).toBe(400);
  });
});

describe('exporting campaign reach', () => {
  it('writes one row per campaign and village for the stage on screen', async () => {
    const csv = await exportCsv(PUBLICITY, '/api/campaigns/export', { status: ['sent'] });
    expect(csv.split('\r\n')[0]).toBe(
      '宣传标题,状态,开始发送,发送完毕,村（社区）,已送达,发送失败,已屏蔽机器人,点击人数',
    );
    for (const line of csv.trim().split('\r\n').slice(1)) expect(line).toContain(',已发送,');
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'campaign.export'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit?.details).toEqual({ status: 'sent' });
  });

  it('refuses reviewers', async () => {
    const res = await t.call('POST', '/api/campaigns/export', { as: REVIEWER_EAST, body: {} });
    expect(res.status).toBe(403);
  });
});
