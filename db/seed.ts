// Demo data for `npm start` and tests: one township, five villages, one officer per role (plus a
// second reviewer and publicity officer, for scope and four-eyes rules) and a few residents and
// migrants. Idempotent: re-running updates the same rows.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { GuideContent, OfficerRole, PopulationStatus, UserLanguage } from './schema';
import {
  guidePages,
  officerRoles,
  serviceAgreementVersions,
  topics,
  townships,
  users,
  villages,
} from './schema';

/** Campaign topics in the office's order (names in the locale files, campaigns:topic.<code>). */
export const TOPICS = [
  'marriage_customs',
  'care_for_girls',
  'family_support',
  'pre_pregnancy_checkup',
  'women_health',
  'birth_policy',
] as const;

/** The service guide's first pages (公开栏): procedure, documents, time limit, fee — in every language. */
export const GUIDE_PAGES: { slug: string; sort: number; content: Record<UserLanguage, GuideContent> }[] = [
  {
    slug: 'migrant-certificate',
    sort: 10,
    content: {
      'zh-CN': {
        title: '流动人口婚育证明',
        body: '办理流程：在小程序“婚育证明”中填写申请 → 上传材料 → 提交 → 审核员审核 → 签发电子证明（可扫码核验）。\n所需材料：本人居民身份证；户口簿本人页；已婚者提供结婚证。\n办理时限：提交材料齐全后 3 个工作日内办结；材料不全的，一次性告知需补充的全部内容。\n收费标准：免费。',
      },
      'zh-TW': {
        title: '流動人口婚育證明',
        body: '辦理流程：在小程式「婚育證明」中填寫申請 → 上傳材料 → 提交 → 審核員審核 → 簽發電子證明（可掃碼核驗）。\n所需材料：本人居民身分證；戶口簿本人頁；已婚者提供結婚證。\n辦理時限：提交材料齊全後 3 個工作日內辦結；材料不全的，一次性告知需補充的全部內容。\n收費標準：免費。',
      },
      en: {
        title: 'Migrant marriage-and-childbirth certificate',
        body: 'How: fill in the application in the mini app ("Certificate") → upload the documents → submit → an officer reviews it → the signed certificate is issued (anyone can check its QR code).\nDocuments: your resident ID card; your page of the household register; your marriage certificate if married.\nTime limit: decided within 3 working days of a complete submission; if anything is missing you are told everything at once.\nFee: free of charge.',
      },
    },
  },
  {
    slug: 'pre-pregnancy-checkup',
    sort: 20,
    content: {
      'zh-CN': {
        title: '免费孕前优生健康检查',
        body: '对象：计划怀孕的夫妇（含流动人口）。\n办理流程：到村（社区）或乡镇卫生院预约 → 携带身份证和结婚证参加检查 → 领取检查结果和咨询建议。\n办理时限：预约后一般 7 天内安排检查。\n收费标准：免费。',
      },
      'zh-TW': {
        title: '免費孕前優生健康檢查',
        body: '對象：計畫懷孕的夫婦（含流動人口）。\n辦理流程：到村（社區）或鄉鎮衛生院預約 → 攜帶身分證和結婚證參加檢查 → 領取檢查結果和諮詢建議。\n辦理時限：預約後一般 7 天內安排檢查。\n收費標準：免費。',
      },
      en: {
        title: 'Free pre-pregnancy health check-up',
        body: 'For: couples planning a pregnancy (migrants included).\nHow: book at your village or the township health centre → bring your ID cards and marriage certificate → receive the results and advice.\nTime limit: usually scheduled within 7 days of booking.\nFee: free of charge.',
      },
    },
  },
  {
    slug: 'eight-ones',
    sort: 30,
    content: {
      'zh-CN': {
        title: '外出人员“八个一”服务',
        body: '外出务工人员可在小程序中完善服务档案：外出培训、健康检查（可在现居住地检查后上传报告）、婚育证明、服务协议、联系方式、寄回证明、个人档案和生产生活服务。\n办理时限：上传材料后 3 个工作日内确认。\n收费标准：免费。',
      },
      'zh-TW': {
        title: '外出人員「八個一」服務',
        body: '外出務工人員可在小程式中完善服務檔案：外出培訓、健康檢查（可在現居住地檢查後上傳報告）、婚育證明、服務協議、聯絡方式、寄回證明、個人檔案和生產生活服務。\n辦理時限：上傳材料後 3 個工作日內確認。\n收費標準：免費。',
      },
      en: {
        title: 'The "eight ones" service for people who moved away',
        body: 'If you work elsewhere, keep your service file up to date in the mini app: pre-departure training, health check-up (get it where you live and upload the report), marriage-and-childbirth certificate, service agreement, contact details, proof sent back, personal file and livelihood services.\nTime limit: uploads are confirmed within 3 working days.\nFee: free of charge.',
      },
    },
  },
];

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
  {
    // A second reviewer for 东山村, so an application there can be handed over (首问负责 handover).
    telegramId: 900008,
    displayName: '孙审核',
    language: 'zh-CN',
    village: null,
    status: 'resident',
    roles: [{ role: 'reviewer', villages: ['dongshan'] }],
  },
  { telegramId: 900101, displayName: '张小明', language: 'zh-CN', village: 'dongshan', status: 'resident' },
  { telegramId: 900102, displayName: '李娜', language: 'zh-CN', village: 'dongshan', status: 'moved_away' },
  { telegramId: 900103, displayName: '王芳', language: 'zh-TW', village: 'xishan', status: 'moved_away' },
  { telegramId: 900104, displayName: '陈伟', language: 'zh-CN', village: 'nanhu', status: 'newcomer' },
  { telegramId: 900105, displayName: 'Alice Chen', language: 'en', village: 'beiyuan', status: 'moved_away' },
];

