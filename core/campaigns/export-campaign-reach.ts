import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { allows, couldEver } from '../auth/policy';
import { shanghaiDateTime } from '../certificates/application-records';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { csvStream, exportFileName } from '../exports/csv';
import { type Language, translator } from '../i18n';
import type { TCampaignReachExport } from './campaign-export-schema';
import { campaignPolicy } from './campaign-policy';

const PAGE = 50;

/**
 * Reach of the campaigns on screen (the list's stage filter, only campaigns the officer may read), one
 * row per campaign and village: delivered, failed, blocked, people who clicked. Aggregates only —
 * nothing about a person. Streamed a page of campaigns at a time; audited before any row.
 */
export async function exportCampaignReach(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TCampaignReachExport;
  language: Language;
}) {
  const { deps, actor, input } = options;
  if (!couldEver(campaignPolicy.read, actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'campaign.export',
      recordType: 'campaign',
      recordId: '*',
      details: { status: input.status.join(',') || null },
    },
  });
  const t = translator(options.language, 'app');
  const stage = translator(options.language, 'publicity');
  const body = csvStream<{ updatedAt: Date; id: string }>({
    header: [
      'title',
      'status',
      'startedAt',
      'finishedAt',
      'village',
      'delivered',
      'failed',
      'blocked',
      'clicked',
    ].map((k) => t(`export.campaigns.${k}`)),
    nextPage: async (cursor) => {
      const page = await deps.db
        .select()
        .from(campaigns)
        .where(
          and(
            input.status.length ? inArray(campaigns.status, input.status) : undefined,
            cursor
              ? or(
                  lt(campaigns.updatedAt, cursor.updatedAt),
                  and(eq(campaigns.updatedAt, cursor.updatedAt), lt(campaigns.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(campaigns.updatedAt), desc(campaigns.id))
        .limit(PAGE);
      const readable = page.filter((r) => allows(campaignPolicy.read, actor, r));
      const reach = readable.length
        ? await deps.db.execute<{
            campaign_id: string;
            village_name: string | null;
            delivered: number;
            failed: number;
            blocked: number;
            clicked: number;
          }>(sql`
            select d.campaign_id, v.name as village_name,
              count(*) filter (where d.status = 'sent')::int as delivered,
              count(*) filter (where d.status = 'failed')::int as failed,
              count(*) filter (where d.status = 'blocked')::int as blocked,
              count(distinct c.user_id)::int as clicked
            from campaign_deliveries d
            left join villages v on v.id = d.village_id
            left join campaign_clicks c on c.campaign_id = d.campaign_id and c.user_id = d.user_id
            where d.campaign_id in ${readable.map((r) => r.id)}
            group by d.campaign_id, v.name order by v.name nulls last`)
        : [];
      const rows = readable.flatMap((r) => {
        const lines = reach.filter((x) => x.campaign_id === r.id);
        const head = [
          r.title,
          stage(`list.stages.${r.status === 'approved' ? 'scheduled' : r.status}`),
          r.startedAt ? shanghaiDateTime(r.startedAt) : '',
          r.finishedAt ? shanghaiDateTime(r.finishedAt) : '',
        ];
        return lines.length
          ? lines.map((x) => [...head, x.village_name ?? '', x.delivered, x.failed, x.blocked, x.clicked])
          : [[...head, '', 0, 0, 0, 0]];
      });
      const last = page.at(-1);
      return {
        rows,
        cursor: page.length === PAGE && last ? { updatedAt: last.updatedAt, id: last.id } : null,
      };
    },
  });
  return { body, fileName: exportFileName('campaign-reach', now) };
}
