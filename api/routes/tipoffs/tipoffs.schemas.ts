// Response schemas of the tip-off routes (OpenAPI); the mini app and the /report page read the same types.
import { z } from '@hono/zod-openapi';
import {
  OUT_OF_SCOPE_REASONS,
  REWARD_STATUSES,
  TIP_CATEGORIES,
  TIP_STATUSES,
} from '../../../core/tipoffs/tipoff-schema';

export const ZTipIdParam = z.object({ tipId: z.uuid() });
export const ZRewardIdParam = z.object({ rewardId: z.uuid() });
export const ZTipAttachmentParam = z.object({ tipId: z.uuid(), attachmentId: z.uuid() });
export const ZCategoryParam = z.object({ category: z.enum(TIP_CATEGORIES) });

const ZCategory = z.enum(TIP_CATEGORIES);
const ZStatus = z.enum(TIP_STATUSES);

export const ZSubmitted = z
  .object({
    receipt: z.string(),
    receiptFormatted: z.string(),
    number: z.number(),
    day: z.string(),
    category: ZCategory,
    signedReceipt: z.string(),
    notify: z.boolean(),
  })
  .openapi('TipSubmitted');

const ZContent = z
  .object({
    villageId: z.number().nullable(),
    villageName: z.string().nullable(),
    place: z.string().nullable(),
    what: z.string(),
    period: z.string(),
    provider: z.string().nullable(),
  })
  .nullable();

export const ZReporterView = z
  .object({
    number: z.number(),
    day: z.string(),
    category: ZCategory,
    status: ZStatus,
    triage: z.enum(['accepted', 'out_of_scope', 'duplicate']).nullable(),
    finding: z.enum(['substantiated', 'unsubstantiated']).nullable(),
    outOfScopeReason: z.enum(OUT_OF_SCOPE_REASONS).nullable(),
    content: ZContent,
    events: z.array(z.object({ type: z.string(), day: z.string(), note: z.string().nullable() })),
    messages: z.array(
      z.object({ id: z.number(), from: z.enum(['reporter', 'handler']), day: z.string(), text: z.string() }),
    ),
    attachments: z.array(
      z.object({ id: z.uuid(), contentType: z.string(), keptMetadata: z.boolean(), day: z.string() }),
    ),
    closingSummary: z.string().nullable(),
    reward: z
      .object({
        status: z.enum(REWARD_STATUSES),
        amountYuan: z.number(),
        claimDeadline: z.string().nullable(),
        claimMethod: z.enum(['in_person', 'bank_transfer']).nullable(),
      })
      .nullable(),
    canWrite: z.boolean(),
    canAttach: z.boolean(),
    canClaim: z.boolean(),
    signedReceipt: z.string(),
  })
  .openapi('ReporterTipView');

export const ZRewardItem = z
  .object({
    id: z.uuid(),
    tipNumber: z.number(),
    category: z.string(),
    amountYuan: z.number(),
    status: z.enum(REWARD_STATUSES),
    proposedAt: z.string(),
    approvedAt: z.string().nullable(),
    secondApprovedAt: z.string().nullable(),
    claimDeadline: z.string().nullable(),
    claimMethod: z.enum(['in_person', 'bank_transfer']).nullable(),
    claimedDay: z.string().nullable(),
    paidAt: z.string().nullable(),
    paymentReference: z.string().nullable(),
    declineReason: z.string().nullable(),
    needsSecondApproval: z.boolean(),
    hasBankDetails: z.boolean(),
    /** Officers' display names (never the reporter's): who proposed, approved, may approve next. */
    proposedByName: z.string().nullable(),
    approvedByName: z.string().nullable(),
    secondApprovedByName: z.string().nullable(),
    canApproveNames: z.array(z.string()),
    can: z.object({
      approve: z.boolean(),
      decline: z.boolean(),
      claimInPerson: z.boolean(),
      readBankDetails: z.boolean(),
      markPaid: z.boolean(),
    }),
  })
  .openapi('RewardItem');

export const ZQueueItem = z
  .object({
    id: z.uuid(),
    number: z.number(),
    day: z.string(),
    category: ZCategory,
    status: ZStatus,
    ownerOfficerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    dueStage: z.enum(['acknowledge', 'triage', 'outcome']).nullable(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    overdueCount: z.number(),
  })
  .openapi('TipQueueItem');

export const ZHandlerView = z
  .object({
    id: z.uuid(),
    number: z.number(),
    day: z.string(),
    category: ZCategory,
    status: ZStatus,
    triage: z.enum(['accepted', 'out_of_scope', 'duplicate']).nullable(),
    finding: z.enum(['substantiated', 'unsubstantiated']).nullable(),
    outOfScopeReason: z.enum(OUT_OF_SCOPE_REASONS).nullable(),
    content: ZContent,
    ownerOfficerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    deadlines: z.object({ ackDueAt: z.string(), triageDueAt: z.string(), outcomeDueAt: z.string() }),
    overdueStage: z.enum(['acknowledge', 'triage', 'outcome']).nullable(),
    overdueCount: z.number(),
    matterNumber: z.number().nullable(),
    duplicateOfNumber: z.number().nullable(),
    linkedNumbers: z.array(z.number()),
    closingSummary: z.string().nullable(),
    events: z.array(
      z.object({
        type: z.string(),
        at: z.string().nullable(),
        day: z.string(),
        note: z.string().nullable(),
        visible: z.boolean(),
        actorName: z.string().nullable(),
      }),
    ),
    messages: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(['reporter', 'handler', 'note']),
        at: z.string().nullable(),
        day: z.string(),
        text: z.string(),
        authorName: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.uuid(),
        contentType: z.string(),
        sizeBytes: z.number(),
        keptMetadata: z.boolean(),
        day: z.string(),
      }),
    ),
    reward: ZRewardItem.nullable(),
    tier: z.object({ category: ZCategory, minYuan: z.number(), maxYuan: z.number() }),
    can: z.object({
      act: z.boolean(),
      write: z.boolean(),
      handOver: z.boolean(),
      proposeReward: z.boolean(),
    }),
    nextActions: z.array(z.string()),
  })
  .openapi('HandlerTipView');

export const ZTipCharts = z
  .object({
    months: z.array(z.string()),
    perCategory: z.array(z.object({ category: ZCategory, counts: z.array(z.number()) })),
    triage: z.object({
      count: z.number(),
      medianWorkingDays: z.number().nullable(),
      averageWorkingDays: z.number().nullable(),
    }),
    substantiated: z.object({ decided: z.number(), substantiated: z.number(), share: z.number().nullable() }),
    rewardsPaid: z.array(z.object({ month: z.string(), count: z.number(), amountYuan: z.number() })),
    overdue: z.object({ open: z.number(), escalations: z.number() }),
  })
  .openapi('TipCharts');

export const ZTier = z.object({ category: ZCategory, minYuan: z.number(), maxYuan: z.number() });

export const ZReceiptVerdict = z
  .object({
    valid: z.boolean(),
    reason: z.enum(['format', 'unknown_key', 'bad_signature']).optional(),
    kid: z.string().optional(),
    townshipCode: z.string().optional(),
    number: z.number().optional(),
    day: z.string().optional(),
    category: ZCategory.optional(),
    contentHash: z.string().optional(),
    registered: z.boolean().optional(),
  })
  .openapi('TipReceiptVerdict');
