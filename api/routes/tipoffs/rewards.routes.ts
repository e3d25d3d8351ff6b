// Finance's side of tip-off rewards (approve, second approval, decline, claim in person, bank details,
// paid) and the admin's reward table. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { approveReward } from '../../../core/tipoffs/approve-reward';
import { claimRewardInPerson } from '../../../core/tipoffs/claim-reward-in-person';
import { declineReward } from '../../../core/tipoffs/decline-reward';
import { listRewards } from '../../../core/tipoffs/list-rewards';
import { markRewardPaid } from '../../../core/tipoffs/mark-reward-paid';
import { readBankDetails } from '../../../core/tipoffs/read-bank-details';
import { rewardPolicy } from '../../../core/tipoffs/tipoff-policy';
import {
  ZDeclineRewardSchema,
  ZMarkPaidSchema,
  ZReceiptBodySchema,
  ZRewardTierSchema,
} from '../../../core/tipoffs/tipoff-schema';
import { updateRewardTier } from '../../../core/tipoffs/update-reward-tier';
import type { AppEnv } from '../../context';
import { signedIn } from '../../middleware/roles';
import { caller } from '../caller';
import { jsonBody as body, actionErrors as errors, jsonResponse as json } from '../schemas';
import { ZCategoryParam, ZRewardIdParam, ZRewardItem, ZTier } from './tipoffs.schemas';

const tags = ['rewards'];

const list = createRoute({
  method: 'get',
  path: '/rewards',
  tags,
  summary: 'The rewards ledger (no reporter data), newest first',
  ...signedIn(rewardPolicy.view),
  responses: { 200: json(z.object({ items: z.array(ZRewardItem) }), 'Rewards'), ...errors },
});

const approve = createRoute({
  method: 'post',
  path: '/rewards/{rewardId}/approve',
  tags,
  summary: 'Approve (finance, not the proposer); ≥ threshold: a second, different approver confirms',
  ...signedIn(rewardPolicy.approve),
  request: { params: ZRewardIdParam },
  responses: { 200: json(ZRewardItem, 'Approved'), ...errors },
});

const decline = createRoute({
  method: 'post',
  path: '/rewards/{rewardId}/decline',
  tags,
  summary: 'Decline a proposal with a reason',
  ...signedIn(rewardPolicy.decline),
  request: { params: ZRewardIdParam, ...body(ZDeclineRewardSchema) },
  responses: { 200: json(ZRewardItem, 'Declined'), ...errors },
});

const inPerson = createRoute({
  method: 'post',
  path: '/rewards/claim-in-person',
  tags,
  summary: "At the office: the receipt's QR was scanned; mark its approved reward claimed in person",
  ...signedIn(rewardPolicy.claimInPerson),
  request: body(ZReceiptBodySchema),
  responses: { 200: json(ZRewardItem, 'Claimed'), ...errors },
});

const bank = createRoute({
  method: 'get',
  path: '/rewards/{rewardId}/bank-details',
  tags,
  summary: 'The bank details of a claimed reward (audited; deleted once paid)',
  ...signedIn(rewardPolicy.readBankDetails),
  request: { params: ZRewardIdParam },
  responses: {
    200: json(
      z.object({ accountName: z.string(), bankName: z.string(), accountNumber: z.string() }),
      'Details',
    ),
    ...errors,
  },
});

const paid = createRoute({
  method: 'post',
  path: '/rewards/{rewardId}/paid',
  tags,
  summary: 'Mark a claimed reward paid with a payment reference',
  ...signedIn(rewardPolicy.markPaid),
  request: { params: ZRewardIdParam, ...body(ZMarkPaidSchema) },
  responses: { 200: json(ZRewardItem, 'Paid'), ...errors },
});

const tier = createRoute({
  method: 'put',
  path: '/reward-tiers/{category}',
  tags,
  summary: "Edit a category's published reward range (admin; max 0 = no cash reward)",
  ...signedIn(rewardPolicy.editTiers),
  request: { params: ZCategoryParam, ...body(ZRewardTierSchema) },
  responses: { 200: json(ZTier, 'Saved'), ...errors },
});

export const rewardRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => c.json(await listRewards(caller(c)), 200))
  .openapi(approve, async (c) =>
    c.json(await approveReward({ ...caller(c), rewardId: c.req.valid('param').rewardId }), 200),
  )
  .openapi(decline, async (c) =>
    c.json(
      await declineReward({
        ...caller(c),
        rewardId: c.req.valid('param').rewardId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(inPerson, async (c) =>
    c.json(await claimRewardInPerson({ ...caller(c), receipt: c.req.valid('json').receipt }), 200),
  )
  .openapi(bank, async (c) =>
    c.json(await readBankDetails({ ...caller(c), rewardId: c.req.valid('param').rewardId }), 200),
  )
  .openapi(paid, async (c) =>
    c.json(
      await markRewardPaid({
        ...caller(c),
        rewardId: c.req.valid('param').rewardId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(tier, async (c) =>
    c.json(
      await updateRewardTier({
        ...caller(c),
        category: c.req.valid('param').category,
        input: c.req.valid('json'),
      }),
      200,
    ),
  );
