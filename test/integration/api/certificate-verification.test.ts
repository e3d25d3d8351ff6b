// The public check of a certificate on real Postgres: a serial alone reveals nothing (the check code
// is needed, and a wrong one is answered like an unknown serial, in the same time), checks are counted
// per day without serials and purged, the signed list of revoked certificates, the page's static
// script, and "revoked" wherever an issued certificate is shown.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyStatusList } from '../../../core/certificates/status-list';
import { translator } from '../../../core/i18n';
import { purgeExpired } from '../../../core/maintenance/purge-expired';
import { fixedClock } from '../../../core/runtime';
import { certificateVerificationCounts } from '../../../db/schema';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';
import {
  type IssuedCertificate,
  issueTestCertificate,
  REVIEWER_DONGSHAN,
  revokeTestCertificate,
} from '../../harness/issued-certificate';

const db = useTestDb();
// Friday 27 November 2026, 10:00 in Shanghai.
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let cert: IssuedCertificate;

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  // Many checks from one address: the throttle itself is tested in rate-limits.test.ts.
  t = await createTestApp({ clock, env: UNTHROTTLED_ENV });
  cert = await issueTestCertificate(t, db);
});

describe('looking a certificate up', () => {
  it('answers a missing or wrong check code exactly like an unknown serial', async () => {
    const lookUp = async (serial: string, code?: string) =>
      json(
        await t.call('GET', `/api/certificates/${serial}/verify${code === undefined ? '' : `?c=${code}`}`),
      );
    const unknown = 'DEMO-2099-999999';
    const same = (body: Record<string, unknown>, serial: string) => ({
      ...body,
      serial: body.serial === serial ? 'S' : body.serial,
    });
    const answers = [
      same(await lookUp(cert.serial), cert.serial),
      same(await lookUp(cert.serial, 'ZZZZZZZZ'), cert.serial),
      same(await lookUp(cert.serial, `${cert.checkCode.slice(0, 7)}`), cert.serial),
      same(await lookUp(unknown, 'ZZZZZZZZ'), unknown),
      same(await lookUp(unknown, cert.checkCode), unknown),
    ];
    for (const answer of answers) expect(answer).toEqual({ serial: 'S', result: 'not_found' });
    // The code as printed (XXXX-XXXX), in lower case, opens it.
    const printed = `${cert.checkCode.slice(0, 4)}-${cert.checkCode.slice(4)}`.toLowerCase();
    expect(await lookUp(cert.serial, printed)).toMatchObject({ result: 'valid', holder: { name: '李*' } });
  });

  it('takes the same time for a wrong code as for an unknown serial', async () => {
    const median = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < 25; i++) {
        const start = performance.now();
        await t.call('GET', path);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[12]!;
    };
    const wrongCode = await median(`/api/certificates/${cert.serial}/verify?c=ZZZZZZZZ`);
    const unknownSerial = await median('/api/certificates/DEMO-2099-999999/verify?c=ZZZZZZZZ');
    const ratio = wrongCode / unknownSerial;
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('asks for the check code on the page, and shows nothing of the certificate without it', async () => {
    const page = await t.call('GET', `/verify/${cert.serial}`, { headers: { 'Accept-Language': 'en' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const en = translator('en', 'certificates');
    expect(html).toContain(en('verify.explain.code_needed'));
    expect(html).toContain('name="c"');
    expect(html).not.toContain('李*');
    const wrong = await t.call('GET', `/verify/${cert.serial}?c=ZZZZ-ZZZZ`);
    const unknown = await t.call('GET', '/verify/DEMO-2099-999999?c=ZZZZ-ZZZZ');
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect((await wrong.text()).replaceAll(cert.serial, 'S')).toBe(
      (await unknown.text()).replaceAll('DEMO-2099-999999', 'S'),
    );
  });

  it('serves the page with no inline script: its script and styles are static files', async () => {
    const html = await (await t.call('GET', `/verify/${cert.serial}?c=${cert.checkCode}`)).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      // Either an external file or a JSON data block (never executed, allowed under any CSP).
      expect(
        / src="\/app\/verify\/[\w-]+\.js"/.test(attributes!) ||
          attributes === ' type="application/json" id="verify-data"',
      ).toBe(true);
      if (attributes!.includes('src=')) expect(body).toBe('');
    }
    expect(html).not.toMatch(/ style="/);
    expect(html).toContain('<link rel="stylesheet" href="/app/verify/verify.css">');
  });

  it('counts checks per day, channel and answer — never which serial — and purges the counts after a year', async () => {
    const today = async () =>
      Object.fromEntries(
        (
          await db
            .select()
            .from(certificateVerificationCounts)
            .where(eq(certificateVerificationCounts.day, '2026-11-27'))
        ).map((r) => [`${r.channel}:${r.result}`, r.count]),
      );
    const before = await today();
    await t.call('GET', `/api/certificates/${cert.serial}/verify?c=${cert.checkCode}`);
    await t.call('GET', `/api/certificates/${cert.serial}/verify?c=ZZZZZZZZ`);
    await t.call('GET', `/verify/${cert.serial}?c=${cert.checkCode}`);
    const after = await today();
    expect((after['api:valid'] ?? 0) - (before['api:valid'] ?? 0)).toBe(1);
    expect((after['api:not_found'] ?? 0) - (before['api:not_found'] ?? 0)).toBe(1);
    expect((after['page:valid'] ?? 0) - (before['page:valid'] ?? 0)).toBe(1);
    const [row] = await db.select().from(certificateVerificationCounts).limit(1);
    expect(Object.keys(row!).sort()).toEqual(['channel', 'count', 'day', 'result']);

    await db
      .insert(certificateVerificationCounts)
      .values({ day: '2025-11-25', channel: 'api', result: 'valid', count: 3 })
      .onConflictDoNothing();
    try {
      const purged = await purgeExpired({ deps: t.services().deps });
      expect(purged.verificationCounts).toBeGreaterThanOrEqual(1);
      const days = (
        await db.select({ day: certificateVerificationCounts.day }).from(certificateVerificationCounts)
      ).map((r) => r.day);
      expect(days).not.toContain('2025-11-25');
      expect(days).toContain('2026-11-27');
    } finally {
      await db
        .delete(certificateVerificationCounts)
        .where(eq(certificateVerificationCounts.day, '2025-11-25'));
    }
  });
});

describe('the signed list of revoked certificates', () => {
  it('is public, cacheable for its time-to-live, signed with the published key, and lists a revoked certificate', async () => {
    const revoked = await issueTestCertificate(t, db, '王芳');
    await revokeTestCertificate(t, revoked.serial);
    const res = await t.call('GET', '/api/certificates/status-list');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=21600');
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const { keys } = await json<{ keys: { kid: string; publicKey: string }[] }>(
      await t.call('GET', '/api/certificates/keys'),
    );
    const text = await res.text();
    const checked = await verifyStatusList(text, keys, clock.now());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.list.revoked.has(revoked.serial)).toBe(true);
    expect(checked.list.revoked.has(cert.serial)).toBe(false);
    expect(checked.list.expiresAt.getTime() - clock.now().getTime()).toBe(21_600_000);
    expect((await verifyStatusList(text, keys, new Date(clock.now().getTime() + 21_600_000))).ok).toBe(false);
  });
});

describe('a revoked certificate wherever it is shown', () => {
  it('is revoked in the holder’s list and card, the reviewer’s queue, screen and badge data, and counted apart on the dashboard', async () => {
    const dashboard = async () =>
      (
        await json<{ byStatus: Record<string, number> }>(
          await t.call('GET', '/api/review/dashboard', { as: REVIEWER_DONGSHAN }),
        )
      ).byStatus;
    const target = await issueTestCertificate(t, db, '赵敏');
    const before = await dashboard();
    await revokeTestCertificate(t, target.serial);
    const after = await dashboard();
    expect(after.issued).toBe(before.issued! - 1);
    expect(after.revoked).toBe(before.revoked! + 1);

    const { applications } = await json<{
      applications: { certificateState: string; revokedAt: string | null }[];
    }>(await t.call('GET', '/api/certificates/applications', { as: target.telegramId }));
    expect(applications[0]).toMatchObject({ certificateState: 'revoked' });
    expect(applications[0]!.revokedAt).toBeTruthy();

    const queue = await json<{ items: { id: string; certificateState: string | null }[] }>(
      await t.call('GET', '/api/review/applications?view=decided&limit=100', { as: REVIEWER_DONGSHAN }),
    );
    expect(queue.items.find((i) => i.id === target.applicationId)?.certificateState).toBe('revoked');
    expect(queue.items.find((i) => i.id === cert.applicationId)?.certificateState).toBe('valid');

    // The certificate card (holder's page and the reviewer's screen) reads the same standing.
    for (const [as, path] of [
      [target.telegramId, `/api/certificates/applications/${target.applicationId}`],
      [REVIEWER_DONGSHAN, `/api/review/applications/${target.applicationId}`],
    ] as const) {
      const view = await json<{ certificate: { standing: string } }>(await t.call('GET', path, { as }));
      expect(view.certificate.standing).toBe('revoked');
    }
  });
});