/** The demo office's service agreement (八个一), version 1: what the office and the person each undertake. */
const DEMO_AGREEMENT: Record<string, string> = {
  'zh-CN':
    '流动人口计划生育（婚育）服务协议\n一、乡人口服务办公室为您免费提供婚育证明、健康检查指导、就业培训和法律援助信息等服务，并对您的资料保密。\n二、您在外期间请保持联系方式有效，按期在小程序中更新“八个一”服务档案，并在现居住地接受免费的健康检查。\n三、办公室只确认检查已完成（日期、机构），不记录检查结果；健康资料在核实后 90 天删除。\n四、本协议自您确认之日起生效，返乡或办公室发布新版本时重新确认。',
  'zh-TW':
    '流動人口計劃生育（婚育）服務協議\n一、鄉人口服務辦公室為您免費提供婚育證明、健康檢查指導、就業培訓和法律扶助資訊等服務，並對您的資料保密。\n二、您在外期間請保持聯絡方式有效，按期在小程式中更新「八個一」服務檔案，並在現居住地接受免費的健康檢查。\n三、辦公室只確認檢查已完成（日期、機構），不記錄檢查結果；健康資料在核實後 90 天刪除。\n四、本協議自您確認之日起生效，返鄉或辦公室發布新版本時重新確認。',
  en: 'Service agreement for people who work away from home\n1. The township population-services office provides, free of charge, the marriage-and-childbirth certificate, guidance on health check-ups, and job, training and legal-aid information, and keeps your data confidential.\n2. While you are away, keep your contact details current, update your "eight ones" service file in the mini app when items fall due, and have the free check-up where you live.\n3. The office only confirms that a check-up took place (date, clinic), never its results; health records are deleted 90 days after they are checked.\n4. This agreement applies from the day you confirm it; confirm it again when you move back or the office publishes a new version.',
};

export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // Topics before people: filing a person subscribes them to every topic (opt-out model).
    for (const [i, code] of TOPICS.entries()) {
      await tx
        .insert(topics)
        .values({ code, sort: (i + 1) * 10 })
        .onConflictDoUpdate({ target: topics.code, set: { sort: (i + 1) * 10 } });
    }
    // Guide pages are the office's own texts once edited: only missing pages are added.
    for (const page of GUIDE_PAGES) await tx.insert(guidePages).values(page).onConflictDoNothing();
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
    // The office's texts once published: only a database without any agreement gets the demo one.
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.telegramId, 900001));
    await tx
      .insert(serviceAgreementVersions)
      .values({ version: 1, texts: DEMO_AGREEMENT, publishedAt: new Date(), publishedBy: admin?.id ?? null })
      .onConflictDoNothing();
  });
}
