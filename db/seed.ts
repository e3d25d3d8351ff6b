// Demo data for `npm start` and tests: one township, five villages, one officer per role (plus a
// second reviewer and publicity officer, for scope and four-eyes rules) and a few residents and
// migrants. Idempotent: re-running updates the same rows.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { OfficerRole, PopulationStatus, UserLanguage } from './schema';
import { officerRoles, townships, users, villages } from './schema';

export const DEMO_TOWNSHIP = { code: 'demo', name: '示范镇', officeName: '示范镇人口服务办公室' };
export const DEMO_VILLAGES = [
  { code: 'dongshan', name: '东山村' },
  { code: 'xishan', name: '西山村' },
  { code: 'nanhu', name: '南湖社区' },
  { code: 'beiyuan', name: '北苑社区' },
  { code: 'hexi', name: '河西村' },
] as const;
type VillageCode = (typeof DEMO_VILLAGES)[number]['code'];

export interface DemoUser {
  telegramId: number;
  displayName: string;
  language: UserLanguage;
  village: VillageCode | null;
  status: PopulationStatus;
  roles?: { role: OfficerRole; villages: VillageCode[] | 'township' }[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    telegramId: 900001,
    displayName: '李管理',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'admin', villages: 'township' }],
  },
  {
    telegramId: 900002,
    displayName: '王审核',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'reviewer', villages: ['dongshan', 'xishan'] }],
  },
  {
    telegramId: 900003,
    displayName: '陈宣传',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'publicity', villages: 'township' }],
  },
  {
    telegramId: 900004,
    displayName: '赵受理',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'case_handler', villages: 'township' }],
  },
  {
    telegramId: 900005,
    displayName: '刘财务',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'finance', villages: 'township' }],
  },
  {
    telegramId: 900006,
    displayName: '周审核',
    language: 'zh-TW',
    village: null,
    status: 'resident',
    roles: [{ role: 'reviewer', villages: ['nanhu', 'beiyuan', 'hexi'] }],
  },
  {
    telegramId: 900007,
    displayName: 'Grace Publicity',
    language: 'en',
    village: null,
    status: 'resident',
    roles: [{ role: 'publicity', villages: 'township' }],
  },
  { telegramId: 900101, displayName: '张小明', language: 'zh-CN', village: 'dongshan', status: 'resident' },
  { telegramId: 900102, displayName: '李娜', language: 'zh-CN', village: 'dongshan', status: 'moved_away' },
  { telegramId: 900103, displayName: '王芳', language: 'zh-TW', village: 'xishan', status: 'moved_away' },
  { telegramId: 900104, displayName: '陈伟', language: 'zh-CN', village: 'nanhu', status: 'newcomer' },
  { telegramId: 900105, displayName: 'Alice Chen', language: 'en', village: 'beiyuan', status: 'moved_away' },
];

export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [township] = await tx
      .insert(townships)
      .values(DEMO_TOWNSHIP)
      .onConflictDoUpdate({
        target: townships.code,
        set: { name: DEMO_TOWNSHIP.name, officeName: DEMO_TOWNSHIP.officeName },
      })
      .returning();
    const villageIds = new Map<string, number>();
    for (const v of DEMO_VILLAGES) {
      const [row] = await tx
        .insert(villages)
        .values({ ...v, townshipId: township!.id })
        .onConflictDoUpdate({ target: villages.code, set: { name: v.name } })
        .returning();
      villageIds.set(v.code, row!.id);
    }
    for (const u of DEMO_USERS) {
      const villageId = u.village ? villageIds.get(u.village)! : null;
      const [row] = await tx
        .insert(users)
        .values({
          telegramId: u.telegramId,
          displayName: u.displayName,
          language: u.language,
          villageId,
          populationStatus: u.status,
        })
        .onConflictDoUpdate({
          target: users.telegramId,
          set: { displayName: u.displayName, villageId, populationStatus: u.status },
        })
        .returning();
      for (const grant of u.roles ?? []) {
        const ids = grant.villages === 'township' ? null : grant.villages.map((c) => villageIds.get(c)!);
        await tx
          .insert(officerRoles)
          .values({ userId: row!.id, townshipId: township!.id, role: grant.role, villageIds: ids })
          .onConflictDoUpdate({
            target: [officerRoles.userId, officerRoles.role],
            set: { villageIds: ids === null ? sql`null` : ids },
          });
      }
    }
  });
}
